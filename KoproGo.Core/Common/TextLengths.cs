namespace KoproGo.Core.Common;

/// <summary>
/// The length of a kind of text wherever it is kept. A column whose property is named for its kind (…Email, …Iban,
/// …Phone, EnterpriseNumber, …Language) gets it without a word in its configuration (KoproGoDbContext).
/// </summary>
public static class TextLengths
{
    /// <summary>RFC 5321: a forward path is at most 256 characters including the angle brackets.</summary>
    public const int Email = 254;

    /// <summary>ISO 13616: at most 34 characters, without spaces.</summary>
    public const int Iban = 34;

    /// <summary>As typed, with spaces, dots and a country prefix.</summary>
    public const int Phone = 40;

    /// <summary>Belgian enterprise number as stored, 0123.456.789 (BelgianIdentifiers).</summary>
    public const int EnterpriseNumber = 12;

    /// <summary>The same as a person types it before it is normalised: "BE 0123.456.789 " and the like.</summary>
    public const int EnterpriseNumberAsTyped = 20;

    /// <summary>A password as typed: longer than a password manager makes is a paste slip, refused before hashing.</summary>
    public const int Password = 1024;

    /// <summary>A culture name: fr-BE, nl-BE, en.</summary>
    public const int Language = 10;

    public static int? ForProperty(string name) =>
        name.EndsWith("Email", StringComparison.Ordinal) ? Email
        : name.EndsWith("Iban", StringComparison.Ordinal) ? Iban
        : name.EndsWith("Phone", StringComparison.Ordinal) ? Phone
        : name == "EnterpriseNumber" ? EnterpriseNumber
        : name.EndsWith("Language", StringComparison.Ordinal) ? Language
        : null;
}
