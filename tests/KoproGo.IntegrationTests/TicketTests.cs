using KoproGo.Core.Common;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// Tickets (SPEC §6.4): a co-owner reports a leak with a photo, the syndic triages and gives it to a contractor, who
/// alone among contractors sees it (and its photo), starts and resolves it; the reporter closes, rates, reopens.
/// Every step is refused to whoever may not take it, with the reason.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class TicketTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ITicketService Tickets => fx.Get<ITicketService>();
    private DateOnly Today => BusinessTime.Today(fx.Clock);

    private async Task<int> NotifiedAsync(string userId, string key)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.TextKey == key, Ct);
    }

    [Fact]
    public async Task ALeak_ReportedWithAPhoto_IsAssigned_Resolved_Closed_Rated_AndReopened()
    {
        var w = await World.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        var owner = w.OwnerActorA;
        var photo = (await fx.Get<IFileService>().UploadAsync(owner, w.BuildingA, new MemoryStream([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]), "plafond.jpg", FileUse.CommunityPhoto, Ct)).Value;
        var someoneElses = (await fx.Get<IFileService>().UploadAsync(w.TenantA, w.BuildingA, new MemoryStream([0xFF, 0xD8, 0xFF, 0xE0, 4, 5, 6]), "autre.jpg", FileUse.CommunityPhoto, Ct)).Value;
        var input = new TicketInput { Category = TicketCategory.Leak, Urgency = TicketUrgency.High, UnitId = w.UnitA1, Title = "Tache au plafond", Description = "Auréole qui grandit depuis hier soir.", PhotoFileIds = [someoneElses] };
        Assert.Equal(("error.file_not_image", "PhotoFileIds"), ((await Tickets.ReportAsync(owner, w.BuildingA, input, Ct)).FirstError!.Code, (await Tickets.ReportAsync(owner, w.BuildingA, input, Ct)).FirstError!.Field));
        input.PhotoFileIds = [photo];
        input.UnitId = w.UnitB1;
        Assert.Equal("error.ticket_unit", (await Tickets.ReportAsync(owner, w.BuildingA, input, Ct)).FirstError!.Code);
        input.UnitId = w.UnitA1;
        var id = (await Tickets.ReportAsync(owner, w.BuildingA, input, Ct)).Value;
        Assert.Equal(1, await NotifiedAsync(w.Syndic.UserId!, "notify.ticket_reported"));
        var tenants = (await Tickets.ReportAsync(w.TenantA, w.BuildingA, new TicketInput { Category = TicketCategory.Lift, Title = "Ascenseur bloqué", Description = "Au 3e." }, Ct)).Value;

        // who sees what: the staff everything, a resident what they reported
        Assert.Equal([tenants, id], (await Tickets.ListAsync(w.Syndic, w.BuildingA, Ct)).Value.Select(t => t.Id));
        Assert.Equal([id], (await Tickets.ListAsync(owner, w.BuildingA, Ct)).Value.Select(t => t.Id));
        Assert.Equal([tenants], (await Tickets.ListAsync(w.TenantA, w.BuildingA, Ct)).Value.Select(t => t.Id));
        Assert.Equal(ErrorKind.NotFound, (await Tickets.GetAsync(w.TenantA, id, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Tickets.GetAsync(w.Contractor, id, Ct)).FirstError!.Kind);
        Assert.True((await Tickets.GetAsync(w.BoardMemberA, id, Ct)).Succeeded);

        // the syndic triages and assigns; the board reads but does neither
        Assert.Equal("error.ticket_due_past", (await Tickets.TriageAsync(w.Syndic, id, new TriageInput { DueOn = Today.AddDays(-1) }, Ct)).FirstError!.Code);
        Assert.Equal(ErrorKind.Forbidden, (await Tickets.TriageAsync(w.BoardMemberA, id, new TriageInput(), Ct)).FirstError!.Kind);
        Assert.True((await Tickets.TriageAsync(w.Syndic, id, new TriageInput { Priority = TicketPriority.Urgent, DueOn = Today.AddDays(2), InsuranceClaim = true }, Ct)).Succeeded);
        Assert.Equal("error.ticket_contractor", (await Tickets.AssignAsync(w.Syndic, id, owner.UserId!, Ct)).FirstError!.Code);
        Assert.Equal("error.ticket_contractor", (await Tickets.AssignAsync(w.Syndic, id, other.Contractor.UserId!, Ct)).FirstError!.Code);
        Assert.Equal(ErrorKind.Forbidden, (await Tickets.AssignAsync(w.BoardMemberA, id, w.Contractor.UserId!, Ct)).FirstError!.Kind);
        Assert.Equal([w.Contractor.UserId], (await Tickets.ContractorsAsync(w.Syndic, w.BuildingA, Ct)).Value.Select(c => c.UserId));
        Assert.True((await Tickets.AssignAsync(w.Syndic, id, w.Contractor.UserId!, Ct)).Succeeded);
        Assert.Equal(1, await NotifiedAsync(w.Contractor.UserId!, "notify.ticket_assigned"));
        Assert.Equal(1, await NotifiedAsync(owner.UserId!, "notify.ticket_step.Assigned"));

        // the contractor sees this job only, and its photo; another organisation's contractor sees nothing
        Assert.Equal([id], (await Tickets.AssignedAsync(w.Contractor, Ct)).Select(t => t.Id));
        Assert.Empty(await Tickets.AssignedAsync(other.Contractor, Ct));
        Assert.Equal(ErrorKind.NotFound, (await Tickets.GetAsync(other.Contractor, id, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Tickets.StartAsync(other.Contractor, id, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Tickets.GetAsync(w.Contractor, tenants, Ct)).FirstError!.Kind);
        var seen = (await Tickets.GetAsync(w.Contractor, id, Ct)).Value;
        Assert.Equal((true, false, false), (seen.Sides.Contractor, seen.Sides.Manage, seen.Sides.Staff));
        Assert.True((await fx.Get<IFileService>().OpenAsync(w.Contractor, photo, Ct)).Succeeded);
        Assert.False((await fx.Get<IFileService>().OpenAsync(other.Contractor, photo, Ct)).Succeeded);

        // the reporter cannot do the contractor's part, nor withdraw it once given
        Assert.Equal(ErrorKind.Forbidden, (await Tickets.StartAsync(owner, id, Ct)).FirstError!.Kind);
        Assert.Equal("error.ticket_status", (await Tickets.CancelAsync(owner, id, "Réglé moi-même", Ct)).FirstError!.Code);
        Assert.Equal("error.ticket_rate_after_resolution", (await Tickets.RateAsync(owner, id, 4, Ct)).FirstError!.Code);
        Assert.True((await Tickets.StartAsync(w.Contractor, id, Ct)).Succeeded);
        Assert.True((await Tickets.CommentAsync(w.Contractor, id, "Fuite trouvée sur la colonne d'eau chaude.", Ct)).Succeeded);
        Assert.Equal("error.too_long", (await Tickets.ResolveAsync(w.Contractor, id, new string('x', TicketComment.TextMax + 1), Ct)).FirstError!.Code);
        Assert.True((await Tickets.ResolveAsync(w.Contractor, id, "Raccord remplacé, plafond à repeindre après séchage.", Ct)).Succeeded);
        Assert.Equal(1, await NotifiedAsync(w.Syndic.UserId!, "notify.ticket_step.Resolved"));
        Assert.Equal(ErrorKind.Forbidden, (await Tickets.CloseAsync(w.Contractor, id, Ct)).FirstError!.Kind);
        Assert.True((await Tickets.CloseAsync(owner, id, Ct)).Succeeded);
        Assert.True((await Tickets.RateAsync(owner, id, 4, Ct)).Succeeded);
        Assert.Equal("error.ticket_rate_after_resolution", (await Tickets.RateAsync(owner, id, 5, Ct)).FirstError!.Code);
        Assert.Equal("error.vote_rating", (await Tickets.RateAsync(owner, id, 6, Ct)).FirstError!.Code);

        var closed = (await Tickets.GetAsync(owner, id, Ct)).Value;
        Assert.Equal((TicketStatus.Closed, 4, true, TicketPriority.Urgent), (closed.Row.Status, closed.Rating!.Value, closed.InsuranceClaim, closed.Row.Priority));
        // the thread records each step, and the contractor's message between them
        Assert.Equal([TicketStatus.Assigned, TicketStatus.InProgress, null, TicketStatus.Resolved, TicketStatus.Closed], closed.Comments.Select(c => c.Step));
        Assert.Contains(closed.Comments, c => c.Step == TicketStatus.Resolved && c.Text.StartsWith("Raccord remplacé", StringComparison.Ordinal));

        // it leaks again: reopened with the reason, back to the contractor
        Assert.Equal("error.required", (await Tickets.ReopenAsync(owner, id, " ", Ct)).FirstError!.Code);
        Assert.True((await Tickets.ReopenAsync(owner, id, "La tache réapparaît.", Ct)).Succeeded);
        var reopened = (await Tickets.GetAsync(w.Contractor, id, Ct)).Value;
        Assert.Equal((TicketStatus.Reopened, (int?)null), (reopened.Row.Status, reopened.Rating));
        Assert.True((await Tickets.StartAsync(w.Contractor, id, Ct)).Succeeded);

        // the tenant withdraws their own while nobody has it yet; the syndic cancels with a reason
        Assert.True((await Tickets.CancelAsync(w.TenantA, tenants, "Réparé par le concierge", Ct)).Succeeded);
        Assert.Equal("error.ticket_status", (await Tickets.CommentAsync(w.TenantA, tenants, "encore là ?", Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task AnEmergency_IsUrgentFromTheStart_AndOutsidersCannotReportInTheBuilding()
    {
        var w = await World.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        var id = (await Tickets.ReportAsync(w.OwnerActorA, w.BuildingA, new TicketInput { Category = TicketCategory.Security, Urgency = TicketUrgency.Emergency, Title = "Odeur de gaz", Description = "Cage d'escalier, 2e étage." }, Ct)).Value;
        var t = (await Tickets.GetAsync(w.Syndic, id, Ct)).Value;
        Assert.Equal((TicketPriority.Urgent, true), (t.Row.Priority, t.Row.Emergency));
        Assert.Equal(1, await NotifiedAsync(w.Syndic.UserId!, "notify.ticket_emergency"));
        var input = new TicketInput { Title = "x", Description = "y" };
        Assert.Equal(ErrorKind.NotFound, (await Tickets.ReportAsync(other.OwnerActorA, w.BuildingA, input, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Tickets.ReportAsync(w.OwnerActorB, w.BuildingA, input, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Tickets.ReportAsync(w.Contractor, w.BuildingA, input, Ct)).FirstError!.Kind);
        Assert.Equal("error.required", (await Tickets.ReportAsync(w.OwnerActorA, w.BuildingA, new TicketInput { Title = " " }, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task TheContractorsWorkReport_IsSubmitted_Rejected_Corrected_AndApproved_WithItsMaterialsToTheCent()
    {
        var w = await World.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        var reports = fx.Get<IWorkReportService>();
        var id = (await Tickets.ReportAsync(w.OwnerActorA, w.BuildingA, new TicketInput { Category = TicketCategory.Heating, Title = "Radiateur froid", Description = "Palier du 2e." }, Ct)).Value;
        var start = fx.Clock.GetUtcNow().AddHours(-3);
        var input = new WorkReportInput
        {
            WorkDone = "Purge du circuit, vanne thermostatique remplacée.",
            StartedAt = start,
            EndedAt = start.AddHours(2),
            Hours = 2.5m,
            Materials = [new MaterialInput { Name = "Joint 1/2\"", Quantity = 3m, UnitPrice = 1.335m }, new MaterialInput { Name = "Tête thermostatique", Quantity = 2m, UnitPrice = 12.5m }],
        };
        var refused = (await reports.SaveAsync(w.Contractor, id, input, Ct)).Errors.Select(e => (e.Code, e.Field)).ToList();
        Assert.Equal([("error.report_price", "Materials[0].UnitPrice"), ("error.report_hours_span", "Hours")], refused.OrderByDescending(e => e.Field));
        input.Materials[0].UnitPrice = 1.34m;
        input.Hours = 2m;
        // not before the ticket is given to the contractor
        Assert.Equal(ErrorKind.NotFound, (await reports.SaveAsync(w.Contractor, id, input, Ct)).FirstError!.Kind);
        Assert.True((await Tickets.AssignAsync(w.Syndic, id, w.Contractor.UserId!, Ct)).Succeeded);
        Assert.Equal(ErrorKind.Forbidden, (await reports.SaveAsync(w.Syndic, id, input, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await reports.SaveAsync(other.Contractor, id, input, Ct)).FirstError!.Kind);
        Assert.True((await reports.SaveAsync(w.Contractor, id, input, Ct)).Succeeded);
        var draft = (await reports.GetAsync(w.Syndic, id, Ct)).Value!;
        Assert.Equal((WorkReportStatus.Draft, 29.02m, 2m), (draft.Status, draft.MaterialsTotal, draft.Hours));   // 3 × 1.34 + 2 × 12.50
        Assert.Equal(ErrorKind.Forbidden, (await reports.GetAsync(w.OwnerActorA, id, Ct)).FirstError!.Kind);
        Assert.Equal("error.report_status", (await reports.ApproveAsync(w.Syndic, id, Ct)).FirstError!.Code);

        Assert.True((await reports.SubmitAsync(w.Contractor, id, Ct)).Succeeded);
        Assert.Equal(1, await NotifiedAsync(w.Syndic.UserId!, "notify.work_report_submitted"));
        Assert.Equal("error.report_status", (await reports.SaveAsync(w.Contractor, id, input, Ct)).FirstError!.Code);
        Assert.Equal(ErrorKind.Forbidden, (await reports.ApproveAsync(w.BoardMemberA, id, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await reports.ApproveAsync(w.Contractor, id, Ct)).FirstError!.Kind);
        Assert.Equal("error.required", (await reports.RejectAsync(w.Syndic, id, "", Ct)).FirstError!.Code);
        Assert.True((await reports.RejectAsync(w.Syndic, id, "Le prix des têtes ne correspond pas au devis.", Ct)).Succeeded);
        Assert.Equal(1, await NotifiedAsync(w.Contractor.UserId!, "notify.work_report_rejected"));
        Assert.Equal("Le prix des têtes ne correspond pas au devis.", (await reports.GetAsync(w.Contractor, id, Ct)).Value!.RejectReason);

        input.Materials[1].UnitPrice = 11.9m;
        Assert.True((await reports.SaveAsync(w.Contractor, id, input, Ct)).Succeeded);
        Assert.True((await reports.SubmitAsync(w.Contractor, id, Ct)).Succeeded);
        Assert.True((await reports.ApproveAsync(w.Syndic, id, Ct)).Succeeded);
        var approved = (await reports.GetAsync(w.BoardMemberA, id, Ct)).Value!;
        Assert.Equal((WorkReportStatus.Approved, 27.82m, (string?)null), (approved.Status, approved.MaterialsTotal, approved.RejectReason));
        Assert.Equal("error.report_status", (await reports.SaveAsync(w.Contractor, id, input, Ct)).FirstError!.Code);
        Assert.Equal(1, await NotifiedAsync(w.Contractor.UserId!, "notify.work_report_approved"));
    }
}
