using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.UserAccounts;

/// <summary>The account lockout of SPEC §1.2, shared by the sign-in form (Identity) and every password asked inside the app.</summary>
public static class PasswordPolicy
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    /// <summary>A sensitive change (2FA set-up) must follow a password check this recent (OWASP ASVS V7.5.1 re-authentication).</summary>
    public static readonly TimeSpan Reauthentication = TimeSpan.FromMinutes(5);
}

public static class PasswordChecks
{
    /// <summary>
    /// Checks the password typed to confirm a sensitive action (disable 2FA, erase, change the email…). A wrong one counts
    /// towards the same lockout as the sign-in form, so the app is no oracle for guessing a stolen session's password;
    /// the refusal is audited as <paramref name="refusedAction"/> (reason <c>locked_out</c> or <c>wrong_password</c>, shown
    /// translated in the audit log) and saved at once (the caller's change is not).
    /// </summary>
    public static async Task<Result> CheckPasswordAsync(this IKoproGoDb db, IPasswordHasher<AppUser> hasher, AppUser user, string? password,
        Actor actor, TimeProvider clock, string refusedAction, CancellationToken ct, string field = "Password")
    {
        var now = clock.GetUtcNow();
        if (user.LockoutEnd is { } until && until > now)
        {
            db.Audit(actor, clock, refusedAction, "User", user.Id, details: "locked_out");
            await db.SaveChangesAsync(ct);
            return new Error("error.password_locked", [BusinessTime.LocalDateTime(until)], field);
        }
        var ok = user.PasswordHash is not null && !string.IsNullOrEmpty(password)
                 && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (ok)
        {
            user.AccessFailedCount = 0;
            return Result.Ok();
        }
        user.AccessFailedCount++;
        if (user.AccessFailedCount >= PasswordPolicy.MaxFailures)
        {
            user.LockoutEnd = now + PasswordPolicy.Lockout;
            user.AccessFailedCount = 0;
        }
        db.Audit(actor, clock, refusedAction, "User", user.Id, details: "wrong_password");
        await db.SaveChangesAsync(ct);
        return new Error("error.password_wrong", [], field);
    }
}
