using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Accounting;

public enum SettlementStatus { Draft, Posted }

/// <summary>
/// The annual statement of charges (décompte annuel / jaarlijkse afrekening): for each owner, the provisions called in the
/// year against their share of the real charges, ordinary (provisions 701 vs charges) and extraordinary (calls 702 vs works
/// and major repairs) apart. Prepared as a draft the syndic reviews; posting books each difference on the owner's working
/// account (VEN 4101 against 701/702) and issues one letter per owner in their language.
/// </summary>
public sealed class YearSettlement
{
    private YearSettlement() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid FiscalYearId { get; private set; }
    public SettlementStatus Status { get; private set; }
    public DateTimeOffset PreparedAt { get; private set; }
    public DateTimeOffset? PostedAt { get; private set; }
    public Guid? EntryId { get; private set; }
    public List<SettlementLine> Lines { get; private set; } = [];

    public static YearSettlement Prepare(Guid organisationId, Guid buildingId, Guid fiscalYearId, IEnumerable<SettlementLine> lines, DateTimeOffset now)
    {
        var s = new YearSettlement { Id = Guid.CreateVersion7(), OrganisationId = organisationId, BuildingId = buildingId, FiscalYearId = fiscalYearId, Status = SettlementStatus.Draft, PreparedAt = now };
        foreach (var line in lines)
        {
            line.Attach(s.Id);
            s.Lines.Add(line);
        }
        return s;
    }

    public void MarkPosted(Guid entryId, DateTimeOffset now)
    {
        if (Status != SettlementStatus.Draft)
            throw new BusinessRuleException(new Error("error.settlement_posted"));
        Status = SettlementStatus.Posted;
        EntryId = entryId;
        PostedAt = now;
    }
}

/// <summary>One owner's part of the statement; a positive balance is due by the owner, a negative one is theirs.</summary>
public sealed class SettlementLine
{
    private SettlementLine() { }

    public Guid Id { get; private set; }
    public Guid SettlementId { get; private set; }
    public Guid OwnerId { get; private set; }
    public decimal OrdinaryProvisions { get; private set; }
    public decimal OrdinaryCharges { get; private set; }
    public decimal ExtraordinaryProvisions { get; private set; }
    public decimal WorksCharges { get; private set; }
    public Guid? LetterFileId { get; private set; }

    public decimal OrdinaryBalance => OrdinaryCharges - OrdinaryProvisions;
    public decimal ExtraordinaryBalance => WorksCharges - ExtraordinaryProvisions;
    public decimal Balance => OrdinaryBalance + ExtraordinaryBalance;

    public static SettlementLine For(Guid ownerId, decimal ordinaryProvisions, decimal ordinaryCharges, decimal extraordinaryProvisions, decimal worksCharges) => new()
    {
        Id = Guid.CreateVersion7(),
        OwnerId = ownerId,
        OrdinaryProvisions = ordinaryProvisions,
        OrdinaryCharges = ordinaryCharges,
        ExtraordinaryProvisions = extraordinaryProvisions,
        WorksCharges = worksCharges,
    };

    internal void Attach(Guid settlementId) => SettlementId = settlementId;

    public void AttachLetter(Guid fileId) => LetterFileId = fileId;
}

public sealed record SettlementRow(Guid OwnerId, string OwnerName, decimal OrdinaryProvisions, decimal OrdinaryCharges, decimal ExtraordinaryProvisions,
    decimal WorksCharges, decimal Balance, Guid? LetterFileId);

public sealed record SettlementView(Guid Id, int Year, SettlementStatus Status, DateTimeOffset PreparedAt, IReadOnlyList<SettlementRow> Lines)
{
    public decimal Total => Lines.Sum(l => l.Balance);
}

