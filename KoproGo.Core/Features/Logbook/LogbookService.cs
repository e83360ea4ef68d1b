using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Inspections;
using KoproGo.Core.Features.Tickets;
using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Logbook;

public enum LogbookKind { Inspection, Works, Warranty }

/// <summary>
/// A line of the building's maintenance logbook: when, what (a text key in the reader's language and/or a subject as
/// written), the outcome, until when a passed inspection or a warranty holds, the text as written (defects, the work
/// done), who did it, what the materials cost, the certificate, and the record it comes from.
/// </summary>
public sealed record LogbookEntry(DateOnly Date, LogbookKind Kind, string? SubjectKey, string? Subject, string? OutcomeKey, DateOnly? ValidUntil, string? Detail,
    string? By, decimal? Amount, Guid? CertificateFileId, string Link);

public enum WarrantyState { Running, EndingSoon, Ended }

public sealed record WarrantyRow(Guid Id, string Subject, string Contractor, DateOnly AcceptedOn, WarrantyKind Kind, DateOnly EndsOn, WarrantyState State, Guid? TicketId);

/// <summary>A resolved ticket the syndic may attach a warranty to.</summary>
public sealed record WarrantyWorks(Guid TicketId, string Title, string? Contractor);

public interface ILogbookService
{
    /// <summary>
    /// The building's logbook (carnet d'entretien, SPEC §6.4), newest first, drawn from the records themselves: every
    /// completed inspection with its result, every resolved ticket with the contractor's approved work report, and the
    /// warranties of works from their acceptance.
    /// </summary>
    Task<Result<IReadOnlyList<LogbookEntry>>> EntriesAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The building's warranties, the ones ending first on top, for its staff.</summary>
    Task<Result<IReadOnlyList<WarrantyRow>>> WarrantiesAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The resolved tickets of the building, for the warranty form's choice of works.</summary>
    Task<Result<IReadOnlyList<WarrantyWorks>>> WorksAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The syndic records a warranty (2 or 10 years from the works' acceptance), for a resolved ticket of the building or for works done otherwise.</summary>
    Task<Result<Guid>> AddWarrantyAsync(Actor actor, Guid buildingId, WarrantyInput input, CancellationToken ct);
    Task<Result> RemoveWarrantyAsync(Actor actor, Guid warrantyId, CancellationToken ct);
    /// <summary>The logbook as a PDF in the reader's language: the warranties, then every line with its text.</summary>
    Task<Result<PdfFile>> PdfAsync(Actor actor, Guid buildingId, string culture, CancellationToken ct);
}

public sealed class LogbookService(IKoproGoDbFactory dbFactory, TimeProvider clock) : ILogbookService
{
    public async Task<Result<IReadOnlyList<LogbookEntry>>> EntriesAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        await dbFactory.InBuildingAsync(actor, buildingId, BuildingRight.Staff, clock.Today(), (db, _) => EntriesAsync(db, buildingId, ct), ct);

    private static async Task<Result<IReadOnlyList<LogbookEntry>>> EntriesAsync(IKoproGoDb db, Guid buildingId, CancellationToken ct)
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
        var warranties = await db.Warranties.AsNoTracking().Where(w => w.BuildingId == buildingId).ToListAsync(ct);
        var entries = inspections.Select(i => new LogbookEntry(i.InspectedOn!.Value, LogbookKind.Inspection, "enum.InspectionType." + i.Type, i.Equipment,
                "enum.InspectionStatus." + i.Status, i.ValidUntil, i.Defects, i.InspectorName, null, i.CertificateFileId, $"/inspections?building={buildingId}"))
            .Concat(works.Select(w => new LogbookEntry(BusinessTime.LocalDate(w.ResolvedAt!.Value), LogbookKind.Works, "enum.TicketCategory." + w.Category, w.Title,
                null, null, w.Work, w.Contractor, w.Total, null, $"/tickets/{w.Id}")))
            .Concat(warranties.Select(w => new LogbookEntry(w.AcceptedOn, LogbookKind.Warranty, "enum.WarrantyKind." + w.Kind, w.Subject,
                null, w.EndsOn, null, w.Contractor, null, null, w.TicketId is { } t ? $"/tickets/{t}" : $"/logbook?building={buildingId}")))
            .OrderByDescending(e => e.Date).ThenBy(e => e.Kind).ToList();
        return entries;
    }

