namespace KoproGo.Core.Features.Accounting;

public sealed record AccountRow(Guid Id, string Code, string Label, bool IsStandard, bool HasPostings)
{
    public bool IsWorks { get; init; }
}

public sealed record FiscalYearRow(Guid Id, int Label, DateOnly StartDate, DateOnly EndDate, bool IsClosed);

public sealed record EntryRow(Guid Id, string Reference, DateOnly Date, Journal Journal, EntryKind Kind, string Description, string? DocumentRef,
    decimal Total, bool IsReversed, Guid? ReversalOfId);

public sealed record EntryLineRow(string AccountCode, string AccountLabel, string? SubLedger, decimal Debit, decimal Credit, string? Label);

public sealed record EntryDetail(EntryRow Entry, IReadOnlyList<EntryLineRow> Lines, string? ReversedByReference, string? ReversalOfReference);

public sealed record JournalQuery(Guid? FiscalYearId = null, Journal? Journal = null);

public sealed class YearEndInput
{
    /// <summary>The fund that receives the year's result, as the general assembly decided: 100 working or 160 reserve.</summary>
    public string FundCode { get; set; } = StandardChart.WorkingFund;
}

public interface IAccountingService
{
    Task<Result<string>> PostAsync(Actor actor, EntryDraft draft, CancellationToken ct);
    /// <summary>Posts the mirrored entry (debits become credits) and links both; the original stays as it was.</summary>
    Task<Result<string>> ReverseAsync(Actor actor, Guid entryId, DateOnly date, CancellationToken ct);
    Task<Result<Page<EntryRow>>> JournalAsync(Actor actor, Guid buildingId, JournalQuery query, PageRequest page, CancellationToken ct);
    Task<Result<EntryDetail>> EntryAsync(Actor actor, Guid entryId, string culture, CancellationToken ct);
}

