using System.Globalization;
using System.Text;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class CodaTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IBankImportService Bank => fx.Get<IBankImportService>();
    private IBankReconciliationService Reconciliation => fx.Get<IBankReconciliationService>();

    /// <summary>Building A with A1 (owner A, 100) and A9 (owner B, 900), its IBAN, an open 2026 and a sent call of 1,000 €.</summary>
    private async Task<(World W, string Iban, CallDetail Call)> SetUpAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        Assert.True((await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        var calls = fx.Get<ICallService>();
        var id = (await calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, new CallInput { Title = "T4", CallDate = new DateOnly(2026, 10, 1), DueDate = new DateOnly(2026, 10, 31), Ordinary = 1_000m }, Ct)).Value;
        Assert.True((await fx.Get<ICallSendingService>().SendAsync(w.Syndic, id, Ct)).Succeeded);
        string iban;
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            iban = (await db.Buildings.SingleAsync(b => b.Id == w.BuildingA, Ct)).WorkingFundIban!;
        return (w, iban, (await calls.GetAsync(w.Syndic, id, Ct)).Value);
    }

    [Fact]
    public async Task Import_MatchesOnTheCommunication_QueuesTheRest_AndNothingTwice()
    {
        var (w, iban, call) = await SetUpAsync();
        var lineA = call.Lines.Single(l => l.OwnerId == w.OwnerA);
        var file = CodaFile.Build(iban, new DateOnly(2026, 11, 3),
            [new(100m, lineA.StructuredCommunication), new(200m, Free: "charges novembre"), new(-50m, Free: "frais bancaires")]);

        var summary = (await Bank.ImportCodaAsync(w.Accountant, "nov.cod", file, Ct)).Value;

        Assert.Equal(new ImportSummary(3, 1, 1, 1, 0), summary);
        var lines = (await fx.Get<ICallService>().GetAsync(w.Syndic, call.Call.Id, Ct)).Value.Lines;
        Assert.Equal(LineState.Paid, lines.Single(l => l.OwnerId == w.OwnerA).State);
        Assert.Equal(new ImportSummary(3, 0, 0, 0, 3), (await Bank.ImportCodaAsync(w.Accountant, "nov-again.cod", file, Ct)).Value);

        // the unmatched payment: the syndic says it is owner B's
        var unmatched = Assert.Single((await Reconciliation.UnmatchedAsync(w.Syndic, w.BuildingA, Ct)).Value);
        Assert.Equal(("charges novembre", "Dupont Jean"), (unmatched.Communication, unmatched.CounterpartyName));
        Assert.True((await Reconciliation.MatchAsync(w.Syndic, unmatched.Id, w.OwnerB, Ct)).Succeeded);
        Assert.Equal("error.bank_already_matched", (await Reconciliation.MatchAsync(w.Syndic, unmatched.Id, w.OwnerB, Ct)).FirstError!.Code);
        lines = (await fx.Get<ICallService>().GetAsync(w.Syndic, call.Call.Id, Ct)).Value.Lines;
        Assert.Equal(200m, lines.Single(l => l.OwnerId == w.OwnerB).Paid);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(2, await db.Payments.CountAsync(p => p.BuildingId == w.BuildingA, Ct));
    }

    [Fact]
    public async Task ImportFile_KindReadFromTheContent_NotTheName()
    {
        var (w, iban, call) = await SetUpAsync();
        var lineA = call.Lines.Single(l => l.OwnerId == w.OwnerA);
        var coda = CodaFile.Build(iban, new DateOnly(2026, 11, 3), [new(100m, lineA.StructuredCommunication)]);
        var csv = $"Compte;Date;Montant;Communication\r\n{BelgianIdentifiers.FormatIban(iban)};04/11/2026;25,00;loyer\r\n";

        var asCoda = await Bank.ImportFileAsync(w.Accountant, "releve.csv", new MemoryStream(Encoding.Latin1.GetBytes(coda)), Ct);
        Assert.Equal(new ImportSummary(1, 1, 0, 0, 0), asCoda.Value);
        var asCsv = await Bank.ImportFileAsync(w.Accountant, "export.cod", new MemoryStream(Encoding.UTF8.GetBytes(csv)), Ct);
        Assert.Equal(new ImportSummary(1, 0, 1, 0, 0), asCsv.Value);
    }

    [Fact]
    public async Task CsvStatement_ImplausibleDate_RefusedWithItsLine_NotStoredAsInfinity()
    {
        var (w, iban, _) = await SetUpAsync();
        var csv = $"Compte;Date;Montant\r\n{BelgianIdentifiers.FormatIban(iban)};31/12/9999;25,00\r\n";
        var refused = await Bank.ImportCsvAsync(w.Accountant, "far.csv", csv, Ct);
        Assert.Equal(("error.coda_date", (object?)2), (refused.FirstError!.Code, refused.FirstError.Args[0]));
    }

    [Fact]
    public async Task CsvStatement_TextOverTheSepaLimit_RefusedWithItsLine_NothingCutOrStored()
    {
        var (w, iban, _) = await SetUpAsync();
        var csv = $"Compte;Date;Montant;Communication\r\n{BelgianIdentifiers.FormatIban(iban)};04/11/2026;25,00;ok\r\n"
                  + $"{BelgianIdentifiers.FormatIban(iban)};05/11/2026;25,00;{new string('a', 10_000)}\r\n";
        var refused = await Bank.ImportCsvAsync(w.Accountant, "long.csv", csv, Ct);
        Assert.Equal(("error.csv_text_too_long", (object?)3, "communication", (object?)140), (refused.FirstError!.Code, refused.FirstError.Args[0], refused.FirstError.Args[1], refused.FirstError.Args[2]));
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.False(await db.BankTransactions.AnyAsync(t => t.BuildingId == w.BuildingA, Ct));
        // exactly 140 characters is a SEPA communication and is imported as it is
        var at = await Bank.ImportCsvAsync(w.Accountant, "at.csv", csv.Replace(new string('a', 10_000), new string('a', 140), StringComparison.Ordinal), Ct);
        Assert.True(at.Succeeded);
    }

    [Fact]
    public async Task ImportFile_OverTheLimit_IsRefusedWithItsSize_AtTheLimitIsRead()
    {
        var (w, _, _) = await SetUpAsync();
        var over = await Bank.ImportFileAsync(w.Accountant, "big.cod", new MemoryStream(new byte[BankFiles.MaxBytes + 1]), Ct);
        Assert.Equal(("error.file_too_large", (object?)5L), (over.FirstError!.Code, over.FirstError.Args[0]));
        // exactly the limit is read, then judged on its content (here: not a statement)
        var at = await Bank.ImportFileAsync(w.Accountant, "big.cod", new MemoryStream(Enumerable.Repeat((byte)'x', (int)BankFiles.MaxBytes).ToArray()), Ct);
        Assert.NotEqual("error.file_too_large", at.FirstError!.Code);
    }

    [Fact]
    public async Task SameFile_ImportedThreeTimesInParallel_BooksEachPaymentOnce()
    {
        var (w, iban, call) = await SetUpAsync();
        var lineB = call.Lines.Single(l => l.OwnerId == w.OwnerB);
        var file = CodaFile.Build(iban, new DateOnly(2026, 11, 4), [new(900m, lineB.StructuredCommunication), new(75m, Free: "?")]);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() => Bank.ImportCodaAsync(w.Accountant, $"f{i}.cod", file, Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, results.Sum(r => r.Value.Matched));
        Assert.Equal(4, results.Sum(r => r.Value.AlreadyImported));
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(1, await db.Payments.CountAsync(p => p.BuildingId == w.BuildingA, Ct));
        Assert.Equal(2, await db.BankTransactions.CountAsync(t => t.BuildingId == w.BuildingA, Ct));
    }

    [Fact]
    public async Task MalformedFiles_AreRefusedWithTheLine_AndNothingIsImported()
    {
        var (w, iban, call) = await SetUpAsync();
        var good = CodaFile.Build(iban, new DateOnly(2026, 11, 5), [new(100m, call.Lines[0].StructuredCommunication)]);
        var lines = good.Split("\r\n");

        var truncated = string.Join("\r\n", lines.Select((l, i) => i == 2 ? l[..127] : l));
        var error = (await Bank.ImportCodaAsync(w.Accountant, "bad.cod", truncated, Ct)).FirstError!;
        Assert.Equal(("error.coda_length", 3, 127), (error.Code, error.Args[0], error.Args[1]));

        var wrongTotals = CodaFile.Build(iban, new DateOnly(2026, 11, 5), [new(100m, call.Lines[0].StructuredCommunication)], announcedCredit: 101m);
        Assert.Equal("error.coda_totals", (await Bank.ImportCodaAsync(w.Accountant, "bad.cod", wrongTotals, Ct)).FirstError!.Code);
        Assert.Equal("error.coda_header", (await Bank.ImportCodaAsync(w.Accountant, "bad.cod", string.Join("\r\n", lines.Skip(1)), Ct)).FirstError!.Code);
        Assert.Equal("error.coda_trailer", (await Bank.ImportCodaAsync(w.Accountant, "bad.cod", string.Join("\r\n", lines.Take(lines.Length - 2)), Ct)).FirstError!.Code);
        Assert.Equal("error.coda_empty", (await Bank.ImportCodaAsync(w.Accountant, "bad.cod", "", Ct)).FirstError!.Code);
        Assert.Equal("error.coda_unknown_account", (await Bank.ImportCodaAsync(w.Accountant, "other.cod", CodaFile.Build(BelgianIdentifierFactory.Iban(9_999_999_999), new DateOnly(2026, 11, 5), [new(5m)]), Ct)).FirstError!.Code);
        Assert.Equal("error.coda_unknown_account", (await Bank.ImportCodaAsync(w.OwnerActorA, "mine.cod", good, Ct)).FirstError!.Code);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.False(await db.BankTransactions.AnyAsync(t => t.BuildingId == w.BuildingA, Ct));
        Assert.False(await db.Payments.AnyAsync(p => p.BuildingId == w.BuildingA, Ct));
    }

    [Fact]
    public async Task CsvStatement_IsMatchedLikeCoda_OnceOnly_AndRefusedWholeWhenMalformed()
    {
        var (w, iban, call) = await SetUpAsync();
        var lineA = call.Lines.Single(l => l.OwnerId == w.OwnerA);
        var account = BelgianIdentifiers.FormatIban(iban);
        var csv = "\uFEFFCompte;Date;Montant;Communication;Contrepartie;Compte contrepartie\r\n"
                  + $"{account};03/11/2026;100,00;{lineA.StructuredCommunication};Alpha Anne;BE71 0961 2345 6769\r\n"
                  + $"{account};04/11/2026;\"1.200,50\";\"charges; novembre\";Inconnu;\r\n"
                  + $"{account};04/11/2026;-35,10;frais;Banque;\r\n";

        Assert.Equal(new ImportSummary(3, 1, 1, 1, 0), (await Bank.ImportCsvAsync(w.Accountant, "nov.csv", csv, Ct)).Value);
        Assert.Equal(new ImportSummary(3, 0, 0, 0, 3), (await Bank.ImportCsvAsync(w.Accountant, "nov-again.csv", csv, Ct)).Value);
        var unmatched = Assert.Single((await Reconciliation.UnmatchedAsync(w.Syndic, w.BuildingA, Ct)).Value);
        Assert.Equal((1_200.50m, "charges; novembre"), (unmatched.Amount, unmatched.Communication));
        Assert.Equal(100m, (await fx.Get<ICallService>().GetAsync(w.Syndic, call.Call.Id, Ct)).Value.Lines.Single(l => l.OwnerId == w.OwnerA).Paid);

        async Task<Error> Refused(string content) => (await Bank.ImportCsvAsync(w.Accountant, "bad.csv", content, Ct)).FirstError!;
        var unknown = await Refused($"compte;date;montant;solde\n{account};05/11/2026;10,00;5000\n");
        Assert.Equal(("error.csv_column", 1, "solde"), (unknown.Code, unknown.Args[0], unknown.Args[1]));
        Assert.Equal("error.csv_missing_column", (await Refused($"compte;date\n{account};05/11/2026\n")).Code);
        var amount = await Refused($"compte;date;montant\n{account};05/11/2026;10,00\n{account};05/11/2026;dix euros\n");
        Assert.Equal(("error.coda_amount", 3), (amount.Code, amount.Args[0]));
        Assert.Equal("error.coda_date", (await Refused($"compte;date;montant\n{account};31/02/2026;10,00\n")).Code);
        Assert.Equal("error.csv_accounts", (await Refused($"compte;date;montant\n{account};05/11/2026;10,00\nBE71096123456769;05/11/2026;10,00\n")).Code);
        Assert.Equal("error.coda_empty", (await Refused("compte;date;montant\n")).Code);
        Assert.Equal("error.coda_unknown_account", (await Refused("compte;date;montant\nBE71096123456769;05/11/2026;10,00\n")).Code);

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(3, await db.BankTransactions.CountAsync(t => t.BuildingId == w.BuildingA, Ct));     // the refused files left nothing
    }
}
