using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Inspections;
using KoproGo.Core.Features.Tickets;
using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Logbook;

public enum LogbookKind { Inspection, Works }

/// <summary>
/// A line of the building's maintenance logbook: when, what (a text key in the reader's language and/or a subject as
/// written), the outcome, until when a passed inspection holds, the text as written (defects, the work done), who did
/// it, what the materials cost, the certificate, and the record it comes from.
/// </summary>
public sealed record LogbookEntry(DateOnly Date, LogbookKind Kind, string? SubjectKey, string? Subject, string? OutcomeKey, DateOnly? ValidUntil, string? Detail,
    string? By, decimal? Amount, Guid? CertificateFileId, string Link);

public interface ILogbookService
{
    /// <summary>
    /// The building's logbook (carnet d'entretien, SPEC §6.4), newest first, drawn from the records themselves: every
    /// completed inspection with its result, and every resolved ticket with the contractor's approved work report.
    /// </summary>
    Task<Result<IReadOnlyList<LogbookEntry>>> EntriesAsync(Actor actor, Guid buildingId, CancellationToken ct);
}

public sealed class LogbookService(IKoproGoDbFactory dbFactory, TimeProvider clock) : ILogbookService
{
    public async Task<Result<IReadOnlyList<LogbookEntry>>> EntriesAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        await dbFactory.InBuildingAsync<IReadOnlyList<LogbookEntry>>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, _) =>
        {
            var inspections = await (from i in db.Inspections.AsNoTracking()
                                     join e in db.Equipment on i.EquipmentId equals e.Id into items
                                     from e in items.DefaultIfEmpty()
                                     where i.BuildingId == buildingId && (i.Status == InspectionStatus.Passed || i.Status == InspectionStatus.Failed)
                                     select new { i.InspectedOn, i.Type, Equipment = e == null ? null : e.Name, i.Status, i.ValidUntil, i.ReinspectBy, i.Defects, i.InspectorName, i.CertificateFileId })
                .ToListAsync(ct);
            var works = await (from t in db.Tickets.AsNoTracking()
                               join r in db.WorkReports on t.Id equals r.TicketId into reports
                               from r in reports.Where(r => r.Status == WorkReportStatus.Approved).DefaultIfEmpty()
                               join u in db.Users on t.ContractorUserId equals u.Id into contractors
                               from u in contractors.DefaultIfEmpty()
                               where t.BuildingId == buildingId && t.ResolvedAt != null && (t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed)
                               select new { t.Id, t.Title, t.ResolvedAt, t.Category, Work = r == null ? null : r.WorkDone, Total = r == null ? (decimal?)null : r.MaterialsTotal, Contractor = u == null ? t.ExternalContractorName : u.DisplayName })
                .ToListAsync(ct);
            var entries = inspections.Select(i => new LogbookEntry(i.InspectedOn!.Value, LogbookKind.Inspection, "enum.InspectionType." + i.Type, i.Equipment,
                    "enum.InspectionStatus." + i.Status, i.ValidUntil, i.Defects, i.InspectorName, null, i.CertificateFileId, $"/inspections?building={buildingId}"))
                .Concat(works.Select(w => new LogbookEntry(BusinessTime.LocalDate(w.ResolvedAt!.Value), LogbookKind.Works, "enum.TicketCategory." + w.Category, w.Title,
                    null, null, w.Work, w.Contractor, w.Total, null, $"/tickets/{w.Id}")))
                .OrderByDescending(e => e.Date).ThenBy(e => e.Kind).ToList();
            return entries;
        }, ct);
}
