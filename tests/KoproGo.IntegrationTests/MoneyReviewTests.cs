using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Polls;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace KoproGo.IntegrationTests;

/// <summary>The money review (issue #12): bank files of real banks, two funds on two accounts, interest, closing, concurrency.</summary>
[Collection(DatabaseCollection.Name)]
public class MoneyReviewTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IBankImportService Bank => fx.Get<IBankImportService>();
    private IBankReconciliationService Reconciliation => fx.Get<IBankReconciliationService>();
    private ICallService Calls => fx.Get<ICallService>();
    private ICallSendingService Sending => fx.Get<ICallSendingService>();
    private IPaymentService Payments => fx.Get<IPaymentService>();
    private IMyAccountService MyAccount => fx.Get<IMyAccountService>();

    /// <summary>Building A (A1 owner A 100, A9 owner B 900), an open 2026, a sent call of 1,000 € ordinary and 200 € reserve.</summary>
    private async Task<(World W, Building Building, CallDetail Call)> SetUpAsync(decimal reserve = 200m)
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        Assert.True((await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        var id = (await Calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, new CallInput { Title = "T4", CallDate = new DateOnly(2026, 10, 1), DueDate = new DateOnly(2026, 10, 31), Ordinary = 1_000m, Reserve = reserve }, Ct)).Value;
        Assert.True((await Sending.SendAsync(w.Syndic, id, Ct)).Succeeded);
        return (w, await BuildingAsync(w.BuildingA), (await Calls.GetAsync(w.Syndic, id, Ct)).Value);
    }

    private async Task<Building> BuildingAsync(Guid id)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        return await db.Buildings.AsNoTracking().SingleAsync(b => b.Id == id, Ct);
    }

    private async Task<decimal> LedgerAsync(Guid buildingId, string code)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        return await (from l in db.JournalLines
                      join a in db.Accounts on l.AccountId equals a.Id
                      join e in db.JournalEntries on l.EntryId equals e.Id
                      where e.BuildingId == buildingId && a.Code == code
                      select l.Debit - l.Credit).SumAsync(Ct);
    }

    private async Task<CallLineRow> LineAsync(World w, Guid callId, Guid ownerId) => (await Calls.GetAsync(w.Syndic, callId, Ct)).Value.Lines.Single(l => l.OwnerId == ownerId);

    // ---- bank files (items 1–5)

    [Fact]
    public async Task Coda_AGlobalisedGroupOfThreePayments_MatchesEachOnce_AndTheTrailerCountsTheTotalOnly()
    {
        var (w, building, call) = await SetUpAsync(reserve: 0m);
        var b = call.Lines.Single(l => l.OwnerId == w.OwnerB);
        var a = call.Lines.Single(l => l.OwnerId == w.OwnerA);
        var file = CodaFile.File(CodaFile.Statement(building.WorkingFundIban!, new DateOnly(2026, 11, 2),
            [new CodaFile.Global([new(400m, b.StructuredCommunication), new(500m, b.StructuredCommunication, Reference: "X"), new(100m, a.StructuredCommunication)])]));

        var summary = (await Bank.ImportCodaAsync(w.Accountant, "grouped.cod", file, Ct)).Value;

        Assert.Equal((3, 3, 0), (summary.Movements, summary.Matched, summary.Unmatched));
        Assert.Equal(900m, (await LineAsync(w, call.Call.Id, w.OwnerB)).Paid);
        Assert.Equal(100m, (await LineAsync(w, call.Call.Id, w.OwnerA)).Paid);
        Assert.Equal(1_000m, await LedgerAsync(w.BuildingA, StandardChart.BankCurrent));
        // the statement's payments are written as one batch: each with its entry (numbers in order), allocation and fund
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            var payments = await db.Payments.Where(p => p.BuildingId == w.BuildingA).OrderBy(p => p.Amount).ToListAsync(Ct);
            Assert.Equal([100m, 400m, 500m], payments.Select(p => p.Amount));
            Assert.All(payments, p => Assert.Equal((Fund.Working, PaymentMethod.Transfer), (p.Account, p.Method)));
            var ids = payments.Select(p => p.Id).ToList();
            Assert.Equal(1_000m, await db.Set<PaymentAllocation>().Where(x => ids.Contains(x.PaymentId)).SumAsync(x => x.Amount, Ct));
            var entryIds = payments.Select(p => p.EntryId).ToList();
            var numbers = await db.JournalEntries.Where(e => entryIds.Contains(e.Id)).Select(e => e.Number).OrderBy(n => n).ToListAsync(Ct);
            Assert.Equal(3, numbers.Distinct().Count());
            Assert.Equal(numbers[0] + 2, numbers[^1]);
            Assert.All(await db.BankTransactions.Where(t => t.BuildingId == w.BuildingA).ToListAsync(Ct), t => Assert.Contains(t.PaymentId!.Value, ids));
        }
        Assert.Equal(3, (await Bank.ImportCodaAsync(w.Accountant, "grouped-again.cod", file, Ct)).Value.AlreadyImported);
        Assert.Equal(1_000m, await LedgerAsync(w.BuildingA, StandardChart.BankCurrent));
    }

    [Fact]
    public async Task Coda_AGlobalWhoseDetailsDoNotAddUp_IsRefused()
    {
        var (w, building, call) = await SetUpAsync(reserve: 0m);
        var statement = CodaFile.Statement(building.WorkingFundIban!, new DateOnly(2026, 11, 2), [new CodaFile.Global([new(400m, Free: "a"), new(500m, Free: "b")])]);
        // the bank's total says 950 while the details say 900
        var lines = statement.Split("\r\n").ToList();
        var global = lines.FindIndex(l => l.StartsWith("21", StringComparison.Ordinal) && l.Substring(6, 4) == "0000");
        lines[global] = lines[global][..32] + "000000000950000" + lines[global][47..];
        var tampered = string.Join("\r\n", lines);
        var result = await Bank.ImportCodaAsync(w.Accountant, "bad.cod", tampered, Ct);
        Assert.Contains(result.FirstError!.Code, new[] { "error.coda_global_sum", "error.coda_totals" });
    }

    [Fact]
    public async Task Coda_TwoStatementsInOneFile_AreEachBookedOnTheirOwnAccount()
    {
        var (w, building, call) = await SetUpAsync();
        var a = call.Lines.Single(l => l.OwnerId == w.OwnerA);
        Assert.NotNull(a.ReserveCommunication);
        var file = CodaFile.File(
            CodaFile.Statement(building.WorkingFundIban!, new DateOnly(2026, 11, 3), [new CodaFile.Move(100m, a.StructuredCommunication)]),
            CodaFile.Statement(building.ReserveFundIban!, new DateOnly(2026, 11, 3), [new CodaFile.Move(20m, a.ReserveCommunication)]));

        var summary = (await Bank.ImportCodaAsync(w.Accountant, "both.cod", file, Ct)).Value;

        Assert.Equal((2, 2, 0), (summary.Movements, summary.Matched, summary.WrongAccount));
        Assert.Equal(100m, await LedgerAsync(w.BuildingA, StandardChart.BankCurrent));
        Assert.Equal(20m, await LedgerAsync(w.BuildingA, StandardChart.BankReserve));
        Assert.Equal(180m, await LedgerAsync(w.BuildingA, StandardChart.OwnersReserve));    // 200 called on 4100, the 20 of owner A paid
        var line = await LineAsync(w, call.Call.Id, w.OwnerA);
        Assert.Equal((120m, 20m, LineState.Paid), (line.Paid, line.PaidReserve, line.State));
        // and the ledger's bank accounts equal the bank's balances on the statements
        var overview = (await Reconciliation.OverviewAsync(w.Accountant, w.BuildingA, Ct)).Value;
        Assert.All(overview.Accounts, acc => Assert.Equal(acc.LastStatementBalance, acc.LedgerBalance));
    }

    [Fact]
    public async Task Coda_UnknownValueDate_Type102_AndAnOgmTypedAsFreeText_AreAllRecognised()
    {
        var (w, building, call) = await SetUpAsync(reserve: 0m);
        var b = call.Lines.Single(l => l.OwnerId == w.OwnerB);
        var a = call.Lines.Single(l => l.OwnerId == w.OwnerA);
        var digits = StructuredCommunication.Digits(b.StructuredCommunication)!;
        var file = CodaFile.Build(building.WorkingFundIban!, new DateOnly(2026, 11, 4),
        [
            new(50m, a.StructuredCommunication, OgmType: "102", ValueDateUnknown: true, EntryDate: new DateOnly(2026, 11, 3)),
            new(300m, Free: $"charges {b.StructuredCommunication.Replace("+++", "***", StringComparison.Ordinal)} merci"),
            new(300m, Free: $"lot A9 {digits}", Reference: "R2"),
            new(300m, Free: b.StructuredCommunication, Reference: "R3"),
        ]);

        var summary = (await Bank.ImportCodaAsync(w.Accountant, "ogm.cod", file, Ct)).Value;

        Assert.Equal((4, 4), (summary.Movements, summary.Matched));
        Assert.Equal(900m, (await LineAsync(w, call.Call.Id, w.OwnerB)).Paid);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var first = await db.BankTransactions.SingleAsync(t => t.BuildingId == w.BuildingA && t.Amount == 50m, Ct);
        Assert.Equal((new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 3)), (first.ValueDate, first.EntryDate));
        Assert.Equal(new DateOnly(2026, 11, 3), (await db.Payments.SingleAsync(p => p.Id == first.PaymentId, Ct)).Date);
    }

    [Fact]
    public async Task Coda_WithoutOgm_FromAKnownOwnersAccount_MatchesOnlyAnExactOpenAmount()
    {
        var (w, building, call) = await SetUpAsync(reserve: 0m);
        var b = call.Lines.Single(l => l.OwnerId == w.OwnerB);
        const string BertsAccount = "BE71096123456769";
        // a first payment with the OGM teaches the owner's account
        Assert.Equal(1, (await Bank.ImportCodaAsync(w.Accountant, "1.cod", CodaFile.Build(building.WorkingFundIban!, new DateOnly(2026, 11, 5), [new(100m, b.StructuredCommunication, Account: BertsAccount)]), Ct)).Value.Matched);
        Assert.Equal([BertsAccount], (await Reconciliation.OwnerAccountsAsync(w.Accountant, w.OwnerB, Ct)).Value);
        // then without a communication: 123 € is no open amount of Bert's (queue), 800 € is all of it (matched)
        var summary = (await Bank.ImportCodaAsync(w.Accountant, "2.cod", CodaFile.Build(building.WorkingFundIban!, new DateOnly(2026, 11, 6),
            [new(123m, Free: "charges", Account: BertsAccount, Reference: "A"), new(800m, Free: "solde", Account: BertsAccount, Reference: "B")]), Ct)).Value;
        Assert.Equal((1, 1), (summary.Matched, summary.Unmatched));
        Assert.Equal(900m, (await LineAsync(w, call.Call.Id, w.OwnerB)).Paid);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            Assert.Equal(MatchRule.OwnerAccount, (await db.BankTransactions.SingleAsync(t => t.BuildingId == w.BuildingA && t.Amount == 800m, Ct)).Rule);

        // a wrong guess (the account was a neighbour's) is forgotten: its next payment waits for the syndic
        Assert.Equal("error.not_found", (await Reconciliation.ForgetOwnerAccountAsync(w.OwnerActorB, w.OwnerB, BertsAccount, Ct)).FirstError!.Code);
        Assert.True((await Reconciliation.ForgetOwnerAccountAsync(w.Accountant, w.OwnerB, "be71 0961 2345 6769", Ct)).Succeeded);
        Assert.Empty((await Reconciliation.OwnerAccountsAsync(w.Accountant, w.OwnerB, Ct)).Value);
        Assert.Equal("error.not_found", (await Reconciliation.ForgetOwnerAccountAsync(w.Accountant, w.OwnerB, BertsAccount, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task MyAccount_ShowsOneTransferPerFund_WithItsOwnQr_AndOnlyWhatIsStillOpen()
    {
        var (w, building, call) = await SetUpAsync();
        var a = call.Lines.Single(l => l.OwnerId == w.OwnerA);
        var parts = Assert.Single(await MyAccount.MyCallsAsync(w.OwnerActorA, Ct)).ToPay;
        Assert.Equal([(Fund.Working, 100m, a.StructuredCommunication), (Fund.Reserve, 20m, a.ReserveCommunication!)], parts.Select(p => (p.Fund, p.Amount, p.Communication)));
        Assert.Equal(BelgianIdentifiers.FormatIban(building.ReserveFundIban!), parts[1].Iban);
        Assert.All(parts, p => Assert.StartsWith("data:image/png;base64,", p.QrPngDataUri, StringComparison.Ordinal));

        // the working part is paid: only the reserve transfer is left
        Assert.Equal(1, (await Bank.ImportCodaAsync(w.Accountant, "w.cod", CodaFile.Build(building.WorkingFundIban!, new DateOnly(2026, 11, 5), [new(100m, a.StructuredCommunication)]), Ct)).Value.Matched);
        var left = Assert.Single(Assert.Single(await MyAccount.MyCallsAsync(w.OwnerActorA, Ct)).ToPay);
        Assert.Equal((Fund.Reserve, 20m), (left.Fund, left.Amount));
    }

    // ---- payment instructions and two funds (items 6–8)

    [Fact]
    public async Task Letter_HasOneBlockPerFund_ToEachAccountAndHolder_WithItsOwnCommunication()
    {
        var (w, building, call) = await SetUpAsync();
        var a = call.Lines.Single(l => l.OwnerId == w.OwnerA);
        var file = (await fx.Get<KoproGo.Core.Features.Files.IFileService>().OpenAsync(w.OwnerActorA, a.PdfFileId!.Value, Ct)).Value;
        using var memory = new MemoryStream();
        await file.Content.CopyToAsync(memory, Ct);
        using var pdf = PdfDocument.Open(memory.ToArray());
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text)).Replace('\u202f', ' ').Replace('\u00a0', ' ');
        Assert.Contains(BelgianIdentifiers.FormatIban(building.WorkingFundIban!), text, StringComparison.Ordinal);
        Assert.Contains(BelgianIdentifiers.FormatIban(building.ReserveFundIban!), text, StringComparison.Ordinal);
        Assert.Contains(a.StructuredCommunication, text, StringComparison.Ordinal);
        Assert.Contains(a.ReserveCommunication!, text, StringComparison.Ordinal);
        Assert.Contains("ACP A", text, StringComparison.Ordinal);
        var parts = PaymentInstructions.For(building, await LineEntityAsync(a.Id), openOnly: false);
        Assert.Equal([(Fund.Working, 100m), (Fund.Reserve, 20m)], parts.Select(p => (p.Fund, p.Amount)));
        Assert.All(parts, p => Assert.Equal("ACP A", p.QrPayload.Split('\n')[5]));
    }

    private async Task<CallLine> LineEntityAsync(Guid id)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        return await db.CallLines.AsNoTracking().SingleAsync(l => l.Id == id, Ct);
    }

    [Fact]
    public async Task Payment_OnTheWrongAccount_IsMatched_FlaggedAndMovedThrough580()
    {
        var (w, building, call) = await SetUpAsync();
        var a = call.Lines.Single(l => l.OwnerId == w.OwnerA);
        // owner A pays the reserve part (its own OGM) to the working account
        Assert.Equal(1, (await Bank.ImportCodaAsync(w.Accountant, "wrong.cod", CodaFile.Build(building.WorkingFundIban!, new DateOnly(2026, 11, 7), [new(20m, a.ReserveCommunication)]), Ct)).Value.WrongAccount);
        Assert.Equal(20m, (await LineAsync(w, call.Call.Id, w.OwnerA)).PaidReserve);
        var due = Assert.Single((await Reconciliation.OverviewAsync(w.Accountant, w.BuildingA, Ct)).Value.TransfersDue);
        Assert.Equal((Fund.Working, 20m), (due.ArrivedOn, due.Amount));

        // one click books the order (580 / 551); the reserve statement then shows it arriving from the working account (550 / 580)
        Assert.True((await Reconciliation.BookTransferAsync(w.Accountant, due.PaymentId, new DateOnly(2026, 11, 8), Ct)).Succeeded);
        Assert.Equal("error.transfer_not_due", (await Reconciliation.BookTransferAsync(w.Accountant, due.PaymentId, new DateOnly(2026, 11, 8), Ct)).FirstError!.Code);
        var arrival = await Bank.ImportCodaAsync(w.Accountant, "reserve.cod", CodaFile.Build(building.ReserveFundIban!, new DateOnly(2026, 11, 9),
            [new(20m, Free: "transfert", Account: building.WorkingFundIban!, Name: "ACP A")]), Ct);
        Assert.Equal(1, arrival.Value.Transfers);
        Assert.Equal((0m, 20m, 0m), (await LedgerAsync(w.BuildingA, StandardChart.BankCurrent), await LedgerAsync(w.BuildingA, StandardChart.BankReserve),
            await LedgerAsync(w.BuildingA, StandardChart.InternalTransfers)));
        Assert.Empty((await Reconciliation.OverviewAsync(w.Accountant, w.BuildingA, Ct)).Value.TransfersDue);
    }

    [Fact]
    public async Task Chart_Codes0AreReserveAnd1Working_ForOwnersBanksAndCalls_AndClass0ReplacesThe990()
    {
        Assert.Equal(("4100", "4101", "550", "551", "700", "701"), (StandardChart.OwnersReserve, StandardChart.OwnersWorking, StandardChart.BankReserve, StandardChart.BankCurrent,
            StandardChart.CallsReserve, StandardChart.CallsWorking));
        Assert.Equal("Copropriétaires – fonds de réserve", KoproGo.Core.Texts.Get("account.4100", "fr-BE"));
        Assert.Equal("Mede-eigenaars – werkkapitaal", KoproGo.Core.Texts.Get("account.4101", "nl-BE"));
        var (w, _, _) = await SetUpAsync();
        var chart = (await fx.Get<IChartService>().ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value;
        Assert.DoesNotContain(chart, a => a.Code == "990");
        Assert.True(chart.Single(a => a.Code == "611").IsWorks);
        Assert.True((await fx.Get<IChartService>().AddAccountAsync(w.Syndic, w.OrganisationId, new AccountInput { Code = "010", Label = "Garanties" }, Ct)).Succeeded);
        // the call's reserve part sits on 4100, the rest on 4101
        Assert.Equal(20m + 180m, await LedgerAsync(w.BuildingA, StandardChart.OwnersReserve));
        Assert.Equal(1_000m, await LedgerAsync(w.BuildingA, StandardChart.OwnersWorking));
    }

    // ---- interest, fees, charging (items 10–11)

    [Fact]
    public async Task Interest_FromTheDueDateByClause_IsChargedOnceToTheOwnersAccount_AndARateGapBlocksIt()
    {
        var (w, building, call) = await SetUpAsync(reserve: 0m);
        var buildings = fx.Get<IBuildingService>();
        var input = BuildingInput.From(building);
        input.InterestStart = InterestStart.DueDate;
        Assert.Equal("error.interest_clause", (await buildings.UpdateAsync(w.Syndic, w.BuildingA, input, Ct)).FirstError!.Code);
        input.InterestClause = "ROI art. 12";
        Assert.True((await buildings.UpdateAsync(w.Syndic, w.BuildingA, input, Ct)).Succeeded);
        var arrears = fx.Get<IArrearsService>();
        var row = (await arrears.ListAsync(w.Syndic, w.BuildingA, Ct)).Value.Single(r => r.OwnerId == w.OwnerB);
        Assert.Equal(new DateOnly(2026, 10, 31), row.InterestFrom);
        Assert.True(row.InterestToday > 0);
        Assert.Equal(0m, row.FeesDue);                                        // fees are 0 unless the syndic contract provides them

        var charged = await arrears.ChargeAsync(w.Syndic, row.CallLineId, Ct);
        Assert.Equal(row.InterestToday, charged.Value);
        Assert.Equal(0m, (await arrears.ChargeAsync(w.Syndic, row.CallLineId, Ct)).Value);          // the same day: nothing more
        Assert.Equal(-row.InterestToday, await LedgerAsync(w.BuildingA, StandardChart.LateInterest));
        var statement = (await fx.Get<IAccountingReports>().OwnerStatementAsync(w.OwnerActorB, new ReportPeriod(w.BuildingA, (await fx.Get<IFiscalYearService>().FiscalYearsAsync(w.Syndic, w.BuildingA, Ct)).Value.Single().Id), w.OwnerB, Ct)).Value;
        Assert.Equal(900m + row.InterestToday, statement.Balance);

        // a year without a legal rate: never guessed, never charged
        var late = new ArrearsService(fx.Get<IKoproGoDbFactory>(), fx.Get<JournalPoster>(), new ArrearsOptions(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2031, 2, 1, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal("error.interest_rate_missing", (await late.ChargeAsync(w.Syndic, row.CallLineId, Ct)).FirstError!.Code);
    }

    [Fact]
    public void Fees_WithoutTheContractsReference_AreNotCharged()
    {
        var options = new ArrearsOptions { SecondReminderFee = 15m };
        Assert.True(options.FeesWithoutBasis);
        Assert.Equal(0m, options.FeeFor(ReminderLevel.SecondReminder));
        options.ContractReference = "Contrat de syndic, art. 8";
        Assert.Equal(15m, options.FeeFor(ReminderLevel.SecondReminder));
    }

    // ---- closing, statement of charges, reports (items 12–16)

    [Fact]
    public async Task Closing_PutsTheReserveCallsOn160_TheRestOn100_AndTheIncomeStatementStillShowsTheYear()
    {
        var (w, _, _) = await SetUpAsync();
        var accounting = fx.Get<IAccountingService>();
        var fiscalYearService = fx.Get<IFiscalYearService>();
        var chartService = fx.Get<IChartService>();
        var year = (await fiscalYearService.FiscalYearsAsync(w.Syndic, w.BuildingA, Ct)).Value.Single();
        Assert.True((await fiscalYearService.CloseYearAsync(w.Accountant, year.Id, new YearEndInput(), Ct)).Succeeded);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var closing = await (from l in db.JournalLines
                             join e in db.JournalEntries on l.EntryId equals e.Id
                             join a in db.Accounts on l.AccountId equals a.Id
                             where e.BuildingId == w.BuildingA && e.Kind == EntryKind.YearEndClosing
                             select new { a.Code, Amount = l.Credit - l.Debit }).ToListAsync(Ct);
        Assert.Equal(200m, closing.Where(c => c.Code == StandardChart.ReserveFund).Sum(c => c.Amount));
        Assert.Equal(1_000m, closing.Where(c => c.Code == StandardChart.WorkingFund).Sum(c => c.Amount));
        var income = (await fx.Get<IAccountingExports>().TableAsync(w.Accountant, new ReportPeriod(w.BuildingA, year.Id), AccountingReportKind.IncomeStatement, "fr-BE", null, Ct)).Value;
        Assert.Contains(income.Rows, r => Equals(r[1], StandardChart.CallsReserve) && Equals(r[3], 200m));
        Assert.Contains(income.Rows, r => Equals(r[1], StandardChart.CallsWorking) && Equals(r[3], 1_000m));
    }

    [Fact]
    public async Task Settlement_ComparesEachOwnersProvisionsWithTheirShareOfRealCharges_AndPostsTheDifference()
    {
        var (w, _, _) = await SetUpAsync(reserve: 0m);
        var accounting = fx.Get<IAccountingService>();
        var fiscalYearService = fx.Get<IFiscalYearService>();
        var chartService = fx.Get<IChartService>();
        var year = (await fiscalYearService.FiscalYearsAsync(w.Syndic, w.BuildingA, Ct)).Value.Single();
        var chart = (await chartService.ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value.ToDictionary(a => a.Code, a => a.Id);
        var invoices = fx.Get<IInvoiceService>();
        var supplier = (await fx.Get<ISupplierService>().SaveAsync(w.Accountant, w.OrganisationId, null, new SupplierInput { Name = "Engie" }, Ct)).Value;
        var invoice = (await invoices.SaveDraftAsync(w.Accountant, w.BuildingA, null, new InvoiceInput
        {
            SupplierId = supplier,
            Number = "E-1",
            InvoiceDate = new DateOnly(2026, 11, 10),
            DueDate = new DateOnly(2026, 12, 10),
            DeclaredTotal = 1_210m,
            Lines = [new() { Description = "Électricité", AccountId = chart["612"], AmountExclVat = 1_000m, VatRate = 21m }],
        }, Ct)).Value;
        Assert.True((await invoices.SubmitAsync(w.Accountant, invoice, Ct)).Succeeded);
        Assert.True((await invoices.ApproveAsync(w.Syndic, invoice, Ct)).Succeeded);

        var settlements = fx.Get<IYearSettlementService>();
        var draft = (await settlements.PrepareAsync(w.Accountant, year.Id, Ct)).Value;
        var bert = draft.Lines.Single(l => l.OwnerId == w.OwnerB);
        Assert.Equal((900m, 1_089m, 189m), (bert.OrdinaryProvisions, bert.OrdinaryCharges, bert.Balance));
        Assert.Equal(210m, draft.Total);
        Assert.True((await settlements.PostAsync(w.Accountant, draft.Id, Ct)).Succeeded);
        Assert.Equal("error.settlement_posted", (await settlements.PostAsync(w.Accountant, draft.Id, Ct)).FirstError!.Code);
        Assert.Equal("error.settlement_posted", (await settlements.PrepareAsync(w.Accountant, year.Id, Ct)).FirstError!.Code);
        var posted = (await settlements.GetAsync(w.Syndic, year.Id, Ct)).Value!;
        Assert.All(posted.Lines, l => Assert.NotNull(l.LetterFileId));
        // the working result is now 0: provisions completed to the real charges
        Assert.Equal(-1_210m, await LedgerAsync(w.BuildingA, StandardChart.CallsWorking));
    }

    [Fact]
    public async Task ReserveMinimum_CountsOrdinaryChargesOnly_AndStartsFiveYearsAfterAcceptance()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        var accounting = fx.Get<IAccountingService>();
        var fiscalYearService = fx.Get<IFiscalYearService>();
        var chartService = fx.Get<IChartService>();
        var first = (await fiscalYearService.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Value;
        var chart = (await chartService.ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value.ToDictionary(a => a.Code, a => a.Id);
        async Task PostAsync(string code, decimal amount) => Assert.True((await accounting.PostAsync(w.Accountant, new EntryDraft
        {
            BuildingId = w.BuildingA,
            Date = first.StartDate.AddMonths(2),
            Description = code,
            Lines = [new() { AccountId = chart[code], Debit = amount }, new() { AccountId = chart["551"], Credit = amount }],
        }, Ct)).Succeeded);
        await PostAsync("610", 10_000m);
        await PostAsync("611", 50_000m);          // works: not an ordinary charge
        var next = (await fiscalYearService.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Value;
        var budgets = fx.Get<IBudgetService>();
        var id = (await budgets.SaveDraftAsync(w.Syndic, w.BuildingA, null, new BudgetInput { FiscalYearId = next.Id, Reserve = 100m, Lines = [new() { AccountId = chart["610"], Amount = 10_000m }] }, Ct)).Value;
        var detail = (await budgets.GetAsync(w.Syndic, id, Ct)).Value;
        Assert.Equal((10_000m, 500m, true), (detail.LastYearOrdinary, detail.MinimumReserve, detail.ReserveBelowMinimum));

        // a building accepted two years before the budget year: no minimum yet
        var building = await BuildingAsync(w.BuildingA);
        var input = BuildingInput.From(building);
        input.ProvisionalAcceptance = next.StartDate.AddYears(-2);
        Assert.True((await fx.Get<IBuildingService>().UpdateAsync(w.Syndic, w.BuildingA, input, Ct)).Succeeded);
        Assert.Null((await budgets.GetAsync(w.Syndic, id, Ct)).Value.MinimumReserve);
    }

    [Fact]
    public async Task Invoice_WithWorksAndOrdinaryLines_SplitsALotPerLine_BareOwnerWorks_UsufructuaryTheRest()
    {
        var w = await World.CreateAsync(fx, Ct);
        var owners = fx.Get<IOwnerService>();
        var usufructuary = (await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = "Usufruit" }, Ct)).Value;
        var bare = (await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = "NuePropriété" }, Ct)).Value;
        var a9 = (await fx.Get<IBuildingService>().CreateUnitAsync(w.Syndic, w.BuildingA, new UnitInput { Number = "A9", Shares = 900 }, Ct)).Value;
        Assert.True((await owners.SaveOwnershipsAsync(w.Syndic, a9, new ChangeOwnershipInput
        {
            EffectiveDate = new DateOnly(2020, 1, 1),
            Lines = [new() { OwnerId = usufructuary, Kind = OwnershipKind.Usufruct, IsPrimaryContact = true }, new() { OwnerId = bare, Kind = OwnershipKind.BareOwnership }],
        }, Ct)).Succeeded);
        var accounting = fx.Get<IAccountingService>();
        var fiscalYearService = fx.Get<IFiscalYearService>();
        var chartService = fx.Get<IChartService>();
        Assert.True((await fiscalYearService.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        var chart = (await chartService.ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value.ToDictionary(a => a.Code, a => a.Id);
        var supplier = (await fx.Get<ISupplierService>().SaveAsync(w.Accountant, w.OrganisationId, null, new SupplierInput { Name = "Toitures" }, Ct)).Value;
        var invoices = fx.Get<IInvoiceService>();
        var id = (await invoices.SaveDraftAsync(w.Accountant, w.BuildingA, null, new InvoiceInput
        {
            SupplierId = supplier,
            Number = "T-1",
            InvoiceDate = new DateOnly(2026, 6, 1),
            DueDate = new DateOnly(2026, 7, 1),
            DeclaredTotal = 1_100m,
            Lines = [new() { Description = "Toiture", AccountId = chart["611"], AmountExclVat = 1_000m, VatRate = 0m }, new() { Description = "Nettoyage", AccountId = chart["610"], AmountExclVat = 100m, VatRate = 0m }],
            WorkReportId = await w.ApprovedWorkReportAsync(fx, "Réparation de la toiture", 40m, Ct),
        }, Ct)).Value;
        Assert.True((await invoices.SubmitAsync(w.Accountant, id, Ct)).Succeeded);
        Assert.True((await invoices.ApproveAsync(w.Syndic, id, Ct)).Succeeded);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var shares = await db.ChargeAllocations.Where(c => c.InvoiceId == id && c.UnitId == a9).ToListAsync(Ct);
        Assert.Equal(900m, shares.Single(s => s.OwnerId == bare && s.Works).Amount);          // 1,000 × 900/1,000
        Assert.Equal(90m, shares.Single(s => s.OwnerId == usufructuary && !s.Works).Amount);    // 100 × 900/1,000
    }

    // ---- concurrency (items 17–20)

    [Fact]
    public async Task TwentyParallelPaymentsOf5_OnA100Line_PayItExactly_AndTheBooksAgree()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        Assert.True((await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        var call = (await Calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, new CallInput { Title = "T", CallDate = new DateOnly(2026, 9, 1), DueDate = new DateOnly(2026, 9, 30), Ordinary = 1_000m }, Ct)).Value;
        Assert.True((await Sending.SendAsync(w.Syndic, call, Ct)).Succeeded);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Payments.RecordPaymentAsync(w.Accountant, w.BuildingA, new PaymentInput { OwnerId = w.OwnerA, Date = new DateOnly(2026, 9, 15), Amount = 5m }, Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.FirstError?.Code));
        var line = await LineAsync(w, call, w.OwnerA);
        Assert.Equal((100m, LineState.Paid), (line.Paid, line.State));
        Assert.Equal(-100m, await LedgerAsync(w.BuildingA, StandardChart.OwnersWorking) - 1_000m + 100m - 100m + 100m - 100m);
        Assert.Equal(100m, await LedgerAsync(w.BuildingA, StandardChart.BankCurrent));
        await fx.Get<ArrearsReminderJob>().RunAsync(Ct);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.False(await db.Reminders.AnyAsync(r => r.CallLineId == line.Id, Ct));
    }

    [Fact]
    public async Task PostingsRacingTheClosing_EitherLandBeforeItOrAreRefused()
    {
        var w = await World.CreateAsync(fx, Ct);
        var accounting = fx.Get<IAccountingService>();
        var fiscalYearService = fx.Get<IFiscalYearService>();
        var chartService = fx.Get<IChartService>();
        var year = (await fiscalYearService.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Value;
        var chart = (await chartService.ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value.ToDictionary(a => a.Code, a => a.Id);
        EntryDraft Charge() => new()
        {
            BuildingId = w.BuildingA,
            Date = year.StartDate.AddDays(10),
            Description = "x",
            Lines = [new() { AccountId = chart["610"], Debit = 10m }, new() { AccountId = chart["551"], Credit = 10m }],
        };
        var postings = Enumerable.Range(0, 30).Select(_ => Task.Run(() => accounting.PostAsync(w.Accountant, Charge(), Ct), Ct)).ToList();
        var closing = Task.Run(() => fiscalYearService.CloseYearAsync(w.Accountant, year.Id, new YearEndInput(), Ct), Ct);
        var results = await Task.WhenAll(postings);
        Assert.True((await closing).Succeeded);
        var posted = results.Count(p => p.Succeeded);
        Assert.All(results.Where(p => !p.Succeeded), p => Assert.Equal("error.fiscal_year_closed", p.FirstError!.Code));
        // every charge that got in is in the closing: the year's class 6 nets to zero
        Assert.Equal(0m, await LedgerAsync(w.BuildingA, "610"));
        var income = (await fx.Get<IAccountingExports>().TableAsync(w.Accountant, new ReportPeriod(w.BuildingA, year.Id), AccountingReportKind.IncomeStatement, "fr-BE", null, Ct)).Value;
        Assert.Equal(posted * 10m, income.Rows.Where(r => Equals(r[1], "610")).Sum(r => (decimal)r[3]!));
    }

    [Fact]
    public async Task AVoteRacingTheClosingOfThePoll_IsCountedOrRefused_NeverAfterTheResult()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        var polls = fx.Get<IPollService>();
        var poll = (await polls.CreateAsync(w.Syndic, w.BuildingA, new PollInput { Title = "Vélos", Type = PollType.YesNo, EndsAt = fx.Clock.GetUtcNow().AddDays(3) }, Ct)).Value;
        Assert.True((await polls.PublishAsync(w.Syndic, poll, Ct)).Succeeded);
        var yes = (await polls.GetAsync(w.Syndic, poll, Ct)).Value.Options[0].Id;
        var votes = new[] { w.OwnerActorA, w.OwnerActorB }.Select(a => Task.Run(() => polls.VoteAsync(a, poll, new VoteInput { OptionIds = [yes] }, Ct), Ct)).ToList();
        var close = Task.Run(() => polls.CloseAsync(w.Syndic, poll, Ct), Ct);
        var cast = await Task.WhenAll(votes);
        Assert.True((await close).Succeeded);
        var result = (await polls.GetAsync(w.Syndic, poll, Ct)).Value;
        Assert.Equal(cast.Count(v => v.Succeeded), result.Poll.Votes);
        Assert.Equal("error.poll_not_open", (await polls.VoteAsync(w.OwnerActorA, poll, new VoteInput { OptionIds = [yes] }, Ct)).FirstError!.Code);
    }
}
