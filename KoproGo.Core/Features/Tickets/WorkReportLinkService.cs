using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Notifications;

namespace KoproGo.Core.Features.Tickets;

public enum WorkReportLinkState { Open, Used, Expired, Revoked }

/// <summary>The ticket's last link as the syndic sees it (never the token: it was shown once, when it was made).</summary>
public sealed record WorkReportLinkRow(string ContractorName, string? Email, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, WorkReportLinkState State);

/// <summary>What the contractor sees on the link's page: the job, where, until when the link holds, and the report to correct if the syndic rejected it.</summary>
public sealed record LinkedTicket(string ContractorName, string BuildingName, string Address, string Title, TicketCategory Category, string Description, string? UnitNumber,
    DateTimeOffset ExpiresAt, WorkReportInput? Report, string? RejectReason);

public interface IWorkReportLinkService
{
    /// <summary>
    /// The syndic gives the ticket to a contractor without an account: a 72-hour single-use link to file its work
    /// report, mailed to them if an address is given, and returned (the only time it can be read) to be passed on by
    /// hand. It replaces the ticket's last link.
    /// </summary>
    Task<Result<string>> IssueAsync(Actor actor, Guid ticketId, WorkReportLinkInput input, CancellationToken ct);
    /// <summary>The ticket's last link, for its staff; none: null.</summary>
    Task<Result<WorkReportLinkRow?>> LastAsync(Actor actor, Guid ticketId, CancellationToken ct);
    /// <summary>The syndic kills the ticket's live link (sent to the wrong person).</summary>
    Task<Result> RevokeAsync(Actor actor, Guid ticketId, CancellationToken ct);
    /// <summary>The link's page: the job, if the link is alive. Opening does not use it.</summary>
    Task<Result<LinkedTicket>> OpenAsync(string token, CancellationToken ct);
    /// <summary>The contractor sends the report: written, submitted to the syndic, and the link used up — or nothing at all.</summary>
    Task<Result> SubmitAsync(string token, WorkReportInput input, CancellationToken ct);
}

public sealed class WorkReportLinkService(IKoproGoDbFactory dbFactory, INotificationService notifications, AppOptions app, TimeProvider clock) : IWorkReportLinkService
{
    private const string Invalid = "error.report_link_invalid";
    private static readonly TicketStatus[] Linkable = [TicketStatus.Open, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Reopened];

