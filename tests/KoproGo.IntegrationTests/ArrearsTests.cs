using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class ArrearsTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DailyJob_IssuesEachStepOnce_AtTheRightDay_AndNeverForAPaidLine()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        Assert.True((await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        var calls = fx.Get<ICallService>();
        var today = fx.Clock.Today();
        async Task<Guid> CallDueAsync(int daysAgo)
        {
            var due = today.AddDays(-daysAgo);
            var id = (await calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, new CallInput { Title = $"due-{daysAgo}", CallDate = due.AddDays(-30), DueDate = due, Ordinary = 1_000m }, Ct)).Value;
            Assert.True((await fx.Get<ICallSendingService>().SendAsync(w.Syndic, id, Ct)).Succeeded);
            return id;
        }
        foreach (var days in new[] { 14, 15, 30 })
            await CallDueAsync(days);
        var d61 = await CallDueAsync(61);
        // owner A pays everything of the 61-days call
        var lineA61 = (await calls.GetAsync(w.Syndic, d61, Ct)).Value.Lines.Single(l => l.OwnerId == w.OwnerA);
        Assert.True((await fx.Get<IPaymentService>().RecordPaymentAsync(w.Syndic, w.BuildingA, new PaymentInput { OwnerId = w.OwnerA, Date = today, Amount = lineA61.Total, Reference = lineA61.StructuredCommunication }, Ct)).Succeeded);

        await fx.Get<ArrearsReminderJob>().RunAsync(Ct);
        await fx.Get<ArrearsReminderJob>().RunAsync(Ct);        // the same day again: nothing more

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var reminders = await (from r in db.Reminders
                               join l in db.CallLines on r.CallLineId equals l.Id
                               join c in db.CallsForFunds on l.CallId equals c.Id
                               where c.BuildingId == w.BuildingA
                               select new { c.Title, r.OwnerId, r.Level, r.Interest, r.LetterFileId }).ToListAsync(Ct);
        Assert.DoesNotContain(reminders, r => r.Title == "due-14");
        Assert.Equal([ReminderLevel.FirstReminder, ReminderLevel.FirstReminder], reminders.Where(r => r.Title == "due-15").Select(r => r.Level));
        Assert.All(reminders.Where(r => r.Title == "due-30"), r => Assert.Equal(ReminderLevel.SecondReminder, r.Level));
        var notice = Assert.Single(reminders, r => r.Title == "due-61");                   // owner A paid; owner B gets the formal notice
        Assert.Equal((w.OwnerB, ReminderLevel.FormalNotice), (notice.OwnerId, notice.Level));
        Assert.Equal(0m, notice.Interest);           // without a clause in the statutes, interest runs from the formal notice: today
        Assert.All(reminders, r => Assert.NotNull(r.LetterFileId));
        Assert.Equal(5, reminders.Count);                                                  // 2 + 2 + 1

        var arrears = (await fx.Get<IArrearsService>().ListAsync(w.Syndic, w.BuildingA, Ct)).Value;
        var row = arrears.Single(a => a.CallTitle == "due-61");
        Assert.Equal(2026, row.FiscalYear);
        Assert.Equal("error.lawyer_needs_notice", (await fx.Get<IArrearsService>().HandToLawyerAsync(w.Syndic, arrears.Single(a => a.CallTitle == "due-15" && a.OwnerId == w.OwnerA).CallLineId, Ct)).FirstError!.Code);
        Assert.True((await fx.Get<IArrearsService>().SetTrackingAsync(w.Syndic, row.LastReminderId!.Value, "RR 1234 5678 9BE", Ct)).Succeeded);
        Assert.True((await fx.Get<IArrearsService>().HandToLawyerAsync(w.Syndic, row.CallLineId, Ct)).Succeeded);
        Assert.Equal(ReminderLevel.Lawyer, (await fx.Get<IArrearsService>().ListAsync(w.Syndic, w.BuildingA, Ct)).Value.Single(a => a.CallTitle == "due-61").Level);
        Assert.False((await fx.Get<IArrearsService>().ListAsync(w.OwnerActorA, w.BuildingA, Ct)).Succeeded);
    }
}
