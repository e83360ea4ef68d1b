using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Dashboard;
using KoproGo.Core.Features.Inspections;
using KoproGo.Core.Features.Tickets;

namespace KoproGo.IntegrationTests;

/// <summary>The office's to-do list across the organisation: what needs doing, the most pressing first, each with its screen.</summary>
[Collection(DatabaseCollection.Name)]
public class DashboardTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheToDoList_GathersCertificatesTicketsAndReports_OldestFirst_ForTheOfficeOnly()
    {
        var w = await World.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        var today = BusinessTime.Today(fx.Clock);
        var inspections = fx.Get<IInspectionService>();
        var tickets = fx.Get<ITicketService>();
        var fire = (await inspections.SaveEquipmentAsync(w.Syndic, w.BuildingA, null, new EquipmentInput { Kind = EquipmentKind.FireEquipment, Name = "Extincteurs" }, Ct)).Value;
        var check = (await inspections.ScheduleAsync(w.Syndic, w.BuildingA, new ScheduleInspectionInput { Type = InspectionType.FireSafety, EquipmentId = fire, ScheduledOn = today.AddYears(-1).AddDays(-3) }, Ct)).Value;
        Assert.True((await inspections.RecordResultAsync(w.Syndic, check, new InspectionResultInput { Passed = true, InspectedOn = today.AddYears(-1).AddDays(-3) }, Ct)).Succeeded);
        var leak = (await tickets.ReportAsync(w.OwnerActorA, w.BuildingA, new TicketInput { Title = "Fuite", Description = "Cave." }, Ct)).Value;
        var late = (await tickets.ReportAsync(w.OwnerActorA, w.BuildingA, new TicketInput { Title = "Porte du garage", Description = "Bloquée." }, Ct)).Value;
        Assert.True((await tickets.AssignAsync(w.Syndic, late, w.Contractor.UserId!, Ct)).Succeeded);
        Assert.True((await tickets.TriageAsync(w.Syndic, late, new TriageInput { DueOn = today.AddDays(1) }, Ct)).Succeeded);
        fx.Clock.Advance(TimeSpan.FromDays(2));

        var items = (await fx.Get<IDashboardService>().ToDoAsync(w.Syndic, w.OrganisationId, Ct)).Value;
        var mine = items.Where(i => i.BuildingId == w.BuildingA).ToList();
        Assert.Equal([ToDoKind.CertificateExpired, ToDoKind.TicketNew, ToDoKind.TicketOverdue], mine.Where(i => i.Kind != ToDoKind.CertificateExpiring).Select(i => i.Kind));
        Assert.Equal(($"/tickets/{leak}", false), (mine.Single(i => i.Kind == ToDoKind.TicketNew).Link, mine.Single(i => i.Kind == ToDoKind.TicketNew).Overdue));
        Assert.Equal(($"/tickets/{late}", true, today.AddDays(1)), (mine.Single(i => i.Kind == ToDoKind.TicketOverdue).Link, mine.Single(i => i.Kind == ToDoKind.TicketOverdue).Overdue, mine.Single(i => i.Kind == ToDoKind.TicketOverdue).Date));
        Assert.Equal(("enum.InspectionType.FireSafety", "Extincteurs"), (mine[0].SubjectKey, mine[0].Subject));
        Assert.Equal(items.OrderBy(i => i.Date).Select(i => i.Date), items.Select(i => i.Date));

        Assert.Equal(ErrorKind.Forbidden, (await fx.Get<IDashboardService>().ToDoAsync(w.BoardMemberA, w.OrganisationId, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await fx.Get<IDashboardService>().ToDoAsync(other.Syndic, w.OrganisationId, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await fx.Get<IDashboardService>().ToDoAsync(w.OwnerActorA, w.OrganisationId, Ct)).FirstError!.Kind);
    }

    [Fact]
    public async Task Arrears_AreListedByBuildingAndReminderStep_WithTheOwnersAndTheAmountOpen()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        Assert.True((await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        var call = (await fx.Get<ICallService>().SaveDraftAsync(w.Syndic, w.BuildingA, null, new CallInput
        {
            Title = "T4 2026",
            CallDate = new DateOnly(2026, 10, 1),
            DueDate = new DateOnly(2026, 10, 31),
            Ordinary = 10_000m,
            Reserve = 2_000m,
        }, Ct)).Value;
        Assert.True((await fx.Get<ICallSendingService>().SendAsync(w.Syndic, call, Ct)).Succeeded);
        Assert.True((await fx.Get<IPaymentService>().RecordPaymentAsync(w.Syndic, w.BuildingA, new PaymentInput { OwnerId = w.OwnerA, Date = new DateOnly(2026, 11, 2), Amount = 500m }, Ct)).Succeeded);

        var items = (await fx.Get<IDashboardService>().ToDoAsync(w.Accountant, w.OrganisationId, Ct)).Value;
        var arrears = Assert.Single(items, i => i.Kind == ToDoKind.Arrears);
        // owner A: 1,200 called, 500 paid; owner B (lot A9): 10,800 — both past the due date, not reminded yet
        Assert.Equal((w.BuildingA, "ui.todo.no_reminder", 2, 11_500m, new DateOnly(2026, 10, 31), true, $"/buildings/{w.BuildingA}/accounting?tab=arrears"),
            (arrears.BuildingId, arrears.SubjectKey, arrears.Owners, arrears.Amount, arrears.Date, arrears.Overdue, arrears.Link));
    }
}