    public Task<Result<string>> IssueAsync(Actor actor, Guid ticketId, WorkReportLinkInput input, CancellationToken ct)
    {
        var v = input.Validate();
        return !v.IsValid ? Task.FromResult(Result<string>.Fail(v.Errors))
            : ManageAsync<string>(actor, ticketId, async (db, ticket, building) =>
            {
                if (!Linkable.Contains(ticket.Status))
                    return Error.Of("error.ticket_status", ticket.Status.ToString());
                // a report waiting for the syndic or approved is not rewritten by someone else
                if (await db.WorkReports.AnyAsync(r => r.TicketId == ticketId && (r.Status == WorkReportStatus.Submitted || r.Status == WorkReportStatus.Approved), ct))
                    return new Error("error.report_link_report_filed");
                var now = clock.GetUtcNow();
                await WorkReportLink.RevokeLiveAsync(db, ticketId, now, ct);
                var (link, token) = WorkReportLink.Issue(ticket, input, actor.UserId!, now);
                db.WorkReportLinks.Add(link);
                ticket.AssignExternal(link.ContractorName);
                db.TicketComments.Add(TicketComment.Write(ticket.Id, actor.UserId!, link.ContractorName, TicketStatus.Assigned, now));
                var url = app.Link($"/report?token={token}");
                if (link.Email is { } email)
                {
                    var c = Texts.Culture(link.Language);
                    db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(email, link.ContractorName),
                        Texts.Get("mail.report_link.subject", c, building.Name, ticket.Title),
                        Texts.Get("mail.report_link.body", c, link.ContractorName, building.Name, Address(building), ticket.Title, url,
                            BusinessTime.LocalDateTime(link.ExpiresAt).ToString("g", c)),
                        ticket.OrganisationId, now, containsSecret: true, about: PersonRef.User(ticket.ReporterUserId)));
                }
                db.Audit(actor, clock, "work_report.link_issued", nameof(Ticket), ticket.Id, ticket.OrganisationId, ticket.BuildingId, link.ContractorName);
                var others = (await TicketService.SyndicsAsync(db, ticket, ct)).Append(ticket.ReporterUserId).Where(u => u != actor.UserId).Distinct().ToList();
                await notifications.NotifyUsersAsync(db, others, ticket.OrganisationId, NotificationType.System, "notify.ticket_step.Assigned",
                    [building.Name, ticket.Title, nameof(TicketStatus.Assigned)], $"/tickets/{ticket.Id}", ct, PersonRef.User(ticket.ReporterUserId));
                return url;
            }, ct);
    }

    public async Task<Result<WorkReportLinkRow?>> LastAsync(Actor actor, Guid ticketId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var seen = await TicketService.SeeAsync(db, actor, ticketId, tracked: false, ct);
        if (!seen.Succeeded)
            return Result<WorkReportLinkRow?>.Fail(seen.Errors);
        if (!seen.Value.Sides.Staff)
            return Errors.ForbiddenError;
        var link = await db.WorkReportLinks.AsNoTracking().Where(l => l.TicketId == ticketId).OrderByDescending(l => l.CreatedAt).FirstOrDefaultAsync(ct);
        if (link is null)
            return Result<WorkReportLinkRow?>.Ok(null);
        return new WorkReportLinkRow(link.ContractorName, link.Email, link.CreatedAt, link.ExpiresAt, link.UsedAt, link.StateAt(clock.GetUtcNow()));
    }

    public async Task<Result> RevokeAsync(Actor actor, Guid ticketId, CancellationToken ct) =>
        await ManageAsync<bool>(actor, ticketId, async (db, ticket, _) =>
        {
            var now = clock.GetUtcNow();
            if (await WorkReportLink.RevokeLiveAsync(db, ticketId, now, ct) == 0)
                return new Error("error.report_link_none");
            db.Audit(actor, clock, "work_report.link_revoked", nameof(Ticket), ticketId, ticket.OrganisationId, ticket.BuildingId);
            return true;
        }, ct);

    public async Task<Result<LinkedTicket>> OpenAsync(string token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var link = await AliveAsync(db, token, ct);
        if (link is null)
            return new Error(Invalid);
        var ticket = await db.Tickets.AsNoTracking().FirstAsync(t => t.Id == link.TicketId, ct);
        if (!Linkable.Contains(ticket.Status))
            return new Error(Invalid);
        var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == ticket.BuildingId, ct);
        var unit = ticket.UnitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        var report = await db.WorkReports.AsNoTracking().FirstOrDefaultAsync(r => r.TicketId == ticket.Id, ct);
        return new LinkedTicket(link.ContractorName, building.Name, Address(building), ticket.Title, ticket.Category, ticket.Description, unit, link.ExpiresAt,
            report is { IsEditable: true } ? report.ToInput() : null, report?.RejectReason);
    }

    public async Task<Result> SubmitAsync(string token, WorkReportInput input, CancellationToken ct)
    {
        var v = input.Validate();
        if (!v.IsValid)
            return v.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var link = await AliveAsync(db, token, ct);
        if (link is null)
            return new Error(Invalid);
        await db.LockAsync<Ticket>(link.TicketId, ct);
        var now = clock.GetUtcNow();
        // the database decides who uses the link: of two sends at once, the second finds it used
        var used = await db.WorkReportLinks.Where(l => l.Id == link.Id && l.UsedAt == null && l.RevokedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
        if (used != 1)
            return new Error(Invalid);
        var ticket = await db.Tickets.FirstAsync(t => t.Id == link.TicketId, ct);
        if (!Linkable.Contains(ticket.Status))
            return new Error(Invalid);
        var report = await db.WorkReports.FirstOrDefaultAsync(r => r.TicketId == ticket.Id, ct);
        if (report is null)
        {
            report = WorkReport.Start(ticket, null);
            db.WorkReports.Add(report);
        }
        else if (!report.IsEditable)
            return new Error("error.report_link_report_filed");
        report.Write(input);
        report.FiledThroughLink();
        report.Submit(now);
        if (ticket.Status is TicketStatus.Assigned or TicketStatus.Reopened)
            ticket.Start();
        var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == ticket.BuildingId, ct);
        var contractor = new Actor(null, WorkReportLink.ActorName, false, []);
        db.Audit(contractor, clock, "work_report.submitted", nameof(WorkReport), report.Id, ticket.OrganisationId, ticket.BuildingId, $"{link.ContractorName}: {ticket.Title}");
        await notifications.NotifyUsersAsync(db, await TicketService.SyndicsAsync(db, ticket, ct), ticket.OrganisationId, NotificationType.System, "notify.work_report_submitted",
            [building.Name, ticket.Title], $"/tickets/{ticket.Id}", ct, PersonRef.User(ticket.ReporterUserId));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>A change by the ticket's syndic, under a lock of the ticket's row; saved and committed only if it succeeds.</summary>
    private async Task<Result<T>> ManageAsync<T>(Actor actor, Guid ticketId, Func<IKoproGoDb, Ticket, Building, Task<Result<T>>> change, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var seen = await TicketService.LockedAsync(db, actor, ticketId, ct);
        if (!seen.Succeeded)
            return Result<T>.Fail(seen.Errors);
        var (ticket, building, sides) = seen.Value;
        if (!sides.Manage)
            return Errors.ForbiddenError;
        var result = await change(db, ticket, building);
        if (!result.Succeeded)
            return result;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>The link a token names, if it is still alive; a value that cannot be a token never reaches the query.</summary>
    private async Task<WorkReportLink?> AliveAsync(IKoproGoDb db, string token, CancellationToken ct)
    {
        if (!SecretToken.LooksValid(token))
            return null;
        var hash = SecretToken.Hash(token);
        var link = await db.WorkReportLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        return link is not null && link.IsOpen(clock.GetUtcNow()) ? link : null;
    }

    private static string Address(Building b) => $"{b.Street}, {b.PostalCode} {b.City}";
}
