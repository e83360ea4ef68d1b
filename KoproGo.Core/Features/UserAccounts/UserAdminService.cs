using System.Text;
using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.UserAccounts;

public sealed record UserRow(string Id, string Email, string DisplayName, bool IsSuperAdmin, bool IsLockedOut, bool TwoFactorEnabled, IReadOnlyList<MembershipRow> Memberships, bool IsRestricted = false);

public sealed record MembershipRow(Guid Id, Guid OrganisationId, string OrganisationName, Guid? BuildingId, string? BuildingName, Role Role);

public sealed class GrantRoleInput
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public Guid OrganisationId { get; set; }
    public Guid? BuildingId { get; set; }
    public Role Role { get; set; } = Role.Accountant;
    public string PreferredLanguage { get; set; } = "fr-BE";
}

/// <summary>A role offered to an existing account and not answered yet, as the syndic's users page lists it.</summary>
public sealed record RoleInvitationRow(Guid Id, string Email, string DisplayName, Role Role, string? BuildingName, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>What a grant did: a new account with its first-password mail, or an invitation the existing account must accept.</summary>
public enum GrantOutcome { AccountCreated, Invited }

public sealed class ChangeEmailInput
{
    public string UserId { get; set; } = "";
    public string Email { get; set; } = "";
}

public interface IUserAdminService
{
    Task<Result<Page<UserRow>>> UsersAsync(Actor actor, Guid? organisationId, PageRequest request, CancellationToken ct);
    /// <summary>
    /// Gives a staff role (not Owner: owners come through invitations). A new email gets an account and a "choose your
    /// password" mail; an existing account gets an invitation it accepts or declines, and no membership until then.
    /// </summary>
    Task<Result<GrantOutcome>> GrantAsync(Actor actor, GrantRoleInput input, CancellationToken ct);
    /// <summary>Removes a membership; the person's open sessions end at their next check.</summary>
    Task<Result> RevokeAsync(Actor actor, Guid membershipId, CancellationToken ct);
    Task<Result<IReadOnlyList<RoleInvitationRow>>> PendingInvitationsAsync(Actor actor, Guid organisationId, CancellationToken ct);
    Task<Result> WithdrawInvitationAsync(Actor actor, Guid invitationId, CancellationToken ct);
    /// <summary>An administrator changes someone's sign-in email: pending until the person confirms it from the new mailbox.</summary>
    Task<Result> ChangeEmailAsync(Actor actor, ChangeEmailInput input, CancellationToken ct);
}

public sealed class UserAdminService(IKoproGoDbFactory dbFactory, UserManager<AppUser> users, TimeProvider clock, AppOptions app,
    INotificationService notifications, IEmailChangeService emailChanges) : IUserAdminService
{
    public async Task<Result<Page<UserRow>>> UsersAsync(Actor actor, Guid? organisationId, PageRequest request, CancellationToken ct)
    {
        if (organisationId is null ? !actor.IsSuperAdmin : !actor.CanManage(organisationId.Value))
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var query = db.Users.AsNoTracking().Where(u => u.ErasedAt == null);
        if (organisationId is not null)
            query = query.Where(u => db.Set<Membership>().Any(m => m.UserId == u.Id && m.OrganisationId == organisationId));
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var p = SearchText.Pattern(request.Search);
            query = query.Where(u => EF.Functions.Like((u.Email ?? "").ToLower(), p) || EF.Functions.Like(u.DisplayName.ToLower(), p));
        }
        var total = await query.CountAsync(ct);
        var now = clock.GetUtcNow();
        var page = await query.OrderBy(u => u.Email).Skip(request.Skip).Take(request.Size)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.IsSuperAdmin, Locked = u.LockoutEnd != null && u.LockoutEnd > now, u.TwoFactorEnabled, Restricted = u.ProcessingRestrictedAt != null })
            .ToListAsync(ct);
        var ids = page.Select(u => u.Id).ToList();
        var memberships = await (from m in db.Memberships
                                 join o in db.Organisations on m.OrganisationId equals o.Id
                                 join b in db.Buildings on m.BuildingId equals b.Id into bs
                                 from b in bs.DefaultIfEmpty()
                                 where ids.Contains(m.UserId) && (organisationId == null || m.OrganisationId == organisationId)
                                 select new { m.UserId, Row = new MembershipRow(m.Id, o.Id, o.Name, m.BuildingId, b == null ? null : b.Name, m.Role) })
            .ToListAsync(ct);
        return new Page<UserRow>(page.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.IsSuperAdmin, u.Locked, u.TwoFactorEnabled,
            memberships.Where(m => m.UserId == u.Id).Select(m => m.Row).ToList(), u.Restricted)).ToList(), total);
    }

    public async Task<Result<GrantOutcome>> GrantAsync(Actor actor, GrantRoleInput input, CancellationToken ct)
    {
        var validation = new Validation()
            .Email(input.Email, nameof(input.Email), required: true)
            .Required(input.DisplayName, nameof(input.DisplayName), AppUser.DisplayNameMax)
            .Rule(Enum.IsDefined(input.Role) && input.Role != Role.Owner, nameof(input.Role), "error.role_not_grantable")
            .Rule(input.Role is not (Role.BoardMember or Role.Tenant) || input.BuildingId is not null, nameof(input.BuildingId), "error.role_needs_building");
        if (!validation.IsValid)
            return Result<GrantOutcome>.Fail(validation.Errors);
        if (!actor.CanManage(input.OrganisationId))
            return Errors.ForbiddenError;

        await using var db = await dbFactory.CreateAsync(ct);
        if (!await db.Organisations.AnyAsync(o => o.Id == input.OrganisationId, ct))
            return Errors.NotFoundError;
        if (input.BuildingId is { } buildingId && !await db.Buildings.AnyAsync(b => b.Id == buildingId && b.OrganisationId == input.OrganisationId, ct))
            return new Error(Errors.NotFound, [], nameof(input.BuildingId));

        var email = input.Email.Trim().ToLowerInvariant();
        var normalised = users.NormalizeEmail(email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalised && u.ErasedAt == null, ct);
        var now = clock.GetUtcNow();
        if (user is not null)
        {
            var invited = await InviteExistingAsync(db, actor, user, input, now, ct);
            return invited.Succeeded ? GrantOutcome.Invited : Result<GrantOutcome>.Fail(invited.Errors);
        }

        user = users.NewUser(email, input.DisplayName.Trim(), input.PreferredLanguage, now, emailConfirmed: false);
        db.Users.Add(user);
        db.Memberships.Add(Membership.Create(user.Id, input.OrganisationId, input.Role, now, input.BuildingId));
        // "choose your password": a reset token doubles as the first-password link and confirms the email
        var token = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = app.Link($"/Account/ResetPassword?email={Uri.EscapeDataString(email)}&code={token}&welcome=1");
        db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(email, user.DisplayName, user.Id),
            Texts.Get("mail.welcome.subject", user.PreferredLanguage),
            Texts.Get("mail.welcome.body", user.PreferredLanguage, user.DisplayName, link), input.OrganisationId, now, containsSecret: true));
        db.Audit(actor, clock, "membership.granted", nameof(Membership), user.Id, input.OrganisationId, input.BuildingId, $"{email} {input.Role}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.membership_exists");
        }
        return GrantOutcome.AccountCreated;
    }

    /// <summary>The account exists: it may belong to someone who never heard of this organisation, so it is asked first.</summary>
    private async Task<Result> InviteExistingAsync(IKoproGoDb db, Actor actor, AppUser user, GrantRoleInput input, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.OrganisationId == input.OrganisationId && m.Role == input.Role && m.BuildingId == input.BuildingId, ct))
            return new Error("error.membership_exists");
        var invitation = RoleInvitation.Create(user.Id, input.OrganisationId, input.Role, input.BuildingId, null, actor.UserId ?? "system", now);
        var result = await RoleInvitations.AddAsync(db, invitation, now, ct);
        if (!result.Succeeded)
            return result;
        var organisation = await db.Organisations.Where(o => o.Id == input.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        await notifications.NotifyUsersAsync(db, [user.Id], input.OrganisationId, NotificationType.System, "notify.role_invitation",
            [organisation, Texts.Get("enum.Role." + input.Role, user.PreferredLanguage)], RoleInvitations.Page, ct, PersonRef.User(actor.UserId));
        db.Audit(actor, clock, "membership.invited", nameof(RoleInvitation), invitation.Id, input.OrganisationId, input.BuildingId, $"{user.Email} {input.Role}");
        return await RoleInvitations.SaveAsync(db, ct);
    }

    public async Task<Result> RevokeAsync(Actor actor, Guid membershipId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, ct);
        if (membership is null || !actor.CanManage(membership.OrganisationId))
            return Errors.NotFoundError;
        if (membership.UserId == actor.UserId && membership.Role == Role.Syndic)
            return new Error("error.cannot_revoke_self");
        db.Memberships.Remove(membership);
        // rights taken away: the person's open pages and cookies are checked again at once, not in 30 minutes
        (await db.Users.FirstAsync(u => u.Id == membership.UserId, ct)).RotateSecurityStamp();
        db.Audit(actor, clock, "membership.revoked", nameof(Membership), membership.UserId, membership.OrganisationId, membership.BuildingId, membership.Role.ToString());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<IReadOnlyList<RoleInvitationRow>>> PendingInvitationsAsync(Actor actor, Guid organisationId, CancellationToken ct)
    {
        if (!actor.CanManage(organisationId))
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await (from i in db.Set<RoleInvitation>()
                          join u in db.Users on i.UserId equals u.Id
                          join b in db.Buildings on i.BuildingId equals b.Id into bs
                          from b in bs.DefaultIfEmpty()
                          where i.OrganisationId == organisationId && i.AcceptedAt == null && i.DeclinedAt == null && i.RevokedAt == null && i.ExpiresAt > now
                          orderby i.CreatedAt descending
                          select new RoleInvitationRow(i.Id, u.Email ?? "", u.DisplayName, i.Role, b == null ? null : b.Name, i.CreatedAt, i.ExpiresAt)).ToListAsync(ct);
        return rows;
    }

    public async Task<Result> WithdrawInvitationAsync(Actor actor, Guid invitationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var invitation = await db.Set<RoleInvitation>().FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null || !actor.CanManage(invitation.OrganisationId))
            return Errors.NotFoundError;
        invitation.Revoke(clock.GetUtcNow());
        db.Audit(actor, clock, "membership.invitation_withdrawn", nameof(RoleInvitation), invitation.Id, invitation.OrganisationId, invitation.BuildingId);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> ChangeEmailAsync(Actor actor, ChangeEmailInput input, CancellationToken ct)
    {
        var validation = new Validation().Email(input.Email, nameof(input.Email), required: true);
        if (!validation.IsValid)
            return validation.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        var user = string.IsNullOrEmpty(input.UserId) ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == input.UserId && u.ErasedAt == null, ct);
        if (user is null)
            return Errors.NotFoundError;
        if (!await db.MayAdministerAsync(actor, user, ct))
        {
            db.Audit(actor, clock, "account.email_change_refused", "User", user.Id, details: "outside_organisations");
            await db.SaveChangesAsync(ct);
            return Errors.NotFoundError;
        }
        var requested = await emailChanges.RequestAsync(db, actor, user, input.Email, ct);
        if (!requested.Succeeded)
            return requested;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>Shared by the staff grant and the owner invitation: one open invitation per person and role (a unique index decides races).</summary>
public static class RoleInvitations
{
    /// <summary>Where the person answers their invitations.</summary>
    public const string Page = "/account/invitations";

    public static async Task<Result> AddAsync(IKoproGoDb db, RoleInvitation invitation, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Set<RoleInvitation>().Where(i => i.UserId == invitation.UserId && i.OrganisationId == invitation.OrganisationId && i.Role == invitation.Role
                                                                && i.BuildingId == invitation.BuildingId && i.OwnerId == invitation.OwnerId
                                                                && i.AcceptedAt == null && i.DeclinedAt == null && i.RevokedAt == null).ToListAsync(ct);
        if (open.Any(i => i.IsOpen(now)))
            return new Error("error.invitation_pending");
        foreach (var expired in open)
            expired.Revoke(now);      // frees the unique key for the new one
        db.Set<RoleInvitation>().Add(invitation);
        return Result.Ok();
    }

    public static async Task<Result> SaveAsync(IKoproGoDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.invitation_pending");
        }
    }
}
