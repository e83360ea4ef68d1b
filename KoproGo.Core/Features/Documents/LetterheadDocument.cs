using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace KoproGo.Core.Features.Documents;

/// <summary>Who a document comes from and is about, printed on every page.</summary>
public sealed record Letterhead(string OrganisationName, string? OrganisationContact, string BuildingName, string BuildingAddress)
{
    /// <summary>The syndic's name and contact, the building's name and address: the head of every letter and report.</summary>
    public static Letterhead For(Organisation organisation, Building building) => new(
        organisation.Name,
        string.Join(" · ", new[] { organisation.ContactEmail, organisation.Phone }.Where(s => !string.IsNullOrEmpty(s))),
        building.Name,
        $"{building.Street}, {building.PostalCode} {building.City}");
}

/// <summary>
/// The shared layout of every KoproGo PDF (SPEC §1.3): letterhead with organisation and building, A4 pages that
/// break by themselves, "page n / N" and the generation date in the footer, in the recipient's language.
/// </summary>
public sealed class LetterheadDocument : IDisposable
{
    private const double Margin = 50, HeaderBottom = 110, FooterTop = 800;
    private readonly PdfDocument _doc = new();
    private readonly Letterhead _head;
    private readonly CultureInfo _culture;
    private readonly DateTimeOffset _generatedAt;
    private XGraphics? _gfx;

    public XFont Title { get; }
    public XFont Body { get; }
    public XFont Bold { get; }
    public XFont Small { get; }
    public double Y { get; private set; }
    public double Left => Margin;
    /// <summary>Text width of an A4 page (595 pt) between the margins.</summary>
    public double Width => 595 - 2 * Margin;

    public LetterheadDocument(Letterhead head, string title, CultureInfo culture, DateTimeOffset generatedAt)
    {
        PdfFonts.EnsureRegistered();
        _head = head;
        _culture = culture;
        _generatedAt = generatedAt;
        _doc.Info.Title = title;
        _doc.Info.Author = head.OrganisationName;
        _doc.Info.Creator = "KoproGo";
        Title = new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold);
        Body = new XFont(PdfFonts.Family, 10, XFontStyleEx.Regular);
        Bold = new XFont(PdfFonts.Family, 10, XFontStyleEx.Bold);
        Small = new XFont(PdfFonts.Family, 8, XFontStyleEx.Regular);
        NewPage();
        Text(title, Title, 24);
    }

    public XGraphics Gfx => _gfx!;

    /// <summary>Makes room for <paramref name="height"/> points, starting a new page when the current one is full.</summary>
    public void Need(double height)
    {
        if (Y + height > FooterTop - 10)
            NewPage();
    }

    public void Text(string text, XFont font, double lineHeight = 14)
    {
        Need(lineHeight);
        Gfx.DrawString(text, font, XBrushes.Black, new XRect(Left, Y, Width, lineHeight), XStringFormats.TopLeft);
        Y += lineHeight;
    }

    public void Space(double points) => Y += points;

    /// <summary>Text wrapped at the words to the page's width, over as many lines (and pages) as it needs.</summary>
    public void Paragraph(string text, XFont font, double lineHeight = 14)
    {
        foreach (var source in text.Replace("\r", "").Split('\n'))
        {
            var line = "";
            foreach (var word in source.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Gfx.MeasureString(candidate, font).Width > Width)
                {
                    Text(line, font, lineHeight);
                    candidate = word;
                }
                line = candidate;
            }
            // a single word wider than the page is cut by Text's rectangle rather than lost
            Text(line, font, lineHeight);
        }
    }

    /// <summary>Starts the next part on a page of its own (a form to sign and return).</summary>
    public void PageBreak() => NewPage();

    /// <summary>A QR code drawn as vector squares (sharp at any zoom, and no image decoder needed), <paramref name="size"/> points wide.</summary>
    public void QrCode(bool[,] modules, double size)
    {
        Need(size);
        var count = modules.GetLength(0);
        var module = size / count;
        for (var y = 0; y < count; y++)
            for (var x = 0; x < count; x++)
                if (modules[y, x])
                    Gfx.DrawRectangle(XBrushes.Black, Left + x * module, Y + y * module, module + 0.05, module + 0.05);
        Y += size;
    }

    /// <summary>A table row; <paramref name="widths"/> are fractions of the text width; right-aligned columns for amounts.</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, XFont font, bool shaded = false, ISet<int>? rightAligned = null)
    {
        const double h = 16;
        Need(h);
        var x = Left;
        if (shaded)
            Gfx.DrawRectangle(XBrushes.Gainsboro, new XRect(Left, Y, Width, h));
        for (var i = 0; i < cells.Count; i++)
        {
            var w = widths[i] * Width;
            var format = rightAligned?.Contains(i) == true ? XStringFormats.CenterRight : XStringFormats.CenterLeft;
            Gfx.DrawString(Fit(cells[i], font, w - 6), font, XBrushes.Black, new XRect(x + 3, Y, w - 6, h), format);
            x += w;
        }
        Gfx.DrawLine(XPens.LightGray, Left, Y + h, Left + Width, Y + h);
        Y += h;
    }

    private string Fit(string text, XFont font, double width)
    {
        if (Gfx.MeasureString(text, font).Width <= width)
            return text;
        while (text.Length > 1 && Gfx.MeasureString(text + "…", font).Width > width)
            text = text[..^1];
        return text + "…";
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _doc.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(page);
        Gfx.DrawString(_head.OrganisationName, Bold, XBrushes.Black, new XPoint(Margin, 50));
        if (_head.OrganisationContact is not null)
            Gfx.DrawString(_head.OrganisationContact, Small, XBrushes.DimGray, new XPoint(Margin, 63));
        Gfx.DrawString(_head.BuildingName, Bold, XBrushes.Black, new XRect(Margin, 42, Width, 12), XStringFormats.TopRight);
        Gfx.DrawString(_head.BuildingAddress, Small, XBrushes.DimGray, new XRect(Margin, 56, Width, 12), XStringFormats.TopRight);
        Gfx.DrawLine(XPens.Gray, Margin, 80, Margin + Width, 80);
        Y = HeaderBottom - 15;
    }

    public byte[] Save()
    {
        _gfx?.Dispose();
        _gfx = null;
        var count = _doc.PageCount;
        var generated = Texts.Get("pdf.generated_on", _culture, BusinessTimeFormat(_generatedAt));
        for (var i = 0; i < count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_doc.Pages[i], XGraphicsPdfPageOptions.Append);
            gfx.DrawLine(XPens.Gray, Margin, FooterTop, Margin + Width, FooterTop);
            gfx.DrawString(generated, Small, XBrushes.DimGray, new XPoint(Margin, FooterTop + 14));
            gfx.DrawString(Texts.Get("pdf.page_of", _culture, i + 1, count), Small, XBrushes.DimGray,
                new XRect(Margin, FooterTop + 5, Width, 12), XStringFormats.TopRight);
        }
        using var output = new MemoryStream();
        _doc.Save(output, closeStream: false);
        return output.ToArray();
    }

    private string BusinessTimeFormat(DateTimeOffset instant) =>
        Common.BusinessTime.LocalDateTime(instant).ToString("g", _culture);

    public void Dispose()
    {
        _gfx?.Dispose();
        _doc.Dispose();
    }
}
