using KoproGo.Core.Features.UserAccounts;
using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.Security;

public enum CodeCheck { Accepted, Invalid, Replayed, Locked }

/// <param name="Required">An organisation where the user is syndic or accountant requires 2FA (and it is not on yet).</param>
public sealed record TwoFactorStatus(bool Enabled, int BackupCodesLeft, DateTimeOffset? LockedUntil, bool Required);

public sealed record TotpSetup(string KeyText, string OtpAuthUri, string QrPngDataUri);

public interface ITwoFactorService
{
    Task<TwoFactorStatus> StatusAsync(Actor actor, CancellationToken ct);
    /// <summary>True when the user must set up 2FA before using the app (organisation setting for syndics and accountants).</summary>
    Task<bool> MustEnableAsync(Actor actor, CancellationToken ct);
    /// <summary>A new secret (160 bits) with its QR code, after the password; 2FA is not on until <see cref="ConfirmSetupAsync"/>.</summary>
    Task<Result<TotpSetup>> BeginSetupAsync(Actor actor, string password, CancellationToken ct);
    /// <summary>Switches 2FA on with a valid code of the pending secret (within 5 minutes of the password); returns the 10 backup codes, shown once.</summary>
    Task<Result<IReadOnlyList<string>>> ConfirmSetupAsync(Actor actor, string code, CancellationToken ct);
    Task<Result<IReadOnlyList<string>>> RegenerateBackupCodesAsync(Actor actor, string password, CancellationToken ct);
    Task<Result> DisableAsync(Actor actor, string password, CancellationToken ct);
    /// <summary>
    /// A SuperAdmin revokes anyone's 2FA; a syndic only that of a user whose every membership is in organisations they
    /// manage (never a SuperAdmin's). The user is notified; every refusal is audited.
    /// </summary>
    Task<Result> RevokeAsync(Actor actor, string userId, CancellationToken ct);
    /// <summary>Sign-in second step with a TOTP code; the database accepts each time step once, even under parallel requests.</summary>
    Task<CodeCheck> CheckCodeAsync(string userId, string code, CancellationToken ct);
    Task<CodeCheck> CheckBackupCodeAsync(string userId, string code, CancellationToken ct);
    Task<DateTimeOffset?> LockedUntilAsync(string userId, CancellationToken ct);
}

