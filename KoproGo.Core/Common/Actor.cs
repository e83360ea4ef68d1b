namespace KoproGo.Core.Common;

/// <summary>Roles a user holds per organisation or building (SPEC §1.1). SuperAdmin is a platform flag, not a grant.</summary>
public enum Role { Syndic, Accountant, BoardMember, Owner, Tenant, Contractor }

/// <summary>
/// One role of a user: for the whole organisation (<see cref="BuildingId"/> null) or one building.
/// An Owner grant names the Owner record; the buildings it opens come from that owner's active ownerships.
/// </summary>
public sealed record Grant(Role Role, Guid OrganisationId, Guid? BuildingId = null, Guid? OwnerId = null);

/// <summary>
/// Who is acting, passed to every service method. Built per operation from the signed-in user and their
/// memberships (never from the UI's choice of "active role", which only changes what the menu shows).
/// </summary>
public sealed record Actor(
    string? UserId,
    string Name,
    bool IsSuperAdmin,
    IReadOnlyList<Grant> Grants,
    string? Ip = null,
    string? UserAgent = null)
{
    /// <summary>Hangfire jobs and seeding: may do anything, audited as "system".</summary>
    public static readonly Actor System = new(null, "system", true, []);

    public bool IsSystem => UserId is null;

    /// <summary>Syndic of the organisation (or of that building): may create and change its data.</summary>
    public bool CanManage(Guid organisationId, Guid? buildingId = null) =>
        IsSuperAdmin || Has(Role.Syndic, organisationId, buildingId);

    /// <summary>Staff who read everything of a building: syndic, accountant, board member of that building.</summary>
    public bool IsStaffOf(Guid organisationId, Guid? buildingId = null) =>
        IsSuperAdmin
        || Has(Role.Syndic, organisationId, buildingId)
        || Has(Role.Accountant, organisationId, buildingId)
        || (buildingId is not null && Grants.Any(g => g.Role == Role.BoardMember && g.OrganisationId == organisationId && g.BuildingId == buildingId));

    /// <summary>Keeps the books of the building: syndic or accountant (organisation-wide or of that building), SuperAdmin.</summary>
    public bool CanKeepBooks(Guid organisationId, Guid? buildingId = null) =>
        IsSuperAdmin || Has(Role.Syndic, organisationId, buildingId) || Has(Role.Accountant, organisationId, buildingId);

    /// <summary>Organisations in which the actor works as syndic or accountant (organisation-wide or per building).</summary>
    public IEnumerable<Guid> StaffOrganisationIds =>
        Grants.Where(g => g.Role is Role.Syndic or Role.Accountant or Role.BoardMember).Select(g => g.OrganisationId).Distinct();

    public IEnumerable<Guid> OwnerIds => Grants.Where(g => g.Role == Role.Owner && g.OwnerId is not null).Select(g => g.OwnerId!.Value).Distinct();

    public IEnumerable<Guid> TenantBuildingIds => Grants.Where(g => g.Role == Role.Tenant && g.BuildingId is not null).Select(g => g.BuildingId!.Value).Distinct();

    private bool Has(Role role, Guid organisationId, Guid? buildingId) =>
        Grants.Any(g => g.Role == role && g.OrganisationId == organisationId && (g.BuildingId is null || g.BuildingId == buildingId));
}
