using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.Accounts;

/// <summary>A platform account (ASP.NET Core Identity). Roles live in <see cref="Membership"/>, per organisation/building.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMax = 200;

    public string DisplayName { get; set; } = "";
    public string PreferredLanguage { get; set; } = "fr-BE";
    /// <summary>Platform operator: manages organisations and the job dashboard.</summary>
    public bool IsSuperAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
