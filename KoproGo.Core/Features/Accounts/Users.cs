using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.Accounts;

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
}