public sealed class AccountingService(IKoproGoDbFactory dbFactory, JournalPoster poster, TimeProvider clock) : IAccountingService
{
    public async Task<Result<string>> PostAsync(Actor actor, EntryDraft draft, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.BooksBuildingAsync(actor, draft.BuildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<string>.Fail(found.Errors);
        draft.Kind = EntryKind.Manual;      // the form posts manual entries; features post their own kinds through JournalPoster
        draft.ReversalOf = null;
        var posted = await poster.PostAsync(db, actor, found.Value.OrganisationId, draft, ct);
        if (!posted.Succeeded)
            return Result<string>.Fail(posted.Errors);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ReferenceAsync(db, posted.Value.Id, ct);
    }

    /// <summary>An entry's reference, which the database gives at COMMIT (DatabaseRules.EntryNumbering).</summary>
    internal static Task<string> ReferenceAsync(IKoproGoDb db, Guid entryId, CancellationToken ct) =>
        db.JournalEntries.Where(e => e.Id == entryId).Select(e => e.Reference).SingleAsync(ct);

    public async Task<Result<string>> ReverseAsync(Actor actor, Guid entryId, DateOnly date, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var buildingId = await db.JournalEntries.Where(e => e.Id == entryId).Select(e => (Guid?)e.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null)
            return Errors.NotFoundError;
        var found = await db.BooksBuildingAsync(actor, buildingId.Value, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<string>.Fail(found.Errors);
        // one reversal per entry, even when two people click at once: lock, then read
        await db.LockAsync<JournalEntry>(entryId, ct);
        var entry = await db.JournalEntries.Include(e => e.Lines).FirstAsync(e => e.Id == entryId, ct);
        if (entry.ReversedById is not null)
            return new Error("error.entry_already_reversed");
        if (entry.ReversalOfId is not null)
            return new Error("error.entry_is_reversal");
        var draft = new EntryDraft
        {
            BuildingId = entry.BuildingId,
            Date = date,
            Journal = entry.Journal,
            Kind = EntryKind.Reversal,
            Description = Texts.Get("accounting.reversal_of", "fr-BE", entry.Reference),
            DocumentRef = entry.Reference,
            ReversalOf = entry.Id,
            Lines = entry.Lines.Select(l => new LineDraft { AccountId = l.AccountId, OwnerId = l.OwnerId, SupplierId = l.SupplierId, Debit = l.Credit, Credit = l.Debit, Label = l.Label }).ToList(),
        };
        var posted = await poster.PostAsync(db, actor, entry.OrganisationId, draft, ct);
        if (!posted.Succeeded)
            return Result<string>.Fail(posted.Errors);
        entry.MarkReversedBy(posted.Value.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ReferenceAsync(db, posted.Value.Id, ct);
    }

    public Task<Result<Page<EntryRow>>> JournalAsync(Actor actor, Guid buildingId, JournalQuery query, PageRequest page, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Page<EntryRow>>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, _) =>
        {
            var entries = db.JournalEntries.AsNoTracking().Where(e => e.BuildingId == buildingId);
            if (query.FiscalYearId is { } yearId)
                entries = entries.Where(e => e.FiscalYearId == yearId);
            if (query.Journal is { } journal)
                entries = entries.Where(e => e.Journal == journal);
            if (!string.IsNullOrWhiteSpace(page.Search))
            {
                var p = SearchText.Pattern(page.Search);
                entries = entries.Where(e => EF.Functions.Like(e.Description.ToLower(), p) || EF.Functions.Like(e.Reference.ToLower(), p)
                                             || EF.Functions.Like((e.DocumentRef ?? "").ToLower(), p));
            }
            var total = await entries.CountAsync(ct);
            var rows = await entries.OrderByDescending(e => e.Date).ThenByDescending(e => e.Reference)
                .Skip(page.Skip).Take(page.Size)
                .Select(e => new EntryRow(e.Id, e.Reference, e.Date, e.Journal, e.Kind, e.Description, e.DocumentRef,
                    e.Lines.Sum(l => l.Debit), e.ReversedById != null, e.ReversalOfId))
                .ToListAsync(ct);
            return new Page<EntryRow>(rows, total);
        }, ct);

    public async Task<Result<EntryDetail>> EntryAsync(Actor actor, Guid entryId, string culture, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.JournalEntries.AsNoTracking().Include(e => e.Lines).Where(e => e.Id == entryId).FindInBuildingAsync(db, actor, e => e.BuildingId, BuildingRight.Staff, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<EntryDetail>.Fail(found.Errors);
        var (entry, _) = found.Value;
        var accountIds = entry.Lines.Select(l => l.AccountId).ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var names = await SubLedgerNamesAsync(db, entry.Lines, ct);
        var linked = await db.JournalEntries.AsNoTracking().Where(e => e.Id == entry.ReversedById || e.Id == entry.ReversalOfId)
            .Select(e => new { e.Id, e.Reference }).ToListAsync(ct);
        var row = new EntryRow(entry.Id, entry.Reference, entry.Date, entry.Journal, entry.Kind, entry.Description, entry.DocumentRef,
            entry.Lines.Sum(l => l.Debit), entry.ReversedById is not null, entry.ReversalOfId);
        var lines = entry.Lines.OrderBy(l => l.Id).Select(l => new EntryLineRow(accounts[l.AccountId].Code, accounts[l.AccountId].DisplayLabel(culture),
            names.GetValueOrDefault(l.OwnerId ?? l.SupplierId ?? Guid.Empty), l.Debit, l.Credit, l.Label)).ToList();
        return new EntryDetail(row, lines, linked.FirstOrDefault(e => e.Id == entry.ReversedById)?.Reference,
            linked.FirstOrDefault(e => e.Id == entry.ReversalOfId)?.Reference);
    }

    internal static async Task<Dictionary<Guid, string>> SubLedgerNamesAsync(IKoproGoDb db, IEnumerable<JournalLine> lines, CancellationToken ct)
    {
        var ownerIds = lines.Where(l => l.OwnerId is not null).Select(l => l.OwnerId!.Value).Distinct().ToList();
        var supplierIds = lines.Where(l => l.SupplierId is not null).Select(l => l.SupplierId!.Value).Distinct().ToList();
        var owners = await db.Owners.AsNoTracking().Where(o => ownerIds.Contains(o.Id)).ToListAsync(ct);
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => supplierIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var names = owners.ToDictionary(o => o.Id, o => o.DisplayName);
        foreach (var (id, name) in suppliers)
            names[id] = name;
        return names;
    }

}
