using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Inspections;
using KoproGo.Core.Features.Logbook;
using KoproGo.Core.Features.Notary;
using KoproGo.Core.Features.Tickets;

namespace KoproGo.Core.Features.Dashboard;

/// <summary>What a line of the syndic's to-do list is about; each has its text and the screen that resolves it.</summary>
public enum ToDoKind { CertificateExpired, CertificateExpiring, TicketNew, TicketOverdue, WorkReportToApprove, MinutesDue, InvoiceToApprove, NotaryDue, Arrears, BudgetOverrun, WarrantyEnding }

/// <summary>
/// One thing to do: by when (or since when), in which building, what — a text key to show in the reader's language (an
/// inspection's type) and/or a subject as written (a ticket's title, an installation's name), or the day of the
/// meeting whose minutes are due — and where to do it.
/// </summary>
/// <param name="Owners">Arrears: how many owners are at that step, owing <paramref name="Amount"/> in all.</param>
/// <param name="Percent">A budget overrun: how far the actual charges are above the budget, in per cent.</param>
public sealed record ToDoItem(DateOnly Date, ToDoKind Kind, Guid BuildingId, string BuildingName, string? SubjectKey, string? Subject, string Link, bool Overdue,
    DateOnly? MeetingDay = null, int? Owners = null, decimal? Amount = null, decimal? Percent = null);

public interface IDashboardService
{
    /// <summary>
    /// The office's to-do list across the organisation's buildings, the oldest or most pressing first: expired and
    /// expiring certificates, new and overdue tickets, work reports and invoices awaiting approval, minutes to send,
    /// the notaries' requests to answer, warranties of works about to end; for those who keep the books, arrears by reminder step and budget overruns.
    /// </summary>
    Task<Result<IReadOnlyList<ToDoItem>>> ToDoAsync(Actor actor, Guid organisationId, CancellationToken ct);
}

public sealed class DashboardService(IKoproGoDbFactory dbFactory, IInspectionService inspections, TimeProvider clock) : IDashboardService
{
    public async Task<Result<IReadOnlyList<ToDoItem>>> ToDoAsync(Actor actor, Guid organisationId, CancellationToken ct)
    {
        // the same rule as the inspections' list: the organisation's office
        var due = await inspections.DueAsync(actor, organisationId, ct);
        if (!due.Succeeded)
            return Result<IReadOnlyList<ToDoItem>>.Fail(due.Errors);
        var today = clock.Today();
        var items = due.Value.Where(o => o.DueOn is not null)
            .Select(o => new ToDoItem(o.DueOn!.Value, o.State == DueState.Expired ? ToDoKind.CertificateExpired : ToDoKind.CertificateExpiring, o.BuildingId, o.BuildingName,
                "enum.InspectionType." + o.Type, o.EquipmentName, $"/inspections?building={o.BuildingId}", o.State == DueState.Expired))
            .ToList();

        await using var db = await dbFactory.CreateAsync(ct);
        var buildings = await db.ReadableBuildings(actor, today).AsNoTracking().Where(b => b.OrganisationId == organisationId)
            .Select(b => new { b.Id, b.Name }).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var ids = buildings.Keys.ToList();

        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => ids.Contains(t.BuildingId) && (t.Status == TicketStatus.Open || t.Status == TicketStatus.Reopened
                        || (t.DueOn != null && t.DueOn < today && t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Cancelled)))
            .Select(t => new { t.Id, t.BuildingId, t.Title, t.Status, t.CreatedAt, t.DueOn }).ToListAsync(ct);
        items.AddRange(tickets.Select(t => t.DueOn is { } d && d < today
            ? new ToDoItem(d, ToDoKind.TicketOverdue, t.BuildingId, buildings[t.BuildingId], null, t.Title, $"/tickets/{t.Id}", true)
            : new ToDoItem(BusinessTime.LocalDate(t.CreatedAt), ToDoKind.TicketNew, t.BuildingId, buildings[t.BuildingId], null, t.Title, $"/tickets/{t.Id}", false)));

        var reports = await (from r in db.WorkReports.AsNoTracking()
                             join t in db.Tickets on r.TicketId equals t.Id
                             where ids.Contains(r.BuildingId) && r.Status == WorkReportStatus.Submitted
                             select new { t.Id, t.BuildingId, t.Title, r.SubmittedAt }).ToListAsync(ct);
        items.AddRange(reports.Select(r => new ToDoItem(BusinessTime.LocalDate(r.SubmittedAt!.Value), ToDoKind.WorkReportToApprove, r.BuildingId, buildings[r.BuildingId], null, r.Title, $"/tickets/{r.Id}", false)));

        // a warranty of works ending within the notice period: time to have the works looked at and claim
        var horizon = today.AddDays(Warranty.NoticeDays);
        var warranties = await db.Warranties.AsNoTracking().Where(w => ids.Contains(w.BuildingId) && w.EndsOn >= today && w.EndsOn <= horizon)
            .Select(w => new { w.BuildingId, w.Subject, w.EndsOn }).ToListAsync(ct);
        items.AddRange(warranties.Select(w => new ToDoItem(w.EndsOn, ToDoKind.WarrantyEnding, w.BuildingId, buildings[w.BuildingId], null, w.Subject, $"/logbook?building={w.BuildingId}", false)));

