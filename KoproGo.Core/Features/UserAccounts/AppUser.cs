using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.UserAccounts;

/// <summary>A platform account (ASP.NET Core Identity). Roles live in <see cref="Membership"/>, per organisation/building.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMax = 200, PhoneMax = 40, PostalAddressMax = 300;

    public string DisplayName { get; set; } = "";
    public string PreferredLanguage { get; set; } = "fr-BE";
    /// <summary>Platform operator: manages organisations and the job dashboard.</summary>
    public bool IsSuperAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>TOTP secret, AES-256-GCM encrypted (SecretProtector); null when 2FA is off. Identity's TwoFactorEnabled is the switch.</summary>
    public string? TotpSecret { get; set; }
    /// <summary>A secret shown during set-up, kept until the first valid code confirms it.</summary>
    public string? TotpPendingSecret { get; set; }
    /// <summary>When the pending secret was made (after a password check): it must be confirmed within 5 minutes.</summary>
    public DateTimeOffset? TotpPendingSince { get; set; }
    /// <summary>The last accepted time step: a code of this step or an earlier one is never accepted again.</summary>
    public long TotpLastStep { get; set; }
    public string? PostalAddress { get; set; }
    /// <summary>GDPR Art. 18: since when non-essential processing (marketing, community listings) is stopped; null when not restricted.</summary>
    public DateTimeOffset? ProcessingRestrictedAt { get; set; }
    /// <summary>GDPR Art. 21: since when the user objects to marketing; null when they accept it.</summary>
    public DateTimeOffset? MarketingObjectedAt { get; set; }
    /// <summary>GDPR Art. 17: the account was anonymised at this instant and can no longer sign in.</summary>
    public DateTimeOffset? ErasedAt { get; set; }
}
