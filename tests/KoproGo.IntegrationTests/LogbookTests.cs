using KoproGo.Core.Common;
using KoproGo.Core.Features.Inspections;
using KoproGo.Core.Features.Logbook;
using KoproGo.Core.Features.Tickets;

namespace KoproGo.IntegrationTests;

/// <summary>The maintenance logbook is drawn from the records: completed inspections, and resolved tickets with their approved work report.</summary>
[Collection(DatabaseCollection.Name)]
public class LogbookTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLogbook_ListsInspectionsAndResolvedWorks_NewestFirst_ForTheStaff()
    {
        var w = await World.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        var today = BusinessTime.Today(fx.Clock);
        var inspections = fx.Get<IInspectionService>();
        var tickets = fx.Get<ITicketService>();
        var reports = fx.Get<IWorkReportService>();
        var check = (await inspections.ScheduleAsync(w.Syndic, w.BuildingA, new ScheduleInspectionInput { Type = InspectionType.Electrical, ScheduledOn = today.AddDays(-10), Inspector = "BTV" }, Ct)).Value;
        Assert.True((await inspections.RecordResultAsync(w.Syndic, check, new InspectionResultInput { Passed = true, InspectedOn = today.AddDays(-10) }, Ct)).Succeeded);
        var open = (await tickets.ReportAsync(w.OwnerActorA, w.BuildingA, new TicketInput { Title = "Pas encore réglé", Description = "x" }, Ct)).Value;
        var leak = (await tickets.ReportAsync(w.OwnerActorA, w.BuildingA, new TicketInput { Category = TicketCategory.Leak, Title = "Fuite en cave", Description = "Sous la colonne." }, Ct)).Value;
        Assert.True((await tickets.AssignAsync(w.Syndic, leak, w.Contractor.UserId!, Ct)).Succeeded);
        var start = fx.Clock.GetUtcNow().AddHours(-2);
        Assert.True((await reports.SaveAsync(w.Contractor, leak, new WorkReportInput
        {
            WorkDone = "Raccord remplacé.",
            StartedAt = start,
            EndedAt = start.AddHours(1),
            Hours = 1m,
            Materials = [new MaterialInput { Name = "Raccord", Quantity = 1m, UnitPrice = 18.6m }],
        }, Ct)).Succeeded);
        Assert.True((await reports.SubmitAsync(w.Contractor, leak, Ct)).Succeeded);
        Assert.True((await reports.ApproveAsync(w.Syndic, leak, Ct)).Succeeded);
        Assert.True((await tickets.ResolveAsync(w.Contractor, leak, null, Ct)).Succeeded);

        var entries = (await fx.Get<ILogbookService>().EntriesAsync(w.BoardMemberA, w.BuildingA, Ct)).Value;
        Assert.Equal([(LogbookKind.Works, "Fuite en cave", "Raccord remplacé.", (DateOnly?)null, (decimal?)18.6m), (LogbookKind.Inspection, null, null, today.AddDays(-10).AddMonths(60), null)],
            entries.Select(e => (e.Kind, e.Subject, e.Detail, e.ValidUntil, e.Amount)));
        Assert.Equal(("enum.InspectionType.Electrical", "enum.InspectionStatus.Passed", "BTV"), (entries[1].SubjectKey, entries[1].OutcomeKey, entries[1].By));
        Assert.DoesNotContain(entries, e => e.Link == $"/tickets/{open}");

        Assert.Equal(ErrorKind.Forbidden, (await fx.Get<ILogbookService>().EntriesAsync(w.OwnerActorA, w.BuildingA, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await fx.Get<ILogbookService>().EntriesAsync(other.Syndic, w.BuildingA, Ct)).FirstError!.Kind);
    }
}