// IPasswordHasher, not UserManager: Identity's token providers call this service, and UserManager builds its
// token providers in its constructor, so depending on it here would be a cycle.
public sealed class TwoFactorService(IKoproGoDbFactory dbFactory, SecretProtector protector, IPasswordHasher<AppUser> passwords, TimeProvider clock, INotificationService notifications) : ITwoFactorService
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    public async Task<TwoFactorStatus> StatusAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var enabled = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.TwoFactorEnabled).FirstOrDefaultAsync(ct);
        var left = await db.BackupCodes.CountAsync(c => c.UserId == actor.UserId && c.UsedAt == null, ct);
        var required = !enabled && ((actor.IsSuperAdmin && !actor.IsSystem) || await RequiredByAnOrganisationAsync(db, actor, ct));
        return new TwoFactorStatus(enabled, left, actor.UserId is null ? null : await LockedUntilAsync(db, actor.UserId, ct), required);
    }

    public async Task<bool> MustEnableAsync(Actor actor, CancellationToken ct)
    {
        if (actor.IsSuperAdmin && !actor.IsSystem)
        {
            // the platform operator holds every organisation's data: 2FA is not optional (ASVS V6.3.3)
            await using var admins = await dbFactory.CreateAsync(ct);
            return await admins.Users.AnyAsync(u => u.Id == actor.UserId && !u.TwoFactorEnabled, ct);
        }
        if (!actor.Grants.Any(g => g.Role is Role.Syndic or Role.Accountant))
            return false;      // no query for owners, tenants, contractors
        // one query: this runs on every navigation of a syndic or accountant (the layout asks)
        var staffOrganisations = StaffOrganisations(actor);
        await using var db = await dbFactory.CreateAsync(ct);
        return await db.Users.AnyAsync(u => u.Id == actor.UserId && !u.TwoFactorEnabled
            && db.Set<Organisation>().Any(o => staffOrganisations.Contains(o.Id) && o.RequireTwoFactorForStaff), ct);
    }

    private static List<Guid> StaffOrganisations(Actor actor) =>
        actor.Grants.Where(g => g.Role is Role.Syndic or Role.Accountant).Select(g => g.OrganisationId).Distinct().ToList();

    private static async Task<bool> RequiredByAnOrganisationAsync(IKoproGoDb db, Actor actor, CancellationToken ct)
    {
        var staffOrganisations = StaffOrganisations(actor);
        return staffOrganisations.Count > 0 && await db.Organisations.AnyAsync(o => staffOrganisations.Contains(o.Id) && o.RequireTwoFactorForStaff, ct);
    }

    public async Task<Result<TotpSetup>> BeginSetupAsync(Actor actor, string password, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        if (user is null)
            return Errors.ForbiddenError;
        if (user.TwoFactorEnabled)
            return new Error("error.2fa_already_on");
        var check = await db.CheckPasswordAsync(passwords, user, password, actor, clock, "2fa.setup_refused", ct);
        if (!check.Succeeded)
            return Result<TotpSetup>.Fail(check.Errors);
        var secret = Totp.NewSecret();
        user.TotpPendingSecret = protector.Protect(secret);
        user.TotpPendingSince = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        var uri = Totp.OtpAuthUri(secret, user.Email ?? user.Id);
        // groups of four for reading aloud or typing into an app
        var key = string.Join(' ', Totp.Base32(secret).Chunk(4).Select(c => new string(c)));
        return new TotpSetup(key, uri, QrCodes.PngDataUri(uri));
    }

    public async Task<Result<IReadOnlyList<string>>> ConfirmSetupAsync(Actor actor, string code, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // two confirmations at once: the second waits here, then finds no pending secret (one set of backup codes)
        await db.LockUserAsync(actor.UserId, ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        if (user?.TotpPendingSecret is null)
            return new Error("error.2fa_no_setup");
        if (user.TotpPendingSince is not { } since || clock.GetUtcNow() - since > PasswordPolicy.Reauthentication)
            return new Error("error.2fa_setup_expired");
        if (await LockedUntilAsync(db, user.Id, ct) is { } until)
            return new Error("error.2fa_locked", [BusinessTime.LocalDateTime(until)]);
        var step = Totp.MatchStep(protector.Unprotect(user.TotpPendingSecret), code?.Trim(), clock.GetUtcNow());
        if (step is null)
        {
            db.TwoFactorFailures.Add(TwoFactorFailure.Create(user.Id, clock.GetUtcNow()));
            db.Audit(actor, clock, "2fa.setup_failed", "User", user.Id);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new Error("error.2fa_code_invalid", [], "Code");
        }
        user.TotpSecret = user.TotpPendingSecret;
        user.TotpPendingSecret = null;
        user.TotpPendingSince = null;
        user.TotpLastStep = step.Value;
        user.TwoFactorEnabled = true;
        // no new security stamp: switching 2FA on ends no session (nothing was compromised), and a new stamp would
        // revalidate this very page out within a minute, while the person is copying the backup codes shown once
        var codes = ReplaceBackupCodes(db, user.Id);
        db.Audit(actor, clock, "2fa.enabled", "User", user.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<IReadOnlyList<string>>.Ok(codes);
    }

    public async Task<Result<IReadOnlyList<string>>> RegenerateBackupCodesAsync(Actor actor, string password, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        if (user is null || !user.TwoFactorEnabled)
            return new Error("error.2fa_not_on");
        var check = await db.CheckPasswordAsync(passwords, user, password, actor, clock, "2fa.backup_refused", ct);
        if (!check.Succeeded)
            return Result<IReadOnlyList<string>>.Fail(check.Errors);
        var codes = ReplaceBackupCodes(db, user.Id);
        db.Audit(actor, clock, "2fa.backup_regenerated", "User", user.Id);
        await db.SaveChangesAsync(ct);
        return Result<IReadOnlyList<string>>.Ok(codes);
    }

    public async Task<Result> DisableAsync(Actor actor, string password, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        if (user is null || !user.TwoFactorEnabled)
            return new Error("error.2fa_not_on");
        if (user.IsSuperAdmin)
            return new Error("error.2fa_required_admin");
        var check = await db.CheckPasswordAsync(passwords, user, password, actor, clock, "2fa.disable_refused", ct);
        if (!check.Succeeded)
            return check;
        TurnOff(db, user);
        db.Audit(actor, clock, "2fa.disabled", "User", user.Id);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> RevokeAsync(Actor actor, string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
            return Errors.NotFoundError;
        var organisations = await db.Memberships.Where(m => m.UserId == userId).Select(m => m.OrganisationId).Distinct().ToListAsync(ct);
        if (!await db.MayAdministerAsync(actor, user, ct))
        {
            db.Audit(actor, clock, "2fa.revoke_refused", "User", user.Id, details: user.IsSuperAdmin ? "superadmin" : "outside_organisations");
            await db.SaveChangesAsync(ct);
            // a user the actor shares no organisation with is not revealed
            return organisations.Any(o => actor.CanManage(o)) ? Errors.ForbiddenError : Errors.NotFoundError;
        }
        if (!user.TwoFactorEnabled)
            return new Error("error.2fa_not_on");
        var organisation = organisations.Count > 0 ? organisations[0] : (Guid?)null;
        TurnOff(db, user);
        db.Audit(actor, clock, "2fa.revoked", "User", user.Id, organisation, details: user.Email);
        await notifications.NotifyUsersAsync(db, [user.Id], null, NotificationType.System, "notify.2fa_revoked", [actor.Name], "/account/security", ct, PersonRef.User(actor.UserId));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<CodeCheck> CheckCodeAsync(string userId, string code, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await LockedUntilAsync(db, userId, ct) is not null)
            return await FailAsync(db, userId, CodeCheck.Locked, recordFailure: false, ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is not { TwoFactorEnabled: true, TotpSecret: not null })
            return CodeCheck.Invalid;
        var step = Totp.MatchStep(protector.Unprotect(user.TotpSecret), code?.Trim(), clock.GetUtcNow());
        if (step is null)
            return await FailAsync(db, userId, CodeCheck.Invalid, recordFailure: true, ct);
        // the database decides: only one request can move the last step forward to this one
        var moved = await db.Users.Where(u => u.Id == userId && u.TotpLastStep < step.Value)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, step.Value), ct);
        if (moved == 0)
            return await FailAsync(db, userId, CodeCheck.Replayed, recordFailure: true, ct);
        db.Audit(new Actor(userId, user.DisplayName, false, []), clock, "2fa.verified", "User", userId);
        await db.SaveChangesAsync(ct);
        return CodeCheck.Accepted;
    }

    public async Task<CodeCheck> CheckBackupCodeAsync(string userId, string code, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await LockedUntilAsync(db, userId, ct) is not null)
            return await FailAsync(db, userId, CodeCheck.Locked, recordFailure: false, ct);
        var candidates = await db.BackupCodes.AsNoTracking().Where(c => c.UserId == userId && c.UsedAt == null).ToListAsync(ct);
        var match = string.IsNullOrWhiteSpace(code) ? null : candidates.FirstOrDefault(c => BackupCodes.Matches(code, c.Hash));
        if (match is null)
            return await FailAsync(db, userId, CodeCheck.Invalid, recordFailure: true, ct);
        var now = clock.GetUtcNow();
        var used = await db.BackupCodes.Where(c => c.Id == match.Id && c.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        if (used == 0)
            return await FailAsync(db, userId, CodeCheck.Replayed, recordFailure: true, ct);
        db.Audit(new Actor(userId, userId, false, []), clock, "2fa.backup_used", "User", userId);
        await db.SaveChangesAsync(ct);
        return CodeCheck.Accepted;
    }

    public async Task<DateTimeOffset?> LockedUntilAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await LockedUntilAsync(db, userId, ct);
    }

    /// <summary>Locked when five failures fall within 15 minutes: until 15 minutes after the first of them.</summary>
    private async Task<DateTimeOffset?> LockedUntilAsync(IKoproGoDb db, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - FailureWindow;
        var recent = await db.TwoFactorFailures.Where(f => f.UserId == userId && f.At > since).OrderBy(f => f.At).Select(f => f.At).ToListAsync(ct);
        return recent.Count >= MaxFailures ? recent[0] + FailureWindow : null;
    }

    private async Task<CodeCheck> FailAsync(IKoproGoDb db, string userId, CodeCheck outcome, bool recordFailure, CancellationToken ct)
    {
        if (recordFailure)
            db.TwoFactorFailures.Add(TwoFactorFailure.Create(userId, clock.GetUtcNow()));
        db.Audit(new Actor(userId, userId, false, []), clock, "2fa." + outcome.ToString().ToLowerInvariant(), "User", userId);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    private IReadOnlyList<string> ReplaceBackupCodes(IKoproGoDb db, string userId)
    {
        db.BackupCodes.RemoveRange(db.BackupCodes.Where(c => c.UserId == userId));
        var codes = Enumerable.Range(0, BackupCodes.Count).Select(_ => BackupCodes.NewCode()).ToList();
        db.BackupCodes.AddRange(codes.Select(c => BackupCode.Create(userId, c, clock.GetUtcNow())));
        return codes;
    }

    private void TurnOff(IKoproGoDb db, AppUser user)
    {
        user.TwoFactorEnabled = false;
        user.TotpSecret = null;
        user.TotpPendingSecret = null;
        user.RotateSecurityStamp();   // other sessions of the user are revalidated out
        db.BackupCodes.RemoveRange(db.BackupCodes.Where(c => c.UserId == user.Id));
    }
}
