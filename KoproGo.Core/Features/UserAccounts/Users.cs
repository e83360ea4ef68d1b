using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.UserAccounts;

public static class Users
{
    /// <summary>
    /// A new account ready to be added through a KoproGo context (not UserManager.CreateAsync, whose scoped context
    /// would live as long as a Blazor circuit and would commit apart from the membership and audit rows).
    /// </summary>
    public static AppUser NewUser(this UserManager<AppUser> users, string email, string displayName, string language, DateTimeOffset now, bool emailConfirmed) => new()
    {
        Id = Guid.CreateVersion7().ToString(),
        UserName = email,
        Email = email,
        NormalizedEmail = users.NormalizeEmail(email),
        NormalizedUserName = users.NormalizeName(email),
        EmailConfirmed = emailConfirmed,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
        DisplayName = displayName,
        PreferredLanguage = language,
        CreatedAt = now,
    };

    /// <summary>
    /// Ends every session of the user at its next check (cookie: 1 minute, open pages: Security:RevalidateSeconds).
    /// Called whenever rights are taken away (membership revoked, organisation suspended, 2FA removed, email changed).
    /// </summary>
    public static void RotateSecurityStamp(this AppUser user) => user.SecurityStamp = Guid.NewGuid().ToString("N");

    /// <summary>The same for many users at once (every member of a suspended organisation), in the caller's transaction.</summary>
    public static Task<int> RotateSecurityStampsAsync(this IKoproGoDb db, IQueryable<string> userIds, CancellationToken ct)
    {
        var stamp = Guid.NewGuid().ToString("N");
        return db.Users.Where(u => userIds.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp), ct);
    }
}

/// <summary>Who may act on another person's account (revoke their 2FA, change their email).</summary>
public static class AccountAuthority
{
    /// <summary>
    /// A SuperAdmin may; a syndic only when every membership of the person is in organisations they manage as a whole,
    /// and never for a SuperAdmin: holding one role in a syndic's organisation gives that syndic no power over the rest
    /// of the person's account.
    /// </summary>
    public static async Task<bool> MayAdministerAsync(this IKoproGoDb db, Actor actor, AppUser target, CancellationToken ct)
    {
        if (actor.IsSuperAdmin)
            return true;
        if (target.IsSuperAdmin || target.Id == actor.UserId)
            return false;
        var organisations = await db.Memberships.Where(m => m.UserId == target.Id).Select(m => m.OrganisationId).Distinct().ToListAsync(ct);
        return organisations.Count > 0 && organisations.All(o => actor.CanManage(o));
    }
}
