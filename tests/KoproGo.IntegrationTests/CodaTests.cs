using System.Globalization;
using System.Text;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>Hand-made CODA files (Febelfin 2.x): what a Belgian bank sends, with the positions the parser reads.</summary>
internal static class CodaFile
{
    public sealed record Move(decimal Amount, string? Ogm = null, string Free = "", string Reference = "", string Name = "Dupont Jean", string Account = "BE71096123456769");

    private static string Fit(string s, int length) => s.PadRight(length)[..length];
    private static string Amount(decimal a) => ((long)(Math.Abs(a) * 1000)).ToString("D15", CultureInfo.InvariantCulture);

    public static string Build(string iban, DateOnly date, IReadOnlyList<Move> moves, decimal? announcedDebit = null, decimal? announcedCredit = null)
    {
        var d = date.ToString("ddMMyy", CultureInfo.InvariantCulture);
        var lines = new List<string> { Fit("00000" + d + "725" + "05", 127) + "2", Fit("12001" + Fit(iban + " EUR", 37) + "0" + Amount(1000m) + d, 128) };
        var seq = 1;
        foreach (var m in moves)
        {
            var reference = Fit(m.Reference.Length > 0 ? m.Reference : $"REF{seq:D6}", 21);
            var communication = m.Ogm is { } ogm ? "1" + Fit("101" + StructuredCommunication.Digits(ogm), 53) : "0" + Fit(m.Free, 53);
            lines.Add("21" + seq.ToString("D4", CultureInfo.InvariantCulture) + "0000" + reference + (m.Amount < 0 ? "1" : "0") + Amount(m.Amount) + d + "00150000" + communication + d + "001" + "0" + "0" + " " + "0");
            lines.Add(Fit("23" + seq.ToString("D4", CultureInfo.InvariantCulture) + "0000" + Fit(m.Account, 37) + Fit(m.Name, 35) + Fit("", 43), 128));
            seq++;
        }
        lines.Add(Fit("8001" + Fit(iban + " EUR", 37) + "0" + Amount(1000m) + d, 128));
        var debit = announcedDebit ?? -moves.Where(m => m.Amount < 0).Sum(m => m.Amount);
        var credit = announcedCredit ?? moves.Where(m => m.Amount > 0).Sum(m => m.Amount);
        lines.Add(Fit("9" + new string(' ', 15) + (lines.Count - 1).ToString("D6", CultureInfo.InvariantCulture) + Amount(debit) + Amount(credit), 127) + "2");
        return string.Join("\r\n", lines) + "\r\n";
    }
}

[Collection(DatabaseCollection.Name)]
public class CodaTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IBankImportService Bank => fx.Get<IBankImportService>();

    /// <summary>Building A with A1 (owner A, 100) and A9 (owner B, 900), its IBAN, an open 2026 and a sent call of 1,000 €.</summary>
    private async Task<(World W, string Iban, CallDetail Call)> SetUpAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        var a9 = (await fx.Get<IBuildingService>().CreateUnitAsync(w.Syndic, w.BuildingA, new UnitInput { Number = "A9", Shares = 900 }, Ct)).Value;
        Assert.True((await fx.Get<IOwnerService>().SaveOwnershipsAsync(w.Syndic, a9, new ChangeOwnershipInput { EffectiveDate = new DateOnly(2020, 1, 1), Lines = [new() { OwnerId = w.OwnerB, IsPrimaryContact = true }] }, Ct)).Succeeded);
        Assert.True((await fx.Get<IAccountingService>().OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        var calls = fx.Get<ICallService>();
        var id = (await calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, new CallInput { Title = "T4", CallDate = new DateOnly(2026, 10, 1), DueDate = new DateOnly(2026, 10, 31), Ordinary = 1_000m }, Ct)).Value;
        Assert.True((await calls.SendAsync(w.Syndic, id, Ct)).Succeeded);
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
        var unmatched = Assert.Single((await Bank.UnmatchedAsync(w.Syndic, w.BuildingA, Ct)).Value);
        Assert.Equal(("charges novembre", "Dupont Jean"), (unmatched.Communication, unmatched.CounterpartyName));
        Assert.True((await Bank.MatchAsync(w.Syndic, unmatched.Id, w.OwnerB, Ct)).Succeeded);
        Assert.Equal("error.bank_already_matched", (await Bank.MatchAsync(w.Syndic, unmatched.Id, w.OwnerB, Ct)).FirstError!.Code);
        lines = (await fx.Get<ICallService>().GetAsync(w.Syndic, call.Call.Id, Ct)).Value.Lines;
        Assert.Equal(200m, lines.Single(l => l.OwnerId == w.OwnerB).Paid);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(2, await db.Payments.CountAsync(p => p.BuildingId == w.BuildingA, Ct));
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
}
