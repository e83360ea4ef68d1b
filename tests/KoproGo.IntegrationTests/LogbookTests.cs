using KoproGo.Core.Common;
using KoproGo.Core.Features.Inspections;
using KoproGo.Core.Features.Logbook;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace KoproGo.IntegrationTests;

/// <summary>
/// The maintenance logbook is drawn from the records: completed inspections, resolved tickets with their approved work
/// report, and the warranties of works (2 or 10 years from acceptance, a notice 90 days before the end); as a page and a PDF.
/// </summary>
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

    private static WarrantyInput Roof(DateOnly accepted, Guid? ticket = null) =>
        new() { Subject = "Réfection de la toiture plate", Contractor = "Toitures Lambert", AcceptedOn = accepted, Kind = WarrantyKind.TenYears, TicketId = ticket };

    [Fact]
    public async Task AWarranty_RunsTwoOrTenYearsFromAcceptance_IsInTheLogbookAndItsPdf_AndRefusesBadInput()
    {
        var w = await World.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        var logbook = fx.Get<ILogbookService>();
        var today = BusinessTime.Today(fx.Clock);

        // bad input and the wrong people: refused, nothing saved
        Assert.Equal("Subject", (await logbook.AddWarrantyAsync(w.Syndic, w.BuildingA, new WarrantyInput { Contractor = "X", AcceptedOn = today }, Ct)).FirstError!.Field);
        Assert.Equal("error.warranty_accepted_future", (await logbook.AddWarrantyAsync(w.Syndic, w.BuildingA, Roof(today.AddDays(1)), Ct)).FirstError!.Code);
        Assert.Equal("AcceptedOn", (await logbook.AddWarrantyAsync(w.Syndic, w.BuildingA, Roof(default), Ct)).FirstError!.Field);
        Assert.Equal(Errors.Required, (await logbook.AddWarrantyAsync(w.Syndic, w.BuildingA, new WarrantyInput { Subject = "x", Contractor = "y", AcceptedOn = today, Kind = (WarrantyKind)7 }, Ct)).FirstError!.Code);
        var open = (await fx.Get<ITicketService>().ReportAsync(w.OwnerActorA, w.BuildingA, new TicketInput { Title = "Pas encore réglé", Description = "x" }, Ct)).Value;
        Assert.Equal("error.warranty_ticket", (await logbook.AddWarrantyAsync(w.Syndic, w.BuildingA, Roof(today, open), Ct)).FirstError!.Code);
        Assert.Equal(ErrorKind.Forbidden, (await logbook.AddWarrantyAsync(w.BoardMemberA, w.BuildingA, Roof(today), Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await logbook.AddWarrantyAsync(other.Syndic, w.BuildingA, Roof(today), Ct)).FirstError!.Kind);
        Assert.Empty((await logbook.WarrantiesAsync(w.Syndic, w.BuildingA, Ct)).Value);

        // a ten-year warranty of works accepted in 2019 and a two-year one that ends within 90 days
        var roof = (await logbook.AddWarrantyAsync(w.Syndic, w.BuildingA, Roof(new DateOnly(2019, 3, 15)), Ct)).Value;
        var ticket = await w.ApprovedWorkReportAsync(fx, "Porte du garage", 320m, Ct);
        var garageTicket = await TicketOfAsync(ticket);
        Assert.True((await fx.Get<ITicketService>().ResolveAsync(w.Syndic, garageTicket, null, Ct)).Succeeded);
        Assert.Equal([garageTicket], (await logbook.WorksAsync(w.Syndic, w.BuildingA, Ct)).Value.Select(x => x.TicketId));
        var garage = (await logbook.AddWarrantyAsync(w.Syndic, w.BuildingA, new WarrantyInput
        {
            Subject = "Motorisation de la porte du garage",
            Contractor = "Portes Dubois",
            AcceptedOn = today.AddYears(-2).AddDays(60),
            Kind = WarrantyKind.TwoYears,
            TicketId = garageTicket,
        }, Ct)).Value;
        var rows = (await logbook.WarrantiesAsync(w.BoardMemberA, w.BuildingA, Ct)).Value;
        Assert.Equal([(garage, today.AddDays(59), WarrantyState.EndingSoon), (roof, new DateOnly(2029, 3, 14), WarrantyState.Running)],
            rows.Select(r => (r.Id, r.EndsOn, r.State)));
        // the one ending within 90 days is on the syndic's to-do list, with the logbook to act from
        var todo = (await fx.Get<KoproGo.Core.Features.Dashboard.IDashboardService>().ToDoAsync(w.Syndic, w.OrganisationId, Ct)).Value;
        Assert.Equal([("Motorisation de la porte du garage", today.AddDays(59), $"/logbook?building={w.BuildingA}")],
            todo.Where(i => i.Kind == KoproGo.Core.Features.Dashboard.ToDoKind.WarrantyEnding).Select(i => (i.Subject, i.Date, i.Link)));
        var entries = (await logbook.EntriesAsync(w.Syndic, w.BuildingA, Ct)).Value;
        Assert.Contains(entries, e => e is { Kind: LogbookKind.Warranty, Subject: "Réfection de la toiture plate", By: "Toitures Lambert" } && e.ValidUntil == new DateOnly(2029, 3, 14));
        Assert.Contains(entries, e => e.Kind == LogbookKind.Warranty && e.Link == $"/tickets/{garageTicket}");

        // the PDF, read back: the warranties with their end, the works with the contractor's report and its total
        var pdf = (await logbook.PdfAsync(w.BoardMemberA, w.BuildingA, "fr-BE", Ct)).Value;
        string text;
        using (var doc = PdfDocument.Open(pdf.Content))
            text = string.Join("\n", doc.GetPages().Select(p => p.Text));
        foreach (var expected in new[] { "Carnet d'entretien", "Garanties en cours", "Réfection de la toiture plate", "Toitures Lambert", new DateOnly(2029, 3, 14).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("fr-BE")), "Motorisation de la porte du garage", "Porte du garage", "320,00" })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        var dutch = (await logbook.PdfAsync(w.Syndic, w.BuildingA, "nl-BE", Ct)).Value;
        using (var doc = PdfDocument.Open(dutch.Content))
            Assert.Contains("Onderhoudsboekje", string.Join("\n", doc.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
        Assert.Equal(ErrorKind.Forbidden, (await logbook.PdfAsync(w.OwnerActorA, w.BuildingA, "fr-BE", Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await logbook.PdfAsync(other.Syndic, w.BuildingA, "fr-BE", Ct)).FirstError!.Kind);

        Assert.Equal(ErrorKind.Forbidden, (await logbook.RemoveWarrantyAsync(w.BoardMemberA, roof, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await logbook.RemoveWarrantyAsync(other.Syndic, roof, Ct)).FirstError!.Kind);
        Assert.True((await logbook.RemoveWarrantyAsync(w.Syndic, roof, Ct)).Succeeded);
        Assert.Equal([garage], (await logbook.WarrantiesAsync(w.Syndic, w.BuildingA, Ct)).Value.Select(r => r.Id));
    }

    private async Task<Guid> TicketOfAsync(Guid workReportId)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        return await db.WorkReports.Where(r => r.Id == workReportId).Select(r => r.TicketId).SingleAsync(Ct);
    }

    [Fact]
    public async Task TheWarrantyNotice_GoesOut90DaysBeforeTheEnd_Once_EvenWhenTheJobRunsTwiceAtOnce()
    {
        var w = await World.CreateAsync(fx, Ct);
        var today = BusinessTime.Today(fx.Clock);
        // ends in 91 days: accepted two years before that day
        var ends = today.AddDays(91);
        Assert.True((await fx.Get<ILogbookService>().AddWarrantyAsync(w.Syndic, w.BuildingA, new WarrantyInput
        {
            Subject = "Chaudière collective",
            Contractor = "Chauffage Wauters",
            AcceptedOn = ends.AddDays(1).AddYears(-2),
            Kind = WarrantyKind.TwoYears,
        }, Ct)).Succeeded);
        async Task<int> NoticesAsync(string userId)
        {
            await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
            return await db.Notifications.CountAsync(n => n.UserId == userId && n.TextKey == "notify.warranty_ending" && n.Link == $"/logbook?building={w.BuildingA}", Ct);
        }
        var job = () => fx.Get<WarrantyNoticeJob>().RunAsync(Ct);

        await job();                                   // day −91: not yet
        Assert.Equal(0, await NoticesAsync(w.Syndic.UserId!));
        fx.Clock.Advance(TimeSpan.FromDays(1));        // day −90: two runs at once, one notice
        await Task.WhenAll(Task.Run(job, Ct), Task.Run(job, Ct));
        Assert.Equal(1, await NoticesAsync(w.Syndic.UserId!));
        Assert.Equal(1, await NoticesAsync(w.BoardMemberA.UserId!));
        fx.Clock.Advance(TimeSpan.FromDays(30));       // later runs: nothing more
        await job();
        Assert.Equal(1, await NoticesAsync(w.Syndic.UserId!));
    }
}