    public async Task<Result<IReadOnlyList<WarrantyRow>>> WarrantiesAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        var today = clock.Today();
        return await dbFactory.InBuildingAsync<IReadOnlyList<WarrantyRow>>(actor, buildingId, BuildingRight.Staff, today, async (db, _) =>
            (await db.Warranties.AsNoTracking().Where(w => w.BuildingId == buildingId).OrderBy(w => w.EndsOn).ThenBy(w => w.Subject).ToListAsync(ct))
                .Select(w => new WarrantyRow(w.Id, w.Subject, w.Contractor, w.AcceptedOn, w.Kind, w.EndsOn, StateOf(w.EndsOn, today), w.TicketId)).ToList(), ct);
    }

    public static WarrantyState StateOf(DateOnly endsOn, DateOnly today) =>
        endsOn < today ? WarrantyState.Ended : endsOn <= today.AddDays(Warranty.NoticeDays) ? WarrantyState.EndingSoon : WarrantyState.Running;

    public async Task<Result<IReadOnlyList<WarrantyWorks>>> WorksAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        await dbFactory.InBuildingAsync<IReadOnlyList<WarrantyWorks>>(actor, buildingId, BuildingRight.Manage, clock.Today(), async (db, _) =>
            await (from t in db.Tickets.AsNoTracking()
                   join u in db.Users on t.ContractorUserId equals u.Id into contractors
                   from u in contractors.DefaultIfEmpty()
                   where t.BuildingId == buildingId && (t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed)
                   orderby t.ResolvedAt descending
                   select new WarrantyWorks(t.Id, t.Title, u == null ? t.ExternalContractorName : u.DisplayName)).Take(200).ToListAsync(ct), ct);

    public async Task<Result<Guid>> AddWarrantyAsync(Actor actor, Guid buildingId, WarrantyInput input, CancellationToken ct)
    {
        var today = clock.Today();
        return await dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Manage, today, input.Validate(today), async (db, building) =>
        {
            if (input.TicketId is { } ticket && !await db.Tickets.AnyAsync(t => t.Id == ticket && t.BuildingId == buildingId
                                                                              && (t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed), ct))
                return new Error("error.warranty_ticket", [], nameof(input.TicketId));
            var warranty = Warranty.Record(building.OrganisationId, buildingId, input, actor.UserId, clock.GetUtcNow());
            db.Warranties.Add(warranty);
            db.Audit(actor, clock, "warranty.recorded", nameof(Warranty), warranty.Id, building.OrganisationId, buildingId, warranty.Subject);
            await db.SaveChangesAsync(ct);
            return warranty.Id;
        }, ct);
    }

    public async Task<Result> RemoveWarrantyAsync(Actor actor, Guid warrantyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.Warranties.Where(w => w.Id == warrantyId).FindInBuildingAsync(db, actor, w => w.BuildingId, BuildingRight.Manage, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (warranty, building) = found.Value;
        db.Warranties.Remove(warranty);
        db.Audit(actor, clock, "warranty.removed", nameof(Warranty), warranty.Id, building.OrganisationId, building.Id, warranty.Subject);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<PdfFile>> PdfAsync(Actor actor, Guid buildingId, string culture, CancellationToken ct)
    {
        var today = clock.Today();
        return await dbFactory.InBuildingAsync<PdfFile>(actor, buildingId, BuildingRight.Staff, today, async (db, building) =>
        {
            var entries = (await EntriesAsync(db, buildingId, ct)).Value;
            var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
            var c = Texts.Culture(culture);
            using var pdf = new LetterheadDocument(Letterhead.For(organisation, building), Texts.Get("pdf.logbook.title", c), c, clock.GetUtcNow());
            pdf.Text(Texts.Get("pdf.logbook.intro", c, today.ToString("d", c)), pdf.Body, 20);

            var warranties = entries.Where(e => e.Kind == LogbookKind.Warranty && e.ValidUntil >= today).OrderBy(e => e.ValidUntil).ToList();
            pdf.Text(Texts.Get("pdf.logbook.warranties", c), pdf.Bold, 18);
            double[] warrantyWidths = [0.38, 0.24, 0.12, 0.13, 0.13];
            pdf.Row([Texts.Get("ui.warranty.subject", c), Texts.Get("ui.warranty.contractor", c), Texts.Get("ui.warranty.kind", c), Texts.Get("ui.warranty.accepted_on", c),
                Texts.Get("ui.warranty.ends_on", c)], warrantyWidths, pdf.Bold, shaded: true);
            foreach (var w in warranties)
                pdf.Row([w.Subject ?? "", w.By ?? "", Texts.Get(w.SubjectKey!, c), w.Date.ToString("d", c), w.ValidUntil!.Value.ToString("d", c)], warrantyWidths, pdf.Small);
            if (warranties.Count == 0)
                pdf.Text(Texts.Get("pdf.logbook.no_warranty", c), pdf.Small);
            pdf.Space(12);

            pdf.Text(Texts.Get("pdf.logbook.entries", c), pdf.Bold, 18);
            double[] widths = [0.11, 0.12, 0.33, 0.12, 0.18, 0.14];
            pdf.Row([Texts.Get("ui.logbook.date", c), Texts.Get("ui.logbook.kind", c), Texts.Get("ui.logbook.subject", c), Texts.Get("ui.logbook.outcome", c),
                Texts.Get("ui.logbook.by", c), Texts.Get("ui.logbook.amount", c)], widths, pdf.Bold, shaded: true, rightAligned: new HashSet<int> { 5 });
            foreach (var e in entries.Where(e => e.Kind != LogbookKind.Warranty))
            {
                var subject = string.Join(" — ", new[] { e.SubjectKey is null ? null : Texts.Get(e.SubjectKey, c), e.Subject }.Where(s => !string.IsNullOrEmpty(s)));
                var outcome = e.OutcomeKey is null ? "" : Texts.Get(e.OutcomeKey, c);
                if (e.ValidUntil is { } until)
                    outcome += " → " + until.ToString("d", c);
                pdf.Row([e.Date.ToString("d", c), Texts.Get("enum.LogbookKind." + e.Kind, c), subject, outcome, e.By ?? "", e.Amount?.ToString("N2", c) ?? ""],
                    widths, pdf.Small, rightAligned: new HashSet<int> { 5 });
                if (e.Detail is { Length: > 0 } detail)
                    pdf.Paragraph(detail, pdf.Small, 11);
            }
            if (entries.All(e => e.Kind == LogbookKind.Warranty))
                pdf.Text(Texts.Get("ui.logbook.none", c), pdf.Small);
            return new PdfFile($"{building.Slug}-logbook-{today:yyyy-MM-dd}.pdf", pdf.Save());
        }, ct);
    }
}
