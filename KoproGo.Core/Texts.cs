using System.Collections;
using System.Collections.Frozen;
using System.Resources;

namespace KoproGo.Core;

/// <summary>
/// The product's texts: UI labels, error messages, emails and PDFs. Each feature keeps its own resource set next to its
/// code (<c>Features/&lt;F&gt;/Texts.resx</c>, <c>.nl.resx</c>, <c>.en.resx</c>; French is the neutral default), and
/// <c>Resources/Texts.resx</c> holds what several features share (navigation, common buttons, generic errors). A key
/// lives in exactly one set: the sets are indexed once, by key, and a key found in two of them stops the app at start-up
/// (<see cref="Duplicates"/>). The web app reads the texts through IStringLocalizer&lt;Texts&gt;; Core code that writes
/// for a recipient in their own language (mails, PDFs) calls <see cref="Get"/> with that culture.
/// </summary>
public sealed class Texts
{
    private const string SetName = "Texts.resources";

    /// <summary>Every set's manager, by the keys of its neutral (French) file.</summary>
    private static readonly (FrozenDictionary<string, ResourceManager> ByKey, IReadOnlyList<string> Duplicates) Index = Build();

    private static (FrozenDictionary<string, ResourceManager>, IReadOnlyList<string>) Build()
    {
        var assembly = typeof(Texts).Assembly;
        var byKey = new Dictionary<string, ResourceManager>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var manifest in assembly.GetManifestResourceNames().Where(n => n.EndsWith("." + SetName, StringComparison.Ordinal) || n == SetName).Order(StringComparer.Ordinal))
        {
            var manager = new ResourceManager(manifest[..^".resources".Length], assembly);
            // not disposed: the manager caches this set and serves French lookups from it
            var neutral = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
            foreach (DictionaryEntry entry in neutral)
            {
                var key = (string)entry.Key;
                if (!byKey.TryAdd(key, manager))
                    duplicates.Add(key);
            }
        }
        return (byKey.ToFrozenDictionary(StringComparer.Ordinal), duplicates);
    }

    /// <summary>Keys defined in more than one set (must be none; checked at start-up and by a test).</summary>
    public static IReadOnlyList<string> Duplicates => Index.Duplicates;

    /// <summary>All keys of every set, for the checks that every key has a text in each language.</summary>
    public static IEnumerable<string> Keys => Index.ByKey.Keys;

    /// <summary>The text of a key in a culture, or null when no set defines it.</summary>
    public static string? Find(string key, CultureInfo culture) =>
        Index.ByKey.TryGetValue(key, out var manager) ? manager.GetString(key, culture) : null;

    public static string Get(string key, CultureInfo culture, params object?[] args)
    {
        var format = Find(key, culture) ?? key;
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }

    public static string Get(string key, string cultureName, params object?[] args) =>
        Get(key, CultureInfo.GetCultureInfo(cultureName), args);

    /// <summary>The product's languages: French (the default), Dutch and English, as Belgian cultures.</summary>
    public static bool IsSupported(string? cultureName) => cultureName is "fr-BE" or "nl-BE" or "en-BE";

    /// <summary>The culture to write in for a requested or preferred language, French when it is not one of ours.</summary>
    public static CultureInfo Culture(string? cultureName) => CultureInfo.GetCultureInfo(IsSupported(cultureName) ? cultureName! : "fr-BE");
}
