using KoproGo.Core.Features.Buildings;

namespace KoproGo.Core.Features.Tickets;

public sealed record MaterialRow(string Name, decimal Quantity, decimal UnitPrice, decimal Total);

public sealed record WorkReportRow(Guid Id, Guid TicketId, WorkReportStatus Status, string WorkDone, DateTimeOffset StartedAt, DateTimeOffset EndedAt, decimal Hours,
    IReadOnlyList<MaterialRow> Materials, decimal MaterialsTotal, string? RejectReason, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt)
{
    public WorkReportInput ToInput() => WorkReportInput.Of(WorkDone, StartedAt, EndedAt, Hours, Materials.Select(m => (m.Name, m.Quantity, m.UnitPrice)));
}

public interface IWorkReportService
{
    /// <summary>The ticket's work report, for the building's staff and the contractor; none yet: null.</summary>
    Task<Result<WorkReportRow?>> GetAsync(Actor actor, Guid ticketId, CancellationToken ct);
    /// <summary>The ticket's contractor writes (or corrects, once rejected) the report; it stays a draft until submitted.</summary>
    Task<Result> SaveAsync(Actor actor, Guid ticketId, WorkReportInput input, CancellationToken ct);
    Task<Result> SubmitAsync(Actor actor, Guid ticketId, CancellationToken ct);
    /// <summary>The syndic approves a submitted report, or rejects it with the reason the contractor corrects.</summary>
    Task<Result> ApproveAsync(Actor actor, Guid ticketId, CancellationToken ct);
    Task<Result> RejectAsync(Actor actor, Guid ticketId, string reason, CancellationToken ct);
}

public sealed class WorkReportService(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock) : IWorkReportService
{
    private static readonly TicketStatus[] Worked = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed, TicketStatus.Reopened];

    public async Task<Result<WorkReportRow?>> GetAsync(Actor actor, Guid ticketId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var seen = await TicketService.SeeAsync(db, actor, ticketId, tracked: false, ct);
        if (!seen.Succeeded)
            return Result<WorkReportRow?>.Fail(seen.Errors);
        if (!seen.Value.Sides.Staff && !seen.Value.Sides.Contractor)
            return Errors.ForbiddenError;
        var r = await db.WorkReports.AsNoTracking().FirstOrDefaultAsync(w => w.TicketId == ticketId, ct);
        return Result<WorkReportRow?>.Ok(r is null ? null : new WorkReportRow(r.Id, r.TicketId, r.Status, r.WorkDone, r.StartedAt, r.EndedAt, r.Hours,
            r.Materials.Select(m => new MaterialRow(m.Name, m.Quantity, m.UnitPrice, m.Total)).ToList(), r.MaterialsTotal, r.RejectReason, r.SubmittedAt, r.DecidedAt));
    }

    public Task<Result> SaveAsync(Actor actor, Guid ticketId, WorkReportInput input, CancellationToken ct)
    {
        var v = input.Validate();
        return !v.IsValid ? Task.FromResult(v.ToResult())
            : ChangeAsync(actor, ticketId, contractor: true, "work_report.saved", (db, ticket, report) =>
            {
                if (!Worked.Contains(ticket.Status))
                    return (Error.Of("error.ticket_status", ticket.Status.ToString()), null, null);
                if (report is null)
                {
                    report = WorkReport.Start(ticket, actor.UserId!);
                    db.WorkReports.Add(report);
                }
                else if (!report.IsEditable)
                    return (StatusError(report), null, null);
                report.Write(input);
                return (Result.Ok(), report, null);
            }, ct);
    }

    public Task<Result> SubmitAsync(Actor actor, Guid ticketId, CancellationToken ct) =>
        ChangeAsync(actor, ticketId, contractor: true, "work_report.submitted", (_, _, report) =>
        {
            if (report is null)
                return (new Error("error.report_missing"), null, null);
            if (report.Status != WorkReportStatus.Draft)
                return (StatusError(report), null, null);
            report.Submit(clock.GetUtcNow());
            return (Result.Ok(), report, "notify.work_report_submitted");
        }, ct);

    public Task<Result> ApproveAsync(Actor actor, Guid ticketId, CancellationToken ct) =>
        ChangeAsync(actor, ticketId, contractor: false, "work_report.approved", (_, _, report) =>
        {
            if (report is null || report.Status != WorkReportStatus.Submitted)
                return (report is null ? new Error("error.report_missing") : StatusError(report), null, null);
            report.Decide(true, null, actor.UserId!, clock.GetUtcNow());
            return (Result.Ok(), report, "notify.work_report_approved");
        }, ct);

    public Task<Result> RejectAsync(Actor actor, Guid ticketId, string reason, CancellationToken ct)
    {
        var v = new Validation().Required(reason, "Reason", WorkReport.ReasonMax);
        return !v.IsValid ? Task.FromResult(v.ToResult())
            : ChangeAsync(actor, ticketId, contractor: false, "work_report.rejected", (_, _, report) =>
            {
                if (report is null || report.Status != WorkReportStatus.Submitted)
                    return (report is null ? new Error("error.report_missing") : StatusError(report), null, null);
                report.Decide(false, reason, actor.UserId!, clock.GetUtcNow());
                return (Result.Ok(), report, "notify.work_report_rejected");
            }, ct);
    }

    private static Result StatusError(WorkReport report) => Error.Of("error.report_status", report.Status.ToString());

    /// <summary>
    /// A step of a ticket's report under a lock of the ticket's row: by its contractor (write, submit) or by the
    /// building's syndic (approve, reject); whoever else sees the ticket is refused, whoever does not gets "not found".
    /// The step returns the report it changed and the notice to send: to the syndics when the contractor acts, to the contractor otherwise.
    /// </summary>
    private async Task<Result> ChangeAsync(Actor actor, Guid ticketId, bool contractor, string audit,
        Func<IKoproGoDb, Ticket, WorkReport?, (Result Result, WorkReport? Report, string? Notice)> change, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var seen = await TicketService.LockedAsync(db, actor, ticketId, ct);
        if (!seen.Succeeded)
            return Result.Fail(seen.Errors);
        var (ticket, building, sides) = seen.Value;
        if (contractor ? !sides.Contractor : !sides.Manage)
            return Errors.ForbiddenError;
        var report = await db.WorkReports.FirstOrDefaultAsync(w => w.TicketId == ticketId, ct);
        var (result, changed, notice) = change(db, ticket, report);
        if (!result.Succeeded)
            return result;
        report = changed!;
        db.Audit(actor, clock, audit, nameof(WorkReport), report.Id, ticket.OrganisationId, ticket.BuildingId, ticket.Title);
        if (notice is not null)
        {
            var to = contractor ? await TicketService.SyndicsAsync(db, ticket, ct) : report.ContractorUserId is { } c ? [c] : [];
            await notifications.NotifyUsersAsync(db, to, ticket.OrganisationId, NotificationType.System, notice, [building.Name, ticket.Title], $"/tickets/{ticket.Id}", ct,
                PersonRef.User(ticket.ReporterUserId));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }
}
