using System.Globalization;
using System.Resources;

namespace KoproGo.Core;

/// <summary>
/// The one resource set of the product (Resources/Texts.resx, .nl.resx, .en.resx): UI labels, error messages,
/// emails and PDFs. The web app reads it through IStringLocalizer&lt;Texts&gt;; Core code that writes for a
/// recipient in their own language (mails, PDFs) calls <see cref="Get"/> with that culture.
/// </summary>
public sealed class Texts
{
    private static readonly ResourceManager Resources = new("KoproGo.Core.Resources.Texts", typeof(Texts).Assembly);

    public static string Get(string key, CultureInfo culture, params object?[] args)
    {
        var format = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }

    public static string Get(string key, string cultureName, params object?[] args) =>
        Get(key, CultureInfo.GetCultureInfo(cultureName), args);

    /// <summary>The product's languages: French (the default), Dutch and English, as Belgian cultures.</summary>
    public static bool IsSupported(string? cultureName) => cultureName is "fr-BE" or "nl-BE" or "en-BE";

    /// <summary>The culture to write in for a requested or preferred language, French when it is not one of ours.</summary>
    public static CultureInfo Culture(string? cultureName) => CultureInfo.GetCultureInfo(IsSupported(cultureName) ? cultureName! : "fr-BE");
}
