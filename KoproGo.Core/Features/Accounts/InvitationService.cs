using KoproGo.Core.Common;
using KoproGo.Core.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Core.Features.Accounts;

public sealed record InvitationPreview(string Email, string OwnerName, string OrganisationName);

public sealed class AcceptInvitationInput
{
    public string Token { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

public interface IInvitationService
{
    /// <summary>The syndic invites an owner (by the email on the Owner record); a link goes out through the outbox.</summary>
    Task<Result> InviteOwnerAsync(Actor actor, Guid ownerId, CancellationToken ct);
    Task<Result<InvitationPreview>> PreviewAsync(string token, CancellationToken ct);
    /// <summary>Creates the account (email confirmed by the link itself), links it to the owner, grants the Owner role.</summary>
    Task<Result<string>> AcceptAsync(AcceptInvitationInput input, string? ip, string? userAgent, CancellationToken ct);
}

public sealed class InvitationService(IKoproGoDbFactory dbFactory, UserManager<AppUser> users, TimeProvider clock, AppOptions app, INotificationService notifications) : IInvitationService
{
    public async Task<Result> InviteOwnerAsync(Actor actor, Guid ownerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var owner = await db.Owners.FirstOrDefaultAsync(o => o.Id == ownerId, ct);
        if (owner is null || !actor.IsStaffOf(owner.OrganisationId))
            return Errors.NotFoundError;
        if (!actor.CanManage(owner.OrganisationId))
            return Errors.ForbiddenError;
        if (owner.Email is null)
            return new Error("error.invite_needs_email");
        if (owner.UserId is not null)
            return new Error("error.owner_already_linked");
        var normalised = users.NormalizeEmail(owner.Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalised, ct))
            return new Error("error.email_has_account", [owner.Email]);

        var now = clock.GetUtcNow();
        // a new invitation replaces any still open for that owner: only the latest link works
        await db.Invitations.Where(i => i.OwnerId == ownerId && i.AcceptedAt == null && i.RevokedAt == null)
            .ForEachAsync(i => i.Revoke(now), ct);
        var (invitation, token) = Invitation.Create(owner.OrganisationId, owner.Id, owner.Email, actor.UserId ?? "system", now);
        db.Invitations.Add(invitation);
        var organisation = await db.Organisations.Where(o => o.Id == owner.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var link = app.Link($"/Account/AcceptInvitation?token={token}");
        var language = owner.PreferredLanguage;
        db.OutboxEmails.Add(OutboxEmail.Queue(owner.Email, owner.DisplayName,
            Texts.Get("mail.invitation.subject", language, organisation),
            Texts.Get("mail.invitation.body", language, owner.DisplayName, organisation, link, invitation.ExpiresAt.ToString("d", System.Globalization.CultureInfo.GetCultureInfo(language))),
            owner.OrganisationId, now));
        db.Audit(actor, clock, "invitation.sent", nameof(Invitation), invitation.Id, owner.OrganisationId, details: owner.Email);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<InvitationPreview>> PreviewAsync(string token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var invitation = await FindOpenAsync(db, token, ct);
        if (invitation is null)
            return new Error("error.invitation_invalid");
        var owner = await db.Owners.AsNoTracking().FirstAsync(o => o.Id == invitation.OwnerId, ct);
        var organisation = await db.Organisations.Where(o => o.Id == invitation.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        return new InvitationPreview(invitation.Email, owner.DisplayName, organisation);
    }

    public async Task<Result<string>> AcceptAsync(AcceptInvitationInput input, string? ip, string? userAgent, CancellationToken ct)
    {
        if (input.Password != input.ConfirmPassword)
            return new Error("error.password_mismatch", [], nameof(input.ConfirmPassword));
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var invitation = await FindOpenAsync(db, input.Token, ct);
        if (invitation is null)
            return new Error("error.invitation_invalid");
        var owner = await db.Owners.FirstAsync(o => o.Id == invitation.OwnerId, ct);
        if (owner.UserId is not null)
            return new Error("error.owner_already_linked");

        // The password rules are Identity's; check them before anything is written.
        // the link reached this mailbox: the email is confirmed
        var user = users.NewUser(invitation.Email, owner.DisplayName, owner.PreferredLanguage, clock.GetUtcNow(), emailConfirmed: true);
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, input.Password);
            if (!check.Succeeded)
                return Result<string>.Fail(check.Errors.Select(e => new Error("identity." + e.Code, [], nameof(input.Password))).ToList());
        }
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == user.NormalizedEmail, ct))
            return new Error("error.email_has_account", [invitation.Email]);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, input.Password);
        // the user is written through this context so that account, link, role and audit commit together
        db.Users.Add(user);
        var now = clock.GetUtcNow();
        invitation.Accept(now);
        owner.LinkUser(user.Id);
        db.Memberships.Add(Membership.Create(user.Id, owner.OrganisationId, Role.Owner, now, ownerId: owner.Id));
        var actor = new Actor(user.Id, user.DisplayName, false, [], ip, userAgent);
        db.Audit(actor, clock, "invitation.accepted", nameof(Invitation), invitation.Id, owner.OrganisationId, details: invitation.Email);
        await notifications.NotifySyndicsAsync(db, owner.OrganisationId, NotificationType.InvitationAccepted, "notify.invitation_accepted",
            [owner.DisplayName], $"/owners/{owner.Id}", ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.email_has_account", [invitation.Email]);
        }
        await tx.CommitAsync(ct);
        return user.Id;
    }

    private async Task<Invitation?> FindOpenAsync(IKoproGoDb db, string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
            return null;
        var hash = Invitation.Hash(token);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is not null && invitation.IsOpen(clock.GetUtcNow()) ? invitation : null;
    }
}
