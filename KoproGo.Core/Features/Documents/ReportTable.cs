using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace KoproGo.Core.Features.Documents;

/// <summary>A column of a report: its header and whether it holds amounts (right-aligned, numbers in XLSX).</summary>
public sealed record ReportColumn(string Header, bool IsAmount = false, double Width = 1);

/// <summary>
/// A report as a table, written once by the feature and exported by <see cref="ReportFormats"/> as CSV, XLSX or PDF.
/// Cells are strings, or decimals for amounts (so that a spreadsheet can add them up).
/// </summary>
public sealed record ReportTable(string Title, string Subtitle, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

public enum ReportFormat { Csv, Xlsx, Pdf }

public static class ReportFormats
{
    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Csv => "text/csv; charset=utf-8",
        ReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/pdf",
    };

    public static string Extension(ReportFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>
    /// CSV as Belgian spreadsheets open it: semicolon separated, decimal comma in French and Dutch, UTF-8 with BOM.
    /// </summary>
    public static byte[] Csv(ReportTable table, CultureInfo culture)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(culture) { Delimiter = ";" }))
        {
            foreach (var c in table.Columns)
                csv.WriteField(c.Header);
            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var cell in row)
                    csv.WriteField(cell is decimal d ? d.ToString("0.00", culture) : cell?.ToString() ?? "");
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    public static byte[] Xlsx(ReportTable table)
    {
        var rows = table.Rows.Select(row =>
        {
            var dict = new Dictionary<string, object?>();
            for (var i = 0; i < table.Columns.Count; i++)
                dict[UniqueHeader(table, i)] = row[i];
            return dict;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "KoproGo");
        return stream.ToArray();
    }

    public static byte[] Pdf(ReportTable table, Letterhead head, CultureInfo culture, DateTimeOffset now)
    {
        using var pdf = new LetterheadDocument(head, table.Title, culture, now);
        pdf.Text(table.Subtitle, pdf.Body, 20);
        var total = table.Columns.Sum(c => c.Width);
        var widths = table.Columns.Select(c => c.Width / total).ToList();
        var amounts = table.Columns.Select((c, i) => (c, i)).Where(x => x.c.IsAmount).Select(x => x.i).ToHashSet();
        pdf.Row(table.Columns.Select(c => c.Header).ToList(), widths, pdf.Bold, shaded: true, rightAligned: amounts);
        foreach (var row in table.Rows)
            pdf.Row(row.Select(cell => cell is decimal d ? d.ToString("N2", culture) : cell?.ToString() ?? "").ToList(), widths, pdf.Small, rightAligned: amounts);
        return pdf.Save();
    }

    private static string UniqueHeader(ReportTable table, int index)
    {
        var header = table.Columns[index].Header;
        return table.Columns.Take(index).Any(c => c.Header == header) ? $"{header} ({index + 1})" : header;
    }
}

/// <summary>A generated file for download.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content);
