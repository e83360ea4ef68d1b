namespace KoproGo.Web.Components.Layout;

/// <summary>
/// The role whose menu the user sees, when they hold several. Only navigation depends on it; every service still
/// authorises on all of the user's memberships.
/// </summary>
public static class RoleContext
{
    public const string CookieName = "koprogo.role";
    public const string SuperAdmin = "SuperAdmin";

    public static IReadOnlyList<string> RolesOf(Actor actor)
    {
        var roles = new List<string>();
        if (actor.IsSuperAdmin && !actor.IsSystem)
            roles.Add(SuperAdmin);
        roles.AddRange(actor.Grants.Select(g => g.Role).Distinct().Order().Select(r => r.ToString()));
        return roles;
    }

    /// <summary>The chosen role if the user still holds it, otherwise their most powerful one.</summary>
    public static string? Active(Actor actor, string? chosen)
    {
        var roles = RolesOf(actor);
        return chosen is not null && roles.Contains(chosen) ? chosen : roles.FirstOrDefault();
    }

    /// <summary>
    /// Whether the community pages (notices, polls, bookings, library, skills) belong in that role's menu: not for a
    /// contractor, who comes for the works they are given, nor for someone who holds no role yet.
    /// </summary>
    public static bool HasCommunity(string? activeRole) => activeRole is not null and not nameof(Role.Contractor);

    /// <summary>What the home page proposes to someone who sees no building yet, by what they hold.</summary>
    public static FirstStep FirstStepOf(Actor actor) =>
        actor.IsSuperAdmin ? FirstStep.PlatformWithoutBuildings
        : actor.Grants.Count == 0 ? FirstStep.AcceptAnInvitation
        : actor.Grants.All(g => g.Role == Role.Contractor) ? FirstStep.WaitForWork
        : actor.Grants.Any(g => g.Role == Role.Syndic && g.BuildingId is null) ? FirstStep.AddABuilding
        : FirstStep.WaitForABuilding;
}

public enum FirstStep { PlatformWithoutBuildings, AcceptAnInvitation, WaitForWork, AddABuilding, WaitForABuilding }
