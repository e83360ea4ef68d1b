namespace KoproGo.Core.Features.Documents;

public sealed record PdfFile(string FileName, byte[] Content);

public interface IDocumentService
{
    /// <summary>The list of owners of a building (lot, shares, owner, right, contact) for the syndic, in the requested language.</summary>
    Task<Result<PdfFile>> OwnerListPdfAsync(Actor actor, Guid buildingId, string culture, CancellationToken ct);
}

public sealed class DocumentService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IDocumentService
{
    public async Task<Result<PdfFile>> OwnerListPdfAsync(Actor actor, Guid buildingId, string culture, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        var found = await db.StaffBuildingAsync(actor, buildingId, today, ct);
        if (!found.Succeeded)
            return Result<PdfFile>.Fail(found.Errors);
        var building = found.Value;
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
        var rows = await (from u in db.Units
                          where u.BuildingId == buildingId
                          join o in db.Ownerships.Where(o => o.StartDate <= today && (o.EndDate == null || o.EndDate > today)) on u.Id equals o.UnitId into os
                          from o in os.DefaultIfEmpty()
                          join ow in db.Owners on o.OwnerId equals ow.Id into ows
                          from ow in ows.DefaultIfEmpty()
                          orderby u.Number    // natural collation: A2 before A10
                          select new { u.Number, u.Type, u.Shares, Kind = (OwnershipKind?)o.Kind, Percentage = (decimal?)o.Percentage, Owner = ow })
            .AsNoTracking().ToListAsync(ct);

        var c = Texts.Culture(culture);
        var title = Texts.Get("pdf.owner_list.title", c);
        using var pdf = new LetterheadDocument(Letterhead.For(organisation, building), title, c, clock.GetUtcNow());
        pdf.Text(Texts.Get("pdf.owner_list.intro", c, today.ToString("d", c), building.TotalShares), pdf.Body, 20);
        double[] widths = [0.07, 0.12, 0.08, 0.27, 0.18, 0.08, 0.2];
        pdf.Row([Texts.Get("ui.unit.number", c), Texts.Get("ui.unit.type", c), Texts.Get("ui.unit.shares", c), Texts.Get("ui.owner.name", c),
            Texts.Get("ui.ownership.right", c), "%", Texts.Get("ui.owner.email", c)], widths, pdf.Bold, shaded: true, rightAligned: new HashSet<int> { 2, 5 });
        foreach (var r in rows)
        {
            pdf.Row([r.Number, Texts.Get("enum.UnitType." + r.Type, c), r.Shares.ToString("N0", c),
                r.Owner?.DisplayName ?? Texts.Get("pdf.owner_list.no_owner", c),
                r.Kind is null ? "" : Texts.Get("enum.OwnershipKind." + r.Kind, c), r.Percentage?.ToString("0.####", c) ?? "", r.Owner?.Email ?? ""],
                widths, pdf.Small, rightAligned: new HashSet<int> { 2, 5 });
        }
        pdf.Space(8);
        var allocated = rows.GroupBy(r => r.Number).Sum(g => g.First().Shares);
        pdf.Text(Texts.Get("pdf.owner_list.total", c, allocated.ToString("N0", c), building.TotalShares.ToString("N0", c)), pdf.Bold);
        return new PdfFile($"{building.Slug}-owners-{today:yyyy-MM-dd}.pdf", pdf.Save());
    }
}