public interface IYearSettlementService
{
    /// <summary>The statement of a year as it stands (draft or posted), or none yet.</summary>
    Task<Result<SettlementView?>> GetAsync(Actor actor, Guid fiscalYearId, CancellationToken ct);
    /// <summary>(Re)computes the draft from the year's calls and approved invoices; a posted statement is never recomputed.</summary>
    Task<Result<SettlementView>> PrepareAsync(Actor actor, Guid fiscalYearId, CancellationToken ct);
    /// <summary>Books the differences and issues the owners' letters (mailed to those who accept email).</summary>
    Task<Result> PostAsync(Actor actor, Guid settlementId, CancellationToken ct);
}

public sealed class YearSettlementService(IKoproGoDbFactory dbFactory, JournalPoster poster, IFileStore store, TimeProvider clock) : IYearSettlementService
{
    public async Task<Result<SettlementView?>> GetAsync(Actor actor, Guid fiscalYearId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var year = await YearAsync(db, actor, fiscalYearId, staffOnly: true, ct);
        if (!year.Succeeded)
            return Result<SettlementView?>.Fail(year.Errors);
        var settlement = await db.Set<YearSettlement>().AsNoTracking().Include(s => s.Lines).FirstOrDefaultAsync(s => s.FiscalYearId == fiscalYearId, ct);
        return settlement is null ? Result<SettlementView?>.Ok(null) : await ViewAsync(db, settlement, year.Value.Year.Label, ct);
    }

    public async Task<Result<SettlementView>> PrepareAsync(Actor actor, Guid fiscalYearId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await YearAsync(db, actor, fiscalYearId, staffOnly: false, ct);
        if (!found.Succeeded)
            return Result<SettlementView>.Fail(found.Errors);
        var (building, year) = found.Value;
        await db.LockAsync<FiscalYear>(year.Id, ct);
        var existing = await db.Set<YearSettlement>().Include(s => s.Lines).FirstOrDefaultAsync(s => s.FiscalYearId == year.Id, ct);
        if (existing is { Status: SettlementStatus.Posted })
            return new Error("error.settlement_posted");
        if (existing is not null)
        {
            db.Set<SettlementLine>().RemoveRange(existing.Lines);
            db.Set<YearSettlement>().Remove(existing);
            await db.SaveChangesAsync(ct);
        }

        var provisions = await (from l in db.CallLines
                                join c in db.CallsForFunds on l.CallId equals c.Id
                                where c.BuildingId == building.Id && c.Status == CallStatus.Sent && c.CallDate >= year.StartDate && c.CallDate <= year.EndDate
                                group l by l.OwnerId into g
                                select new { OwnerId = g.Key, Ordinary = g.Sum(x => x.Ordinary), Extraordinary = g.Sum(x => x.Extraordinary) }).ToListAsync(ct);
        var charges = await (from a in db.ChargeAllocations
                             join i in db.SupplierInvoices on a.InvoiceId equals i.Id
                             where i.BuildingId == building.Id && (i.Status == InvoiceStatus.Approved || i.Status == InvoiceStatus.Paid)
                                   && i.InvoiceDate >= year.StartDate && i.InvoiceDate <= year.EndDate
                             group a by new { a.OwnerId, a.Works } into g
                             select new { g.Key.OwnerId, g.Key.Works, Amount = g.Sum(x => x.Amount) }).ToListAsync(ct);
        var owners = provisions.Select(p => p.OwnerId).Concat(charges.Select(c => c.OwnerId)).Distinct().ToList();
        var lines = owners.Select(o => SettlementLine.For(o,
            provisions.FirstOrDefault(p => p.OwnerId == o)?.Ordinary ?? 0m,
            charges.Where(c => c.OwnerId == o && !c.Works).Sum(c => c.Amount),
            provisions.FirstOrDefault(p => p.OwnerId == o)?.Extraordinary ?? 0m,
            charges.Where(c => c.OwnerId == o && c.Works).Sum(c => c.Amount))).ToList();
        var settlement = YearSettlement.Prepare(building.OrganisationId, building.Id, year.Id, lines, clock.GetUtcNow());
        db.Set<YearSettlement>().Add(settlement);
        db.Audit(actor, clock, "settlement.prepared", nameof(YearSettlement), settlement.Id, building.OrganisationId, building.Id, $"{year.Label}: {lines.Count} owners");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ViewAsync(db, settlement, year.Label, ct);
    }

