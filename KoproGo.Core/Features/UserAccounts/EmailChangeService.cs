using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.UserAccounts;

/// <summary>What a confirmation link stands for, shown before the user confirms it.</summary>
public sealed record EmailChangePreview(string CurrentEmail, string NewEmail, DateTimeOffset ExpiresAt);

public interface IEmailChangeService
{
    /// <summary>
    /// Adds a pending change to <paramref name="db"/>'s unit of work: a confirmation link to the new address, a warning
    /// to the old one. The sign-in name changes only when the link is followed (see <see cref="ConfirmAsync"/>).
    /// </summary>
    Task<Result> RequestAsync(IKoproGoDb db, Actor actor, AppUser user, string newEmail, CancellationToken ct);
    /// <summary>The pending change of the signed-in user that this token stands for.</summary>
    Task<Result<EmailChangePreview>> PreviewAsync(Actor actor, string token, CancellationToken ct);
    /// <summary>
    /// Applies the change. The person must be signed in to the account being changed: holding the link (the mailbox) is
    /// not enough, or anyone could tie their account to someone else's address by making them click a link.
    /// </summary>
    Task<Result> ConfirmAsync(Actor actor, string token, CancellationToken ct);
    Task<Result> CancelAsync(Actor actor, CancellationToken ct);
    /// <summary>The address waiting for confirmation, if any.</summary>
    Task<string?> PendingAsync(Actor actor, CancellationToken ct);
}

public sealed class EmailChangeService(IKoproGoDbFactory dbFactory, ILookupNormalizer normalizer, TimeProvider clock, AppOptions app) : IEmailChangeService
{
    public async Task<Result> RequestAsync(IKoproGoDb db, Actor actor, AppUser user, string newEmail, CancellationToken ct)
    {
        var email = newEmail.Trim().ToLowerInvariant();
        if (!Validation.IsEmail(email))
            return new Error(Errors.InvalidEmail, [], "Email");
        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
            return Result.Ok();
        var normalised = normalizer.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.Id != user.Id && (u.NormalizedEmail == normalised || u.NormalizedUserName == normalised), ct))
            return new Error("error.email_in_use", [], "Email");

        var now = clock.GetUtcNow();
        // only the latest request counts
        await db.Set<EmailChange>().Where(c => c.UserId == user.Id && c.ConfirmedAt == null && c.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CancelledAt, now), ct);
        var (change, token) = EmailChange.Request(user.Id, email, actor.UserId ?? "system", now);
        db.Set<EmailChange>().Add(change);
        var language = user.PreferredLanguage;
        var link = app.Link($"/Account/ConfirmEmail?token={token}");
        db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(email, user.DisplayName, user.Id),
            Texts.Get("mail.email_change.subject", language),
            Texts.Get("mail.email_change.body", language, user.DisplayName, email, link, BusinessTime.LocalDateTime(change.ExpiresAt).ToString("g", Texts.Culture(language))),
            null, now, containsSecret: true));
        if (user.Email is not null)
        {
            // the old address learns of the request: the classic sign of an account being taken over
            db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(user.Email, user.DisplayName, user.Id),
                Texts.Get("mail.email_change_requested.subject", language),
                Texts.Get("mail.email_change_requested.body", language, user.DisplayName, email), null, now));
        }
        db.Audit(actor, clock, "account.email_change_requested", "User", user.Id, details: email);
        return Result.Ok();
    }

    public async Task<Result<EmailChangePreview>> PreviewAsync(Actor actor, string token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var change = await FindAsync(db, actor, token, ct);
        if (!change.Succeeded)
            return Result<EmailChangePreview>.Fail(change.Errors);
        var current = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email).FirstAsync(ct);
        return new EmailChangePreview(current ?? "", change.Value.NewEmail, change.Value.ExpiresAt);
    }

    public async Task<Result> ConfirmAsync(Actor actor, string token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await db.LockUserAsync(actor.UserId, ct);      // two clicks on the link: the second finds it used
        var found = await FindAsync(db, actor, token, ct);
        if (!found.Succeeded)
            return found;
        var change = found.Value;
        var user = await db.Users.FirstAsync(u => u.Id == change.UserId, ct);
        var normalised = normalizer.NormalizeEmail(change.NewEmail);
        if (await db.Users.AnyAsync(u => u.Id != user.Id && (u.NormalizedEmail == normalised || u.NormalizedUserName == normalised), ct))
            return new Error("error.email_in_use");

        var now = clock.GetUtcNow();
        var oldEmail = user.Email;
        change.Confirm(now);
        user.Email = user.UserName = change.NewEmail;
        user.NormalizedEmail = user.NormalizedUserName = normalised;
        user.EmailConfirmed = true;
        user.RotateSecurityStamp();        // the sign-in name changed: other sessions end
        foreach (var owner in await db.Owners.Where(o => o.UserId == user.Id && o.Kind == OwnerKind.Person).ToListAsync(ct))
            owner.ChangeEmail(change.NewEmail);
        db.Audit(actor, clock, "account.email_changed", "User", user.Id,
            details: System.Text.Json.JsonSerializer.Serialize(new { email = new { old = oldEmail, @new = change.NewEmail } }));
        if (oldEmail is not null)
            db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(oldEmail, user.DisplayName, user.Id),
                Texts.Get("mail.email_changed.subject", user.PreferredLanguage),
                Texts.Get("mail.email_changed.body", user.PreferredLanguage, user.DisplayName, change.NewEmail), null, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.email_in_use");
        }
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> CancelAsync(Actor actor, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var now = clock.GetUtcNow();
        var cancelled = await db.Set<EmailChange>().Where(c => c.UserId == actor.UserId && c.ConfirmedAt == null && c.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CancelledAt, now), ct);
        if (cancelled > 0)
        {
            db.Audit(actor, clock, "account.email_change_cancelled", "User", actor.UserId);
            await db.SaveChangesAsync(ct);
        }
        return Result.Ok();
    }

    public async Task<string?> PendingAsync(Actor actor, CancellationToken ct)
    {
        if (actor.UserId is null)
            return null;
        await using var db = await dbFactory.CreateAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Set<EmailChange>().Where(c => c.UserId == actor.UserId && c.ConfirmedAt == null && c.CancelledAt == null && c.ExpiresAt > now)
            .OrderByDescending(c => c.RequestedAt).Select(c => c.NewEmail).FirstOrDefaultAsync(ct);
    }

    /// <summary>An open change of the actor's own account; anyone else's token is "invalid" (its existence is not revealed).</summary>
    private async Task<Result<EmailChange>> FindAsync(IKoproGoDb db, Actor actor, string token, CancellationToken ct)
    {
        if (actor.UserId is null || !SecretToken.LooksValid(token))
            return new Error("error.email_change_invalid");
        var hash = SecretToken.Hash(token);
        var change = await db.Set<EmailChange>().FirstOrDefaultAsync(c => c.TokenHash == hash, ct);
        return change is not null && change.UserId == actor.UserId && change.IsOpen(clock.GetUtcNow()) ? change : new Error("error.email_change_invalid");
    }
}
