namespace KoproGo.Core.Features.Accounting;

public sealed class LineDraft
{
    public Guid? AccountId { get; set; }
    public Guid? OwnerId { get; set; }
    public Guid? SupplierId { get; set; }
    public decimal Debit { get; set; }
    public decimal Credit { get; set; }
    public string? Label { get; set; }
}

/// <summary>An entry to post: by the journal form (Manual) or by a feature (calls for funds, invoices, payments, closing).</summary>
public sealed class EntryDraft
{
    public Guid BuildingId { get; set; }
    public DateOnly Date { get; set; }
    public Journal Journal { get; set; } = Journal.OD;
    public EntryKind Kind { get; set; } = EntryKind.Manual;
    public string? Description { get; set; }
    public string? DocumentRef { get; set; }
    public Guid? ReversalOf { get; set; }
    public List<LineDraft> Lines { get; set; } = [];

    public decimal TotalDebit => Lines.Sum(l => l.Debit);
    public decimal TotalCredit => Lines.Sum(l => l.Credit);
}

/// <summary>
/// The one way anything is posted. Runs inside the caller's transaction, with the caller's other changes: it checks the
/// entry and adds it; the caller saves and commits, and the database numbers the entry from the counter row of its
/// year and journal as the transaction commits (a rollback takes no number: no gap). The number and reference are
/// read from the database after the commit.
/// </summary>
public sealed class JournalPoster(TimeProvider clock)
{
    public async Task<Result<JournalEntry>> PostAsync(IKoproGoDb db, Actor actor, Guid organisationId, EntryDraft draft, CancellationToken ct)
    {
        var posted = await PostManyAsync(db, actor, organisationId, [draft], ct);
        return posted.Succeeded ? posted.Value[0] : Result<JournalEntry>.Fail(posted.Errors);
    }

    /// <summary>
    /// Several entries of one building at once (a bank statement's payments), all or none: the same checks as one entry,
    /// with one read of the accounts and owners, one share lock per fiscal year and one counter step per journal (the
    /// numbers follow the drafts' order). One entry is added to the context like any change; a batch is written at once
    /// (<see cref="IKoproGoDb.InsertManyAsync{T}"/>) and is not tracked.
    /// </summary>
    public async Task<Result<IReadOnlyList<JournalEntry>>> PostManyAsync(IKoproGoDb db, Actor actor, Guid organisationId, IReadOnlyList<EntryDraft> drafts, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Posting needs the caller's transaction: the number and the entry commit together.");
        if (drafts.Count == 0)
            return Array.Empty<JournalEntry>();
        if (drafts.Select(d => d.BuildingId).Distinct().Count() != 1)
            throw new ArgumentException("one building per batch", nameof(drafts));
        var errors = await ValidateAsync(db, organisationId, drafts, ct);
        if (errors.Count > 0)
            return Result<IReadOnlyList<JournalEntry>>.Fail(errors);

        // a share lock on the year: a closing (which takes it exclusively) waits for these entries, or they wait for the
        // closing and then find the year closed — no entry slips into a year while it is being closed
        var buildingId = drafts[0].BuildingId;
        var years = new Dictionary<DateOnly, FiscalYear>();
        foreach (var date in drafts.Select(d => d.Date).Distinct().Order())
        {
            var year = years.Values.FirstOrDefault(y => y.StartDate <= date && y.EndDate >= date)
                       ?? await db.FiscalYears.FromSqlInterpolated($"""
                              SELECT * FROM fiscal_years WHERE building_id = {buildingId} AND start_date <= {date} AND end_date >= {date} FOR SHARE
                              """).FirstOrDefaultAsync(ct);
            if (year is null)
                return new Error("error.no_fiscal_year", [date], nameof(EntryDraft.Date));
            if (year.IsClosed)
                return new Error("error.fiscal_year_closed", [year.Label], nameof(EntryDraft.Date));
            years[date] = year;
        }

        // one entry is numbered by the database at COMMIT (DatabaseRules.EntryNumbering): the counter row is locked only
        // while the transaction commits. A batch takes its range now, in one step per journal, and keeps the counter
        // locked to its COMMIT; either way a rollback gives the numbers back.
        var next = new Dictionary<(Guid Year, Journal Journal), int>();
        if (drafts.Count > 1)
            foreach (var group in drafts.GroupBy(d => (Year: years[d.Date].Id, d.Journal)))
            {
                var count = group.Count();
                var journal = group.Key.Journal.ToString();
                var last = (await db.Database.SqlQuery<int>($"""
                    INSERT INTO journal_counters (fiscal_year_id, journal, last_number) VALUES ({group.Key.Year}, {journal}, {count})
                    ON CONFLICT (fiscal_year_id, journal) DO UPDATE SET last_number = journal_counters.last_number + {count}
                    RETURNING last_number AS "Value"
                    """).ToListAsync(ct)).Single();
                next[group.Key] = last - count + 1;
            }
        var now = clock.GetUtcNow();
        var entries = new List<JournalEntry>(drafts.Count);
        foreach (var draft in drafts)
        {
            var year = years[draft.Date];
            int? number = next.Count == 0 ? null : next[(year.Id, draft.Journal)]++;
            var entry = JournalEntry.Create(organisationId, draft.BuildingId, year, draft.Journal, draft.Kind, number, draft.Date,
                draft.Description!.Trim(), Text.Clean(draft.DocumentRef), draft.ReversalOf,
                draft.Lines.Select(l => JournalLine.Create(l.AccountId!.Value, l.Debit, l.Credit, l.OwnerId, l.SupplierId, l.Label)), now, actor.UserId);
            entries.Add(entry);
        }
        if (entries.Count == 1)
            db.JournalEntries.Add(entries[0]);
        else
        {
            // a batch is written now, in the caller's transaction, without tracking thousands of rows
            await db.InsertManyAsync(entries, ct);
            await db.InsertManyAsync(entries.SelectMany(e => e.Lines).ToList(), ct);
        }
        // the entries themselves say who posted them and when (and their numbers); the audit log gets one row per posting act
        db.Audit(actor, clock, entries.Count == 1 ? "entry.posted" : "entries.posted", nameof(JournalEntry), entries[0].Id, organisationId, buildingId,
            entries.Count == 1 ? $"{drafts[0].Journal} {drafts[0].TotalDebit:0.00}"
                : $"{entries.Count} entries {entries[0].Reference} … {entries[^1].Reference} {drafts.Sum(d => d.TotalDebit):0.00}");
        return entries;
    }