    public async Task<Result> PostAsync(Actor actor, Guid settlementId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var yearId = await db.Set<YearSettlement>().Where(s => s.Id == settlementId).Select(s => (Guid?)s.FiscalYearId).FirstOrDefaultAsync(ct);
        if (yearId is null)
            return Errors.NotFoundError;
        var found = await YearAsync(db, actor, yearId.Value, staffOnly: false, ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (building, year) = found.Value;
        await db.LockAsync<YearSettlement>(settlementId, ct);
        var settlement = await db.Set<YearSettlement>().Include(s => s.Lines).FirstAsync(s => s.Id == settlementId, ct);
        if (settlement.Status != SettlementStatus.Draft)
            return new Error("error.settlement_posted");
        var accounts = await db.Accounts.Where(a => a.OrganisationId == building.OrganisationId
                && (a.Code == StandardChart.OwnersWorking || a.Code == StandardChart.CallsWorking || a.Code == StandardChart.CallsExtraordinary))
            .ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        var entryLines = new List<LineDraft>();
        void Add(Guid owner, decimal balance, string income)
        {
            if (balance == 0)
                return;
            // owed: the owner's account is debited and the provisions completed; refunded: the reverse
            entryLines.Add(new LineDraft { AccountId = accounts[StandardChart.OwnersWorking], OwnerId = owner, Debit = balance > 0 ? balance : 0, Credit = balance < 0 ? -balance : 0 });
            entryLines.Add(new LineDraft { AccountId = accounts[income], Debit = balance < 0 ? -balance : 0, Credit = balance > 0 ? balance : 0 });
        }
        foreach (var line in settlement.Lines)
        {
            Add(line.OwnerId, line.OrdinaryBalance, StandardChart.CallsWorking);
            Add(line.OwnerId, line.ExtraordinaryBalance, StandardChart.CallsExtraordinary);
        }
        Guid? entryId = null;
        if (entryLines.Count >= 2)
        {
            var posted = await poster.PostAsync(db, actor, building.OrganisationId, new EntryDraft
            {
                BuildingId = building.Id,
                Date = year.EndDate,
                Journal = Journal.VEN,
                Kind = EntryKind.Manual,
                Description = Texts.Get("accounting.settlement", building.Language, year.Label),
                Lines = entryLines,
            }, ct);
            if (!posted.Succeeded)
                return Result.Fail(posted.Errors);
            entryId = posted.Value.Id;
        }
        var now = clock.GetUtcNow();
        settlement.MarkPosted(entryId ?? Guid.Empty, now);

        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
        var ownerIds = settlement.Lines.Select(l => l.OwnerId).ToList();
        var owners = await db.Owners.AsNoTracking().Where(o => ownerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var saved = new List<string>();
        try
        {
            foreach (var line in settlement.Lines)
            {
                var owner = owners[line.OwnerId];
                var pdf = SettlementLetter.Render(organisation, building, year, line, owner, now);
                string key;
                using (var stream = new MemoryStream(pdf))
                    key = await store.SaveAsync(stream, ct);
                saved.Add(key);
                var file = StoredFile.Create(building.OrganisationId, building.Id, $"{building.Slug}-decompte-{year.Label}-{owner.Id.ToString("N")[..8]}.pdf",
                    "application/pdf", pdf.Length, key, actor.UserId, now, FileUse.OwnerLetter, owner.Id);
                db.Files.Add(file);
                line.AttachLetter(file.Id);
                if (owner.Email is not null && owner.ConsentsToEmailConvocation)
                {
                    var c = Texts.Culture(owner.PreferredLanguage);
                    db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(owner.Email, owner.DisplayName, owner.UserId, owner.Id),
                        Texts.Get("mail.settlement.subject", c, year.Label, building.Name),
                        Texts.Get("mail.settlement.body", c, owner.DisplayName, year.Label, building.Name, organisation.Name), building.OrganisationId, now, file.Id));
                }
            }
            db.Audit(actor, clock, "settlement.posted", nameof(YearSettlement), settlement.Id, building.OrganisationId, building.Id,
                $"{year.Label}: {settlement.Lines.Sum(l => l.Balance):0.00}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            foreach (var key in saved)
                await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return Result.Ok();
    }

    private async Task<Result<(Building Building, FiscalYear Year)>> YearAsync(IKoproGoDb db, Actor actor, Guid fiscalYearId, bool staffOnly, CancellationToken ct)
    {
        var year = await db.FiscalYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == fiscalYearId, ct);
        if (year is null)
            return Errors.NotFoundError;
        var building = staffOnly
            ? await db.StaffBuildingAsync(actor, year.BuildingId, clock.Today(), ct)
            : await db.BooksBuildingAsync(actor, year.BuildingId, clock.Today(), ct);
        if (!building.Succeeded)
            return Result<(Building, FiscalYear)>.Fail(building.Errors);
        if (!staffOnly && year.IsClosed)
            return new Error("error.fiscal_year_closed", [year.Label]);
        return (building.Value, year);
    }

    private static async Task<SettlementView> ViewAsync(IKoproGoDb db, YearSettlement s, int label, CancellationToken ct)
    {
        var ids = s.Lines.Select(l => l.OwnerId).ToList();
        var names = await db.Owners.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        return new SettlementView(s.Id, label, s.Status, s.PreparedAt, s.Lines.OrderBy(l => names[l.OwnerId], StringComparer.CurrentCulture)
            .Select(l => new SettlementRow(l.OwnerId, names[l.OwnerId], l.OrdinaryProvisions, l.OrdinaryCharges, l.ExtraordinaryProvisions, l.WorksCharges, l.Balance, l.LetterFileId))
            .ToList());
    }
}

/// <summary>An owner's annual statement of charges as a letter in their language.</summary>
public static class SettlementLetter
{
    public static byte[] Render(Organisation organisation, Building building, FiscalYear year, SettlementLine line, Owner owner, DateTimeOffset now)
    {
        var c = Texts.Culture(owner.PreferredLanguage);
        string T(string key, params object?[] args) => Texts.Get(key, c, args);
        string Eur(decimal amount) => amount.ToString("N2", c) + " €";
        using var pdf = new LetterheadDocument(Letterhead.For(organisation, building), T("pdf.settlement.title", year.Label), c, now);
        CallLetter.Addressee(pdf, owner);
        pdf.Text(T("pdf.settlement.intro", year.StartDate.ToString("d", c), year.EndDate.ToString("d", c)), pdf.Body, 20);
        double[] widths = [0.7, 0.3];
        var right = new HashSet<int> { 1 };
        pdf.Row([T("report.col.label"), T("report.col.amount")], widths, pdf.Bold, shaded: true, rightAligned: right);
        pdf.Row([T("pdf.settlement.ordinary_charges"), Eur(line.OrdinaryCharges)], widths, pdf.Body, rightAligned: right);
        pdf.Row([T("pdf.settlement.ordinary_provisions"), Eur(-line.OrdinaryProvisions)], widths, pdf.Body, rightAligned: right);
        if (line.WorksCharges != 0 || line.ExtraordinaryProvisions != 0)
        {
            pdf.Row([T("pdf.settlement.works_charges"), Eur(line.WorksCharges)], widths, pdf.Body, rightAligned: right);
            pdf.Row([T("pdf.settlement.extraordinary_provisions"), Eur(-line.ExtraordinaryProvisions)], widths, pdf.Body, rightAligned: right);
        }
        pdf.Row([T(line.Balance >= 0 ? "pdf.settlement.due" : "pdf.settlement.credit"), Eur(Math.Abs(line.Balance))], widths, pdf.Bold, shaded: true, rightAligned: right);
        pdf.Space(12);
        pdf.Text(T(line.Balance > 0 ? "pdf.settlement.due_text" : line.Balance < 0 ? "pdf.settlement.credit_text" : "pdf.settlement.even_text"), pdf.Body);
        return pdf.Save();
    }
}