        // minutes are due within 30 days of the meeting (Art. 3.87 §12)
        var meetings = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.BuildingId) && m.Status == MeetingStatus.Closed)
            .Select(m => new { m.Id, m.BuildingId, m.StartsAt }).ToListAsync(ct);
        items.AddRange(meetings.Select(m =>
        {
            var held = BusinessTime.LocalDate(m.StartsAt);
            var by = held.AddDays(30);
            return new ToDoItem(by, ToDoKind.MinutesDue, m.BuildingId, buildings[m.BuildingId], null, null, $"/assemblies/{m.Id}", by < today, held);
        }));

        var invoices = await (from i in db.SupplierInvoices.AsNoTracking()
                              join s in db.Suppliers on i.SupplierId equals s.Id
                              where ids.Contains(i.BuildingId) && i.Status == InvoiceStatus.PendingApproval
                              select new { i.BuildingId, i.Number, Supplier = s.Name, i.InvoiceDate, i.DueDate }).ToListAsync(ct);
        items.AddRange(invoices.Select(i => new ToDoItem(i.DueDate ?? i.InvoiceDate, ToDoKind.InvoiceToApprove, i.BuildingId, buildings[i.BuildingId], null, $"{i.Supplier} {i.Number}",
            $"/buildings/{i.BuildingId}/accounting?tab=invoices", i.DueDate is { } d && d < today)));

        // what the books say is late, for those who keep them
        if (actor.CanKeepBooks(organisationId))
        {
            // unpaid calls past their due date, by building and by the last reminder step reached (none yet: to remind)
            var overdue = await (from l in db.CallLines.AsNoTracking()
                                 join c in db.CallsForFunds on l.CallId equals c.Id
                                 where ids.Contains(c.BuildingId) && c.Status == CallStatus.Sent && l.Paid < l.Total && c.DueDate < today
                                 select new
                                 {
                                     c.BuildingId,
                                     l.OwnerId,
                                     c.DueDate,
                                     Open = l.Total - l.Paid,
                                     Level = db.Set<Reminder>().Where(r => r.CallLineId == l.Id).Max(r => (ReminderLevel?)r.Level),
                                 }).ToListAsync(ct);
            items.AddRange(overdue.GroupBy(o => (o.BuildingId, o.Level)).Select(g => new ToDoItem(g.Min(o => o.DueDate), ToDoKind.Arrears, g.Key.BuildingId,
                buildings[g.Key.BuildingId], g.Key.Level is { } level ? "enum.ReminderLevel." + level : "ui.todo.no_reminder", null,
                $"/buildings/{g.Key.BuildingId}/accounting?tab=arrears", true, Owners: g.Select(o => o.OwnerId).Distinct().Count(), Amount: g.Sum(o => o.Open))));

            // the active budgets' lines (or whole budgets) the actual charges went over, as the budget job found them
            var overruns = await (from a in db.BudgetAlerts.AsNoTracking()
                                  join b in db.Budgets on a.BudgetId equals b.Id
                                  where ids.Contains(b.BuildingId) && b.Status == BudgetStatus.Active
                                  select new { b.BuildingId, a.AccountId, a.VariancePercent, a.RaisedAt }).ToListAsync(ct);
            var accountIds = overruns.Select(o => o.AccountId).OfType<Guid>().Distinct().ToList();
            var codes = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
            // the highest crossing of each line is the one to act on
            items.AddRange(overruns.GroupBy(o => (o.BuildingId, o.AccountId)).Select(g => g.MaxBy(o => o.VariancePercent)!).Select(o => new ToDoItem(BusinessTime.LocalDate(o.RaisedAt),
                ToDoKind.BudgetOverrun, o.BuildingId, buildings[o.BuildingId], o.AccountId is null ? "ui.todo.whole_budget" : null,
                o.AccountId is { } account ? codes[account] : null, $"/buildings/{o.BuildingId}/accounting?tab=budgets", false, Percent: o.VariancePercent)));

            // the notaries' requests still to answer (Art. 3.94: 15 or 30 days)
            var notary = await NotaryService.RowsAsync(db, db.NotaryRequests.Where(r => r.OrganisationId == organisationId && ids.Contains(r.BuildingId)
                && (r.Status == NotaryRequestStatus.Requested || r.Status == NotaryRequestStatus.InProgress || r.Status == NotaryRequestStatus.Generated)), today, ct);
            items.AddRange(notary.Select(r => new ToDoItem(r.DueOn, ToDoKind.NotaryDue, r.BuildingId, r.BuildingName, null, r.UnitNumber, $"/notary/{r.Id}", r.Overdue)));
        }

        return items.OrderBy(i => i.Date).ThenBy(i => i.Kind).ThenBy(i => i.BuildingName, StringComparer.Ordinal).ToList();
    }
}