    private static async Task<List<Error>> ValidateAsync(IKoproGoDb db, Guid organisationId, IReadOnlyList<EntryDraft> drafts, CancellationToken ct)
    {
        var shape = drafts.Select(Shape).FirstOrDefault(v => !v.IsValid);
        if (shape is not null)
            return [.. shape.Errors];
        var lines = drafts.SelectMany(d => d.Lines).ToList();
        var accountIds = lines.Select(l => l.AccountId!.Value).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id) && a.OrganisationId == organisationId).ToDictionaryAsync(a => a.Id, ct);
        var ownerIds = lines.Where(l => l.OwnerId is not null).Select(l => l.OwnerId!.Value).Distinct().ToList();
        var knownOwners = ownerIds.Count == 0 ? 0 : await db.Owners.Where(o => ownerIds.Contains(o.Id) && o.OrganisationId == organisationId).CountAsync(ct);
        var supplierIds = lines.Where(l => l.SupplierId is not null).Select(l => l.SupplierId!.Value).Distinct().ToList();
        var knownSuppliers = supplierIds.Count == 0 ? 0 : await db.Suppliers.Where(s => supplierIds.Contains(s.Id) && s.OrganisationId == organisationId).CountAsync(ct);
        var references = new Validation()
            .Rule(knownOwners == ownerIds.Count, nameof(EntryDraft.Lines), Errors.NotFound)
            .Rule(knownSuppliers == supplierIds.Count, nameof(EntryDraft.Lines), Errors.NotFound);
        foreach (var draft in drafts)
        {
            var v = new Validation();
            for (var i = 0; i < draft.Lines.Count; i++)
            {
                var l = draft.Lines[i];
                if (!accounts.TryGetValue(l.AccountId!.Value, out var account))
                {
                    v.Rule(false, $"Lines[{i}].AccountId", "error.line_account", i + 1);
                    continue;
                }
                v.Rule(!StandardChart.IsOwnerAccount(account.Code) || l.OwnerId is not null, $"Lines[{i}].OwnerId", "error.line_owner_required", i + 1, account.Code)
                 // rights and commitments (class 0) are booked among themselves, never against the balance sheet or the result
                 .Rule(account.Class != 0 || draft.Lines.All(x => accounts.TryGetValue(x.AccountId!.Value, out var o) && o.Class == 0), $"Lines[{i}].AccountId", "error.line_off_balance", i + 1);
            }
            if (!v.IsValid)
                return [.. v.Errors, .. references.Errors];
        }
        return [.. references.Errors];
    }

    /// <summary>What an entry must be before anything is read: described, two lines or more, each one-sided in cents, balanced.</summary>
    internal static Validation Shape(EntryDraft draft)
    {
        var v = new Validation()
            .Date(draft.Date, nameof(EntryDraft.Date))
            .Required(draft.Description, nameof(EntryDraft.Description), JournalEntry.DescriptionMax)
            .Optional(draft.DocumentRef, nameof(EntryDraft.DocumentRef), JournalEntry.DocumentRefMax)
            .Rule(Enum.IsDefined(draft.Journal), nameof(EntryDraft.Journal), Errors.Required)
            .Rule(draft.Lines.Count >= 2, nameof(EntryDraft.Lines), "error.entry_two_lines");
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var l = draft.Lines[i];
            v.Rule(l.AccountId is not null, $"Lines[{i}].AccountId", "error.line_account", i + 1)
             .Rule(l.Debit >= 0 && l.Credit >= 0 && (l.Debit > 0) != (l.Credit > 0), $"Lines[{i}].Amount", "error.line_one_side", i + 1)
             .Rule(Money.InRange(l.Debit) && Money.InRange(l.Credit), $"Lines[{i}].Amount", "error.amount_too_large")
             .Rule(Money.HasAtMostCents(l.Debit) && Money.HasAtMostCents(l.Credit), $"Lines[{i}].Amount", "error.line_cents", i + 1)
             .Optional(l.Label, $"Lines[{i}].Label", JournalLine.LabelMax);
        }
        if (v.IsValid && draft.TotalDebit != draft.TotalCredit)
            v.Rule(false, nameof(EntryDraft.Lines), "error.entry_unbalanced", Math.Abs(draft.TotalDebit - draft.TotalCredit));
        return v;
    }
}
