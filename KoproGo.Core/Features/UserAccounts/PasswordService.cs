using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.UserAccounts;

public sealed class ChangePasswordInput
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }
}

public interface IPasswordService
{
    /// <summary>
    /// A signed-in user changes their password with the current one (which counts towards the lockout when wrong). The new
    /// one passes Identity's rules and the common-password list; every other session ends; the user is told by email.
    /// </summary>
    Task<Result> ChangeAsync(Actor actor, ChangePasswordInput input, CancellationToken ct);
}

public sealed class PasswordService(IKoproGoDbFactory dbFactory, UserManager<AppUser> users, TimeProvider clock) : IPasswordService
{
    public async Task<Result> ChangeAsync(Actor actor, ChangePasswordInput input, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        var validation = new Validation()
            .Rule(!string.IsNullOrEmpty(input.CurrentPassword), nameof(input.CurrentPassword), Errors.Required)
            .Rule(!string.IsNullOrEmpty(input.NewPassword), nameof(input.NewPassword), Errors.Required)
            .Rule(input.NewPassword == input.ConfirmPassword, nameof(input.ConfirmPassword), "error.password_mismatch")
            .Rule(input.NewPassword is null || input.NewPassword.Length <= 200, nameof(input.NewPassword), Errors.TooLong, 200);
        if (!validation.IsValid)
            return validation.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId && u.ErasedAt == null, ct);
        if (user is null)
            return Errors.NotFoundError;
        var check = await db.CheckPasswordAsync(users.PasswordHasher, user, input.CurrentPassword, actor, clock, "account.password_change_refused", ct, nameof(input.CurrentPassword));
        if (!check.Succeeded)
            return check;
        var errors = new List<Error>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, input.NewPassword);
            errors.AddRange(result.Errors.Select(e => new Error("identity." + e.Code, [], nameof(input.NewPassword))));
        }
        if (errors.Count > 0)
        {
            await db.SaveChangesAsync(ct);      // the successful check reset the failure count
            return Result.Fail(errors);
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, input.NewPassword!);
        user.RotateSecurityStamp();
        db.Audit(actor, clock, "account.password_changed", "User", user.Id);
        if (user.Email is not null)
            db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(user.Email, user.DisplayName, user.Id),
                Texts.Get("mail.password_changed.subject", user.PreferredLanguage),
                Texts.Get("mail.password_changed.body", user.PreferredLanguage, user.DisplayName), null, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
