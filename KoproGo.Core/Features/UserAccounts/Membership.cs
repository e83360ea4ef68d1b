
namespace KoproGo.Core.Features.UserAccounts;

/// <summary>A role a user holds in an organisation, optionally limited to one building (SPEC §1.1).</summary>
public sealed class Membership
{
    private Membership() { }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public Guid OrganisationId { get; private set; }
    public Guid? BuildingId { get; private set; }
    public Role Role { get; private set; }
    /// <summary>For the Owner role: the Owner record whose ownerships decide what the user sees.</summary>
    public Guid? OwnerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Membership Create(string userId, Guid organisationId, Role role, DateTimeOffset now, Guid? buildingId = null, Guid? ownerId = null)
    {
        if (role == Role.Owner && ownerId is null)
            throw new BusinessRuleException(new Error("error.owner_role_needs_owner"));
        if (role is Role.Tenant or Role.BoardMember && buildingId is null)
            throw new BusinessRuleException(new Error("error.role_needs_building"));
        return new Membership
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            OrganisationId = organisationId,
            BuildingId = buildingId,
            Role = role,
            OwnerId = ownerId,
            CreatedAt = now,
        };
    }

    public Grant ToGrant() => new(Role, OrganisationId, BuildingId, OwnerId);
}
