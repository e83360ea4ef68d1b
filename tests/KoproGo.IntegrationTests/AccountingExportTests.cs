using System.Text;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Documents;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class AccountingExportTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_ExportAsCsvXlsxPdf_AndTheFecLayout_InTheReadersLanguage()
    {
        var w = await World.CreateAsync(fx, Ct);
        var accounting = fx.Get<IAccountingService>();
        var fiscalYearService = fx.Get<IFiscalYearService>();
        var chartService = fx.Get<IChartService>();
        var year = (await fiscalYearService.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Value;
        var chart = (await chartService.ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value.ToDictionary(a => a.Code, a => a.Id);
        Assert.True((await accounting.PostAsync(w.Accountant, new EntryDraft
        {
            BuildingId = w.BuildingA,
            Date = new DateOnly(2026, 2, 1),
            Journal = Journal.VEN,
            Description = "Appel | T1",
            DocumentRef = "AF-1",
            Lines = [new() { AccountId = chart["4100"], OwnerId = w.OwnerA, Debit = 1234.56m }, new() { AccountId = chart["701"], Credit = 1234.56m }],
        }, Ct)).Succeeded);
        var exports = fx.Get<IAccountingExports>();
        var period = new ReportPeriod(w.BuildingA, year.Id);

        var csv = (await exports.ExportAsync(w.Accountant, period, AccountingReportKind.TrialBalance, ReportFormat.Csv, "nl-BE", null, Ct)).Value;
        var text = Encoding.UTF8.GetString(csv.Content);
        Assert.StartsWith("\uFEFFRekening;Omschrijving;Debet;Credit;Saldo", text, StringComparison.Ordinal);
        Assert.Contains("701;Provisieopvragingen (werkkapitaal);0,00;1234,56;-1234,56", text, StringComparison.Ordinal);
        Assert.EndsWith(".csv", csv.FileName, StringComparison.Ordinal);

        var xlsx = (await exports.ExportAsync(w.Accountant, period, AccountingReportKind.GeneralLedger, ReportFormat.Xlsx, "en-BE", null, Ct)).Value;
        using (var stream = new MemoryStream(xlsx.Content))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal(1234.56m, Convert.ToDecimal(rows[0]["Debit"], System.Globalization.CultureInfo.InvariantCulture));
        }

        var pdf = (await exports.ExportAsync(w.OwnerActorA, period, AccountingReportKind.OwnerStatement, ReportFormat.Pdf, "fr-BE", w.OwnerA, Ct)).Value;
        using (var document = PdfDocument.Open(pdf.Content))
        {
            var words = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(x => x.Text));
            Assert.Contains("copropriétaire", words, StringComparison.Ordinal);
            Assert.Contains("1 234,56", words.Replace('\u202f', ' ').Replace('\u00a0', ' '), StringComparison.Ordinal);
        }
        Assert.False((await exports.ExportAsync(w.OwnerActorB, period, AccountingReportKind.OwnerStatement, ReportFormat.Pdf, "fr-BE", w.OwnerA, Ct)).Succeeded);
        Assert.False((await exports.ExportAsync(w.OwnerActorA, period, AccountingReportKind.TrialBalance, ReportFormat.Csv, "fr-BE", null, Ct)).Succeeded);

        var fec = Encoding.UTF8.GetString((await exports.FecAsync(w.Accountant, period, Ct)).Value.Content).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise", fec[0].TrimEnd('\r'));
        Assert.Equal(3, fec.Length);
        var first = fec[1].TrimEnd('\r').Split('|');
        Assert.Equal(18, first.Length);
        Assert.Equal(["VEN", "2026-VEN-000001", "20260201", "4100"], [first[0], first[2], first[3], first[4]]);
        Assert.Equal(("1234,56", "0,00", "Appel / T1", "EUR"), (first[11], first[12], first[10], first[17]));
        Assert.Equal("Alpha Anne", first[7]);
        Assert.False((await exports.FecAsync(w.OwnerActorA, period, Ct)).Succeeded);
    }
}
