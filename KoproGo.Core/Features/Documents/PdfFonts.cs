using PdfSharp.Fonts;

namespace KoproGo.Core.Features.Documents;

/// <summary>
/// PDFsharp 6 (Core build) has no system-font access on Linux: this resolver maps every family to the DejaVu TTFs
/// of fonts-dejavu-core, which cover French and Dutch accents and the euro sign; fonts embed as subsets.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Folder = "/usr/share/fonts/truetype/dejavu";
    private static readonly Lock InitLock = new();

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new((bold, italic) switch
    {
        (true, true) => "DejaVuSans-BoldOblique",
        (true, false) => "DejaVuSans-Bold",
        (false, true) => "DejaVuSans-Oblique",
        _ => "DejaVuSans",
    });

    public byte[]? GetFont(string faceName)
    {
        var path = Path.Combine(Folder, faceName + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"Font {path} not found (apt-get install fonts-dejavu-core)");
    }

    /// <summary>GlobalFontSettings is process-wide and settable once, before the first XFont.</summary>
    public static void EnsureRegistered()
    {
        lock (InitLock)
        {
            GlobalFontSettings.FontResolver ??= new PdfFonts();
        }
    }
}
