namespace KoproGo.Core.Features.Privacy;

public enum LegalDocument { PrivacyPolicy, Terms }

/// <summary>
/// The versions in force of the texts a user accepts. Raising a version asks every user again at their next page
/// (the layout sends them to the consent page until they accept).
/// </summary>
public static class LegalDocuments
{
    public const string PrivacyPolicyVersion = "2026-11";
    public const string TermsVersion = "2026-11";

    public static string CurrentVersion(LegalDocument document) =>
        document == LegalDocument.PrivacyPolicy ? PrivacyPolicyVersion : TermsVersion;
}

/// <summary>Proof that a user accepted a version of a legal text: when and from which IP address.</summary>
public sealed class ConsentRecord
{
    public const int VersionMax = 20, IpMax = 64;

    private ConsentRecord() { }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public LegalDocument Document { get; private set; }
    public string Version { get; private set; } = "";
    public DateTimeOffset AcceptedAt { get; private set; }
    public string? Ip { get; private set; }

    public static ConsentRecord Accept(string userId, LegalDocument document, DateTimeOffset now, string? ip) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Document = document,
        Version = LegalDocuments.CurrentVersion(document),
        AcceptedAt = now,
        Ip = ip is { Length: > IpMax } ? ip[..IpMax] : ip,
    };
}
