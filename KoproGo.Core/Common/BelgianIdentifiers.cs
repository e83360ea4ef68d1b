using System.Numerics;

namespace KoproGo.Core.Common;

/// <summary>Checks of the identifiers a Belgian syndic types every day.</summary>
public static class BelgianIdentifiers
{
    /// <summary>
    /// Normalises an IBAN (spaces removed, upper case) and checks it: ISO 13616 mod-97 = 1 for any SEPA country,
    /// plus for Belgium (BEkk bbbc cccc ccxx) the length 16 and the national check (first 10 BBAN digits mod 97).
    /// Returns null when invalid.
    /// </summary>
    public static string? NormaliseIban(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var iban = new string(value.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        if (iban.Length is < 15 or > 34 || !iban.All(char.IsAsciiLetterOrDigit)
            || !char.IsAsciiLetter(iban[0]) || !char.IsAsciiLetter(iban[1]) || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
            return null;

        var rearranged = iban[4..] + iban[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97 != 1)
            return null;

        if (iban.StartsWith("BE", StringComparison.Ordinal))
        {
            if (iban.Length != 16 || !iban[4..].All(char.IsAsciiDigit))
                return null;
            var account = long.Parse(iban[4..14], System.Globalization.CultureInfo.InvariantCulture);
            var check = int.Parse(iban[14..16], System.Globalization.CultureInfo.InvariantCulture);
            var expected = (int)(account % 97);
            if ((expected == 0 ? 97 : expected) != check)
                return null;
        }
        return iban;
    }

    /// <summary>"BE68 5390 0754 7034" for display.</summary>
    public static string FormatIban(string iban) =>
        string.Join(' ', Enumerable.Range(0, (iban.Length + 3) / 4).Select(i => iban.Substring(i * 4, Math.Min(4, iban.Length - i * 4))));

    /// <summary>
    /// Belgian enterprise number (BCE/KBO): 10 digits starting with 0 or 1, the last two = 97 − (first eight mod 97).
    /// Accepts "0123.456.749", "BE0123456749", "123456749" (old 9-digit form gets its leading 0). Returns "0123.456.749" or null.
    /// </summary>
    public static string? NormaliseEnterpriseNumber(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        var letters = value.Where(char.IsLetter).ToArray();
        if (letters.Length > 0 && !new string(letters).Equals("BE", StringComparison.OrdinalIgnoreCase))
            return null;
        if (digits.Length == 9)
            digits = "0" + digits;
        if (digits.Length != 10 || digits[0] is not ('0' or '1'))
            return null;
        var body = long.Parse(digits[..8], System.Globalization.CultureInfo.InvariantCulture);
        var check = int.Parse(digits[8..], System.Globalization.CultureInfo.InvariantCulture);
        if (97 - (int)(body % 97) != check)
            return null;
        return $"{digits[..4]}.{digits[4..7]}.{digits[7..]}";
    }
}

/// <summary>
/// The Belgian structured communication (OGM/VCS) of a transfer: 10 digits and a check of two, the 10 digits mod 97
/// (97 when the remainder is 0), written +++123/4567/89002+++.
/// </summary>
public static partial class StructuredCommunication
{
    public static string FromNumber(long number)
    {
        if (number is < 0 or > 9_999_999_999)
            throw new ArgumentOutOfRangeException(nameof(number), "10 digits at most");
        var check = number % 97;
        var digits = $"{number:D10}{(check == 0 ? 97 : check):D2}";
        return $"+++{digits[..3]}/{digits[3..7]}/{digits[7..]}+++";
    }

    /// <summary>The 12 digits of a valid communication written in any usual way (+++…+++, ***…***, spaces, slashes), else null.</summary>
    public static string? Digits(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        var rest = value.Where(c => !char.IsAsciiDigit(c) && c is not ('+' or '*' or '/' or ' '));
        if (digits.Length != 12 || rest.Any())
            return null;
        var body = long.Parse(digits[..10], System.Globalization.CultureInfo.InvariantCulture);
        var check = int.Parse(digits[10..], System.Globalization.CultureInfo.InvariantCulture);
        var expected = body % 97 == 0 ? 97 : body % 97;
        return check == expected ? digits : null;
    }

    public static bool IsValid(string? value) => Digits(value) is not null;

    /// <summary>
    /// A valid communication somewhere in a free text — "+++090/9337/55493+++", "***090/9337/55493***" or twelve digits
    /// standing alone — as its 12 digits; null when there is none (or more than one different one).
    /// </summary>
    public static string? FindIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var found = Candidates().Matches(text).Select(m => Digits(m.Value)).Where(d => d is not null).Distinct().ToList();
        return found.Count == 1 ? found[0] : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\+{3}|\*{3})\s*\d{3}\s*/?\s*\d{4}\s*/?\s*\d{5}\s*(\+{3}|\*{3})|(?<![\d/])\d{12}(?![\d/])")]
    private static partial System.Text.RegularExpressions.Regex Candidates();
}

/// <summary>Builds valid Belgian identifiers from their digits (demo data, tests, benchmarks).</summary>
public static class BelgianIdentifierFactory
{
    /// <summary>BEkk + 10-digit account + national check; kk makes the ISO 13616 mod-97 equal 1.</summary>
    public static string Iban(long account10)
    {
        var national = account10 % 97 == 0 ? 97 : account10 % 97;
        var bban = $"{account10:D10}{national:D2}";
        // ISO check: (bban + "BE00" as digits) mod 97, B=11 E=14
        var remainder = System.Numerics.BigInteger.Parse(bban + "111400", System.Globalization.CultureInfo.InvariantCulture) % 97;
        return $"BE{98 - (int)remainder:D2}{bban}";
    }

    /// <summary>"0xxx.xxx.xcc" from an eight-digit body starting with 0 or 1.</summary>
    public static string EnterpriseNumber(int body8)
    {
        var check = 97 - body8 % 97;
        var digits = $"{body8:D8}{check:D2}";
        return $"{digits[..4]}.{digits[4..7]}.{digits[7..]}";
    }
}
