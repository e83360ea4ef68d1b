using System.Text;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Core.Features.Accounts;

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

public interface IUserAdminService
{
    Task<Result<Page<UserRow>>> UsersAsync(Actor actor, Guid? organisationId, PageRequest request, CancellationToken ct);
    /// <summary>Gives a staff role (not Owner: owners come through invitations). A new email gets an account and a "choose your password" mail.</summary>
    Task<Result> GrantAsync(Actor actor, GrantRoleInput input, CancellationToken ct);
    Task<Result> RevokeAsync(Actor actor, Guid membershipId, CancellationToken ct);
}

public sealed class UserAdminService(IKoproGoDbFactory dbFactory, UserManager<AppUser> users, TimeProvider clock, AppOptions app) : IUserAdminService
{
    public async Task<Result<Page<UserRow>>> UsersAsync(Actor actor, Guid? organisationId, PageRequest request, CancellationToken ct)
    {
        if (organisationId is null ? !actor.IsSuperAdmin : !actor.CanManage(organisationId.Value))
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var query = db.Users.AsNoTracking().Where(u => u.ErasedAt == null);
        if (organisationId is not null)
            query = query.Where(u => db.Memberships.Any(m => m.UserId == u.Id && m.OrganisationId == organisationId));
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

    public async Task<Result> GrantAsync(Actor actor, GrantRoleInput input, CancellationToken ct)
    {
        var validation = new Validation()
            .Email(input.Email, nameof(input.Email), required: true)
            .Required(input.DisplayName, nameof(input.DisplayName), AppUser.DisplayNameMax)
            .Rule(Enum.IsDefined(input.Role) && input.Role != Role.Owner, nameof(input.Role), "error.role_not_grantable")
            .Rule(input.Role is not (Role.BoardMember or Role.Tenant) || input.BuildingId is not null, nameof(input.BuildingId), "error.role_needs_building");
        if (!validation.IsValid)
            return validation.ToResult();
        if (!actor.CanManage(input.OrganisationId))
            return Errors.ForbiddenError;

        await using var db = await dbFactory.CreateAsync(ct);
        if (!await db.Organisations.AnyAsync(o => o.Id == input.OrganisationId, ct))
            return Errors.NotFoundError;
        if (input.BuildingId is { } buildingId && !await db.Buildings.AnyAsync(b => b.Id == buildingId && b.OrganisationId == input.OrganisationId, ct))
            return new Error(Errors.NotFound, [], nameof(input.BuildingId));

        var email = input.Email.Trim().ToLowerInvariant();
        var normalised = users.NormalizeEmail(email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalised, ct);
        var now = clock.GetUtcNow();
        var isNew = user is null;
        if (user is null)
        {
            user = users.NewUser(email, input.DisplayName.Trim(), input.PreferredLanguage, now, emailConfirmed: false);
            db.Users.Add(user);
        }
        else if (await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.OrganisationId == input.OrganisationId && m.Role == input.Role && m.BuildingId == input.BuildingId, ct))
            return new Error("error.membership_exists");

        db.Memberships.Add(Membership.Create(user.Id, input.OrganisationId, input.Role, now, input.BuildingId));
        if (isNew)
        {
            // "choose your password": a reset token doubles as the first-password link and confirms the email
            var token = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = app.Link($"/Account/ResetPassword?email={Uri.EscapeDataString(email)}&code={token}&welcome=1");
            db.OutboxEmails.Add(OutboxEmail.Queue(email, user.DisplayName,
                Texts.Get("mail.welcome.subject", user.PreferredLanguage),
                Texts.Get("mail.welcome.body", user.PreferredLanguage, user.DisplayName, link), input.OrganisationId, now));
        }
        db.Audit(actor, clock, "membership.granted", nameof(Membership), user.Id, input.OrganisationId, input.BuildingId, $"{email} {input.Role}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.membership_exists");
        }
        return Result.Ok();
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
        db.Audit(actor, clock, "membership.revoked", nameof(Membership), membership.UserId, membership.OrganisationId, membership.BuildingId, membership.Role.ToString());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
