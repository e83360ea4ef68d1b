using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.UserAccounts;

public sealed record InvitationPreview(string Email, string OwnerName, string OrganisationName);

/// <summary>A role offered to the signed-in user, waiting for their answer.</summary>
public sealed record MyRoleInvitation(Guid Id, string OrganisationName, string? BuildingName, Role Role, string? OwnerName, string InvitedBy, DateTimeOffset ExpiresAt);

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
    /// <summary>Roles offered to the actor's existing account (by a syndic's grant or an owner invitation).</summary>
    Task<IReadOnlyList<MyRoleInvitation>> MyInvitationsAsync(Actor actor, CancellationToken ct);
    Task<Result> AcceptRoleAsync(Actor actor, Guid invitationId, CancellationToken ct);
    Task<Result> DeclineRoleAsync(Actor actor, Guid invitationId, CancellationToken ct);
}

public sealed class InvitationService(IKoproGoDbFactory dbFactory, UserManager<AppUser> users, TimeProvider clock, AppOptions app, INotificationService notifications) : IInvitationService
{
    public async Task<Result> InviteOwnerAsync(Actor actor, Guid ownerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.ManagedOwnerAsync(actor, ownerId, ct);
        if (!found.Succeeded)
            return found;
        var owner = found.Value;
        if (owner.Email is null)
            return new Error("error.invite_needs_email");
        if (owner.UserId is not null)
            return new Error("error.owner_already_linked");
        // a family may share an address on its owner records (the syndic writes to both), but an address opens one
        // owner account: inviting it for a second record would let one person see another's lots
        var email = owner.Email.ToLowerInvariant();
        var sharedWith = await db.Owners.AsNoTracking()
            .FirstOrDefaultAsync(o => o.OrganisationId == owner.OrganisationId && o.Id != owner.Id && o.Email != null && o.Email.ToLower() == email, ct);
        if (sharedWith is not null)
            return new Error("error.invite_shared_email", [sharedWith.DisplayName]);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // two syndics inviting the same owner at once: one after the other (and a unique index behind it)
        await db.LockAsync<Owner>(ownerId, ct);
        var now = clock.GetUtcNow();
        var normalised = users.NormalizeEmail(owner.Email);
        var existing = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalised && u.ErasedAt == null, ct);
        if (existing is not null)
        {
            // the person already uses KoproGo: they accept the owner role from their own account
            var offer = RoleInvitation.Create(existing.Id, owner.OrganisationId, Role.Owner, null, owner.Id, actor.UserId ?? "system", now);
            var added = await RoleInvitations.AddAsync(db, offer, now, ct);
            if (!added.Succeeded)
                return added;
            var organisationName = await db.Organisations.Where(o => o.Id == owner.OrganisationId).Select(o => o.Name).FirstAsync(ct);
            await notifications.NotifyUsersAsync(db, [existing.Id], owner.OrganisationId, NotificationType.System, "notify.role_invitation",
                [organisationName, Texts.Get("enum.Role." + nameof(Role.Owner), existing.PreferredLanguage)], RoleInvitations.Page, ct, PersonRef.User(actor.UserId));
            db.Audit(actor, clock, "invitation.sent", nameof(RoleInvitation), offer.Id, owner.OrganisationId, details: owner.Email);
            var saved = await RoleInvitations.SaveAsync(db, ct);
            if (saved.Succeeded)
                await tx.CommitAsync(ct);
            return saved;
        }

