using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class CallTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ICallService Calls => fx.Get<ICallService>();
    private ICallSendingService Sending => fx.Get<ICallSendingService>();
    private IPaymentService Payments => fx.Get<IPaymentService>();
    private IMyAccountService MyAccount => fx.Get<IMyAccountService>();

    /// <summary>Building A: A1 (100, owner A, with email consent), plus 900 shares on A9 (owner B) so the lots add up to 1,000; an open 2026.</summary>
    private async Task<World> SetUpAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        var owners = fx.Get<IOwnerService>();
        var a = (await owners.GetAsync(w.Syndic, w.OwnerA, Ct)).Value;
        Assert.True((await owners.UpdateAsync(w.Syndic, w.OwnerA, new OwnerInput { FirstName = a.FirstName, LastName = a.LastName, Email = a.Email, ConsentsToEmailConvocation = true }, Ct)).Succeeded);
        Assert.True((await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        return w;
    }

    private static CallInput Quarter(decimal ordinary = 10_000m, decimal extraordinary = 5_000m) => new()
    {
        Title = "T4 2026",
        Period = CallPeriod.Quarterly,
        CallDate = new DateOnly(2026, 10, 1),
        DueDate = new DateOnly(2026, 10, 31),
        Ordinary = ordinary,
        Extraordinary = extraordinary,
    };

    [Fact]
    public async Task Send_PostsTheEntry_IssuesEachOwnersLetterWithQr_AndMailsIt()
    {
        var w = await SetUpAsync();
        var preview = (await Calls.PreviewAsync(w.Syndic, w.BuildingA, Quarter(), Ct)).Value;
        Assert.Equal(1_500m, preview.Single(p => p.OwnerId == w.OwnerA).Total);          // 15,000 × 100/1,000
        Assert.Equal(15_000m, preview.Sum(p => p.Total));

        var id = (await Calls.SaveDraftAsync(w.Accountant, w.BuildingA, null, Quarter(), Ct)).Value;
        Assert.True((await Sending.SendAsync(w.Accountant, id, Ct)).Succeeded);
        Assert.Equal("error.call_status", (await Sending.SendAsync(w.Accountant, id, Ct)).FirstError!.Code);

        var detail = (await Calls.GetAsync(w.Syndic, id, Ct)).Value;
        var line = detail.Lines.Single(l => l.OwnerId == w.OwnerA);
        Assert.True(StructuredCommunication.IsValid(line.StructuredCommunication));
        Assert.Equal(2, detail.Lines.Select(l => l.StructuredCommunication).Distinct().Count());
        Assert.False(line.ByPost);
        Assert.True(detail.Lines.Single(l => l.OwnerId == w.OwnerB).ByPost);             // no consent to email

        var file = (await fx.Get<IFileService>().OpenAsync(w.OwnerActorA, line.PdfFileId!.Value, Ct)).Value;
        using (var memory = new MemoryStream())
        {
            await file.Content.CopyToAsync(memory, Ct);
            using var pdf = PdfDocument.Open(memory.ToArray());
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(x => x.Text)).Replace('\u202f', ' ').Replace('\u00a0', ' ');
            Assert.Contains("1 500,00", text, StringComparison.Ordinal);
            Assert.Contains(line.StructuredCommunication, text, StringComparison.Ordinal);
            Assert.True(pdf.GetPage(1).Paths.Count > 100);             // the EPC QR code, drawn as squares
        }
        Assert.False((await fx.Get<IFileService>().OpenAsync(w.OwnerActorB, line.PdfFileId!.Value, Ct)).Succeeded);   // another owner's letter

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var entry = await db.JournalEntries.Include(e => e.Lines).SingleAsync(e => e.BuildingId == w.BuildingA && e.Kind == EntryKind.CallForFunds, Ct);
        Assert.Equal("2026-VEN-000001", entry.Reference);
        Assert.Equal(15_000m, entry.Lines.Sum(l => l.Debit));
        Assert.Equal(1_500m, entry.Lines.Where(l => l.OwnerId == w.OwnerA).Sum(l => l.Debit));
        Assert.True(await db.OutboxEmails.AnyAsync(m => m.AttachmentFileId == line.PdfFileId && m.TextBody.Contains(line.StructuredCommunication), Ct));
        Assert.Empty((await fx.Get<IFileService>().BuildingDocumentsAsync(w.OwnerActorA, w.BuildingA, Ct)).Value);   // letters are not building documents

        var mine = await MyAccount.MyCallsAsync(w.OwnerActorA, Ct);
        var my = Assert.Single(mine);
        Assert.Equal(1_500m, my.Total);
        var part = Assert.Single(my.ToPay);
        Assert.Equal(1_500m, part.Amount);
        Assert.Equal(line.StructuredCommunication, part.Communication);
        Assert.StartsWith("data:image/png;base64,", part.QrPngDataUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payments_PayTheOldestLinesFirst_AndAnOverpaymentIsACredit()
    {
        var w = await SetUpAsync();
        var first = (await Calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, Quarter(1_000m, 0m), Ct)).Value;
        Assert.True((await Sending.SendAsync(w.Syndic, first, Ct)).Succeeded);
        var second = (await Calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, new CallInput { Title = "Travaux", Period = CallPeriod.OneTime, CallDate = new DateOnly(2026, 11, 1), DueDate = new DateOnly(2026, 12, 1), Extraordinary = 2_000m }, Ct)).Value;
        Assert.True((await Sending.SendAsync(w.Syndic, second, Ct)).Succeeded);
        // owner A owes 100 (first) + 200 (second)

        Assert.Equal("error.payment_positive", (await Payments.RecordPaymentAsync(w.Syndic, w.BuildingA, new PaymentInput { OwnerId = w.OwnerA, Date = new DateOnly(2026, 11, 5), Amount = 0m }, Ct)).FirstError!.Code);
        Assert.True((await Payments.RecordPaymentAsync(w.Accountant, w.BuildingA, new PaymentInput { OwnerId = w.OwnerA, Date = new DateOnly(2026, 11, 5), Amount = 150m }, Ct)).Succeeded);
        var lineA1 = (await Calls.GetAsync(w.Syndic, first, Ct)).Value.Lines.Single(l => l.OwnerId == w.OwnerA);
        var lineA2 = (await Calls.GetAsync(w.Syndic, second, Ct)).Value.Lines.Single(l => l.OwnerId == w.OwnerA);
        Assert.Equal((100m, LineState.Paid), (lineA1.Paid, lineA1.State));
        Assert.Equal((50m, LineState.Partial), (lineA2.Paid, lineA2.State));

        Assert.True((await Payments.RecordPaymentAsync(w.Accountant, w.BuildingA, new PaymentInput { OwnerId = w.OwnerA, Date = new DateOnly(2026, 11, 6), Amount = 200m }, Ct)).Succeeded);
        var year = (await fx.Get<IFiscalYearService>().FiscalYearsAsync(w.Syndic, w.BuildingA, Ct)).Value.Single();
        var statement = (await fx.Get<IAccountingReports>().OwnerStatementAsync(w.OwnerActorA, new ReportPeriod(w.BuildingA, year.Id), w.OwnerA, Ct)).Value;
        Assert.Equal(-50m, statement.Balance);                                              // 50 € in the owner's favour
        Assert.Equal(CallState.Overdue, (await Calls.GetAsync(w.Syndic, first, Ct)).Value.Call.State);       // owner B has not paid, the due date is past
        Assert.False((await Payments.RecordPaymentAsync(w.OwnerActorA, w.BuildingA, new PaymentInput { OwnerId = w.OwnerA, Date = new DateOnly(2026, 11, 6), Amount = 1m }, Ct)).Succeeded);
        Assert.False((await Calls.GetAsync(w.OwnerActorA, first, Ct)).Succeeded);
        Assert.Equal(2, (await MyAccount.MyCallsAsync(w.OwnerActorB, Ct)).Count);
    }

    [Fact]
    public async Task BadCalls_AreRefused_WithTheGapShown()
    {
        var w = await World.CreateAsync(fx, Ct);       // lots add up to 100 of 1,000 shares
        Assert.Equal("error.call_shares_gap", (await Calls.PreviewAsync(w.Syndic, w.BuildingA, Quarter(), Ct)).FirstError!.Code);
        Assert.Equal(900, (await Calls.PreviewAsync(w.Syndic, w.BuildingA, Quarter(), Ct)).FirstError!.Args[2]);
        Assert.Equal("error.due_before_call", (await Calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, Quarter().Let(c => c.DueDate = new DateOnly(2026, 9, 1)), Ct)).FirstError!.Code);
        Assert.Equal("error.call_zero", (await Calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, Quarter(0m, 0m), Ct)).FirstError!.Code);
        Assert.Equal("error.call_negative", (await Calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, Quarter(-5m, 10m), Ct)).FirstError!.Code);
        var id = (await Calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, Quarter(), Ct)).Value;
        Assert.Equal("error.call_shares_gap", (await Sending.SendAsync(w.Syndic, id, Ct)).FirstError!.Code);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.False(await db.CallLines.AnyAsync(l => db.Set<CallForFunds>().Any(c => c.Id == l.CallId && c.BuildingId == w.BuildingA), Ct));
        Assert.False(await db.JournalEntries.AnyAsync(e => e.BuildingId == w.BuildingA, Ct));
    }

    [Fact]
    public async Task Sending_InTheBackground_ReportsProgress_FailsVisibly_AndRunsOnce()
    {
        var w = await SetUpAsync();
        var queue = fx.Get<RecordingSendQueue>();
        var id = (await Calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, Quarter(), Ct)).Value;
        // the lots stop adding up before the job runs: the job records why and the call stays a draft
        async Task SharesOfA9(int shares)
        {
            await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE units SET shares = {shares} WHERE building_id = {w.BuildingA} AND number = 'A9'", Ct);
        }
        await SharesOfA9(895);
        Assert.True((await Sending.QueueSendAsync(w.Accountant, id, Ct)).Succeeded);
        Assert.Equal("error.call_sending", (await Sending.QueueSendAsync(w.Syndic, id, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Sending.QueueSendAsync(w.BoardMemberA, id, Ct)).FirstError!.Code);
        Assert.Contains(queue.Queued, q => q.CallId == id);
        var job = fx.Get<SendCallJob>();
        await job.RunAsync(id, w.Accountant.UserId, Ct);
        var failed = (await Calls.ListAsync(w.Syndic, w.BuildingA, Ct)).Value.Single(c => c.Id == id);
        Assert.Equal((CallState.Draft, false, "error.call_shares_gap"), (failed.State, failed.Sending!.Running, failed.Sending.Error));

        // mended, queued again: sent (and already overdue: due 31 October), every letter counted, and a second run of the same job changes nothing
        await SharesOfA9(900);
        Assert.True((await Sending.QueueSendAsync(w.Syndic, id, Ct)).Succeeded);
        await job.RunAsync(id, w.Syndic.UserId, Ct);
        await job.RunAsync(id, w.Syndic.UserId, Ct);
        var sent = (await Calls.ListAsync(w.Syndic, w.BuildingA, Ct)).Value.Single(c => c.Id == id);
        Assert.Equal((CallState.Overdue, 2, 2, false, (string?)null), (sent.State, sent.Sending!.Done, sent.Sending.Total, sent.Sending.Running, sent.Sending.Error));
        Assert.Equal("error.call_status", (await Sending.QueueSendAsync(w.Syndic, id, Ct)).FirstError!.Code);
        Assert.Equal(1_500m, Assert.Single(await MyAccount.MyBalancesAsync(w.OwnerActorA, Ct)).Balance);       // 15,000 € × 100 / 1,000, nothing paid
        Assert.Equal(13_500m, Assert.Single(await MyAccount.MyBalancesAsync(w.OwnerActorB, Ct)).Balance);
        await using var check = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(1, await check.JournalEntries.CountAsync(e => e.BuildingId == w.BuildingA && e.Kind == EntryKind.CallForFunds, Ct));
    }

    [Fact]
    public async Task SendButton_SendsASmallBuildingsCallAtOnce()
    {
        var w = await SetUpAsync();
        var id = (await Calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, Quarter(), Ct)).Value;
        Assert.Equal(Errors.Forbidden, (await Sending.SendOrQueueAsync(w.BoardMemberA, id, Ct)).FirstError!.Code);
        var sent = await Sending.SendOrQueueAsync(w.Syndic, id, Ct);
        Assert.False(sent.Value);                                                        // two owners: not queued
        Assert.Equal(CallState.Overdue, (await Calls.GetAsync(w.Syndic, id, Ct)).Value.Call.State);
        Assert.Equal("error.call_status", (await Sending.SendOrQueueAsync(w.Syndic, id, Ct)).FirstError!.Code);
    }
}
