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
}