        // a new invitation replaces any still open for that owner: only the latest link works
        await db.Invitations.Where(i => i.OwnerId == ownerId && i.AcceptedAt == null && i.RevokedAt == null)
            .ForEachAsync(i => i.Revoke(now), ct);
        var (invitation, token) = Invitation.Create(owner.OrganisationId, owner.Id, owner.Email, actor.UserId ?? "system", now);
        db.Invitations.Add(invitation);
        var organisation = await db.Organisations.Where(o => o.Id == owner.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var link = app.Link($"/Account/AcceptInvitation?token={token}");
        var language = owner.PreferredLanguage;
        db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(owner.Email, owner.DisplayName, null, owner.Id),
            Texts.Get("mail.invitation.subject", language, organisation),
            Texts.Get("mail.invitation.body", language, owner.DisplayName, organisation, link, invitation.ExpiresAt.ToString("d", System.Globalization.CultureInfo.GetCultureInfo(language))),
            owner.OrganisationId, now, containsSecret: true));
        db.Audit(actor, clock, "invitation.sent", nameof(Invitation), invitation.Id, owner.OrganisationId, details: owner.Email);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.invitation_pending");
        }
        await tx.CommitAsync(ct);
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
            [owner.DisplayName], $"/owners/{owner.Id}", ct, new PersonRef(user.Id, owner.Id));
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

    public async Task<IReadOnlyList<MyRoleInvitation>> MyInvitationsAsync(Actor actor, CancellationToken ct)
    {
        if (actor.UserId is null)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        var now = clock.GetUtcNow();
        return await (from i in db.Set<RoleInvitation>()
                      join o in db.Organisations on i.OrganisationId equals o.Id
                      where i.UserId == actor.UserId && i.AcceptedAt == null && i.DeclinedAt == null && i.RevokedAt == null && i.ExpiresAt > now
                      orderby i.CreatedAt
                      select new MyRoleInvitation(i.Id, o.Name,
                          db.Set<Building>().Where(b => b.Id == i.BuildingId).Select(b => b.Name).FirstOrDefault(), i.Role,
                          db.Set<Owner>().Where(x => x.Id == i.OwnerId).Select(x => x.DisplayName).FirstOrDefault(),
                          db.Set<AppUser>().Where(u => u.Id == i.InvitedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                          i.ExpiresAt)).ToListAsync(ct);
    }

    public async Task<Result> AcceptRoleAsync(Actor actor, Guid invitationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await LockMyInvitationAsync(db, actor, invitationId, ct);
        if (!found.Succeeded)
            return found;
        var invitation = found.Value;
        var now = clock.GetUtcNow();
        if (invitation.OwnerId is { } ownerId)
        {
            var owner = await db.Owners.FirstAsync(o => o.Id == ownerId, ct);
            if (owner.UserId is not null)
                return new Error("error.owner_already_linked");
            owner.LinkUser(invitation.UserId);
            await notifications.NotifySyndicsAsync(db, owner.OrganisationId, NotificationType.InvitationAccepted, "notify.invitation_accepted",
                [owner.DisplayName], $"/owners/{owner.Id}", ct, new PersonRef(invitation.UserId, owner.Id));
        }
        if (!await db.Memberships.AnyAsync(m => m.UserId == invitation.UserId && m.OrganisationId == invitation.OrganisationId && m.Role == invitation.Role
                                                && m.BuildingId == invitation.BuildingId && m.OwnerId == invitation.OwnerId, ct))
            db.Memberships.Add(invitation.Accept(now));
        else
            invitation.Accept(now);
        db.Audit(actor, clock, "membership.accepted", nameof(RoleInvitation), invitation.Id, invitation.OrganisationId, invitation.BuildingId, invitation.Role.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> DeclineRoleAsync(Actor actor, Guid invitationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await LockMyInvitationAsync(db, actor, invitationId, ct);
        if (!found.Succeeded)
            return found;
        found.Value.Decline(clock.GetUtcNow());
        db.Audit(actor, clock, "membership.declined", nameof(RoleInvitation), found.Value.Id, found.Value.OrganisationId, found.Value.BuildingId, found.Value.Role.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>The actor's own open invitation, locked (two clicks on "accept" make one membership); anyone else's is not found.</summary>
    private async Task<Result<RoleInvitation>> LockMyInvitationAsync(IKoproGoDb db, Actor actor, Guid invitationId, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        var invitation = await db.Set<RoleInvitation>()
            .FromSqlInterpolated($"SELECT * FROM role_invitations WHERE id = {invitationId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (invitation is null || invitation.UserId != actor.UserId)
            return Errors.NotFoundError;
        return invitation.IsOpen(clock.GetUtcNow()) ? invitation : new Error("error.invitation_invalid");
    }

    private async Task<Invitation?> FindOpenAsync(IKoproGoDb db, string token, CancellationToken ct)
    {
        if (!SecretToken.LooksValid(token))
            return null;
        var hash = Invitation.Hash(token);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is not null && invitation.IsOpen(clock.GetUtcNow()) ? invitation : null;
    }
}
