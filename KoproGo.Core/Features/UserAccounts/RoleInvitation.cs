
namespace KoproGo.Core.Features.UserAccounts;

/// <summary>
/// A role offered to an account that already exists (a syndic adds an accountant who already uses KoproGo elsewhere,
/// invites an owner who already has an account). The person accepts or declines it while signed in; until they accept,
/// they hold no membership — nobody gains rights over another's account without their consent.
/// </summary>
public sealed class RoleInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    private RoleInvitation() { }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public Guid OrganisationId { get; private set; }
    public Guid? BuildingId { get; private set; }
    public Role Role { get; private set; }
    /// <summary>For the Owner role: the owner record the account will be linked to.</summary>
    public Guid? OwnerId { get; private set; }
    public string InvitedByUserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? DeclinedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static RoleInvitation Create(string userId, Guid organisationId, Role role, Guid? buildingId, Guid? ownerId, string invitedBy, DateTimeOffset now)
    {
        // the same invariants as the membership it will become
        _ = Membership.Create(userId, organisationId, role, now, buildingId, ownerId);
        return new RoleInvitation
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            OrganisationId = organisationId,
            BuildingId = buildingId,
            Role = role,
            OwnerId = ownerId,
            InvitedByUserId = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
    }

    public bool IsOpen(DateTimeOffset now) => AcceptedAt is null && DeclinedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>Not open any more (answered, withdrawn or expired): a new invitation for the same role may be sent.</summary>
    public bool IsClosed => AcceptedAt is not null || DeclinedAt is not null || RevokedAt is not null;

    public Membership Accept(DateTimeOffset now)
    {
        if (!IsOpen(now))
            throw new BusinessRuleException(new Error("error.invitation_invalid"));
        AcceptedAt = now;
        return Membership.Create(UserId, OrganisationId, Role, now, BuildingId, OwnerId);
    }

    public void Decline(DateTimeOffset now)
    {
        if (!IsOpen(now))
            throw new BusinessRuleException(new Error("error.invitation_invalid"));
        DeclinedAt = now;
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
