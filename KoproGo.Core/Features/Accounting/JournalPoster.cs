using KoproGo.Core.Common;
using Microsoft.EntityFrameworkCore;

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
/// entry, takes the next number from the locked counter row, and adds the entry; the caller saves and commits (or
/// rolls back, and the number is given again to the next posting: no gap).
/// </summary>
public sealed class JournalPoster(TimeProvider clock)
{
    public async Task<Result<JournalEntry>> PostAsync(IKoproGoDb db, Actor actor, Guid organisationId, EntryDraft draft, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Posting needs the caller's transaction: the number and the entry commit together.");
        var errors = await ValidateAsync(db, organisationId, draft, ct);
        if (errors.Count > 0)
            return Result<JournalEntry>.Fail(errors);

        var year = await db.FiscalYears.FirstOrDefaultAsync(y => y.BuildingId == draft.BuildingId && y.StartDate <= draft.Date && y.EndDate >= draft.Date, ct);
        if (year is null)
            return new Error("error.no_fiscal_year", [draft.Date], nameof(EntryDraft.Date));
        if (year.IsClosed)
            return new Error("error.fiscal_year_closed", [year.Label], nameof(EntryDraft.Date));

        // last step before saving, so the counter row stays locked for as short a time as possible
        var journal = draft.Journal.ToString();
        var number = (await db.Database.SqlQuery<int>($"""
            INSERT INTO journal_counters (fiscal_year_id, journal, last_number) VALUES ({year.Id}, {journal}, 1)
            ON CONFLICT (fiscal_year_id, journal) DO UPDATE SET last_number = journal_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(ct)).Single();

        var entry = JournalEntry.Create(organisationId, draft.BuildingId, year, draft.Journal, draft.Kind, number, draft.Date,
            draft.Description!.Trim(), Text.Clean(draft.DocumentRef), draft.ReversalOf,
            draft.Lines.Select(l => JournalLine.Create(l.AccountId!.Value, l.Debit, l.Credit, l.OwnerId, l.SupplierId, l.Label)), clock.GetUtcNow(), actor.UserId);
        db.JournalEntries.Add(entry);
        db.Audit(actor, clock, "entry.posted", nameof(JournalEntry), entry.Id, organisationId, draft.BuildingId, $"{entry.Reference} {draft.TotalDebit:0.00}");
        return entry;
    }

    private static async Task<List<Error>> ValidateAsync(IKoproGoDb db, Guid organisationId, EntryDraft draft, CancellationToken ct)
    {
        var v = new Validation()
            .Required(draft.Description, nameof(EntryDraft.Description), JournalEntry.DescriptionMax)
            .Optional(draft.DocumentRef, nameof(EntryDraft.DocumentRef), JournalEntry.DocumentRefMax)
            .Rule(Enum.IsDefined(draft.Journal), nameof(EntryDraft.Journal), Errors.Required)
            .Rule(draft.Lines.Count >= 2, nameof(EntryDraft.Lines), "error.entry_two_lines");
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var l = draft.Lines[i];
            v.Rule(l.AccountId is not null, $"Lines[{i}].AccountId", "error.line_account", i + 1)
             .Rule(l.Debit >= 0 && l.Credit >= 0 && (l.Debit > 0) != (l.Credit > 0), $"Lines[{i}].Amount", "error.line_one_side", i + 1)
             .Rule(Money.HasAtMostCents(l.Debit) && Money.HasAtMostCents(l.Credit), $"Lines[{i}].Amount", "error.line_cents", i + 1)
             .Optional(l.Label, $"Lines[{i}].Label", JournalLine.LabelMax);
        }
        if (v.IsValid && draft.TotalDebit != draft.TotalCredit)
            v.Rule(false, nameof(EntryDraft.Lines), "error.entry_unbalanced", Math.Abs(draft.TotalDebit - draft.TotalCredit));
        if (!v.IsValid)
            return [.. v.Errors];

        var accountIds = draft.Lines.Select(l => l.AccountId!.Value).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id) && a.OrganisationId == organisationId).ToDictionaryAsync(a => a.Id, ct);
        var ownerIds = draft.Lines.Where(l => l.OwnerId is not null).Select(l => l.OwnerId!.Value).Distinct().ToList();
        var knownOwners = ownerIds.Count == 0 ? 0 : await db.Owners.Where(o => ownerIds.Contains(o.Id) && o.OrganisationId == organisationId).CountAsync(ct);
        var supplierIds = draft.Lines.Where(l => l.SupplierId is not null).Select(l => l.SupplierId!.Value).Distinct().ToList();
        var knownSuppliers = supplierIds.Count == 0 ? 0 : await db.Suppliers.Where(s => supplierIds.Contains(s.Id) && s.OrganisationId == organisationId).CountAsync(ct);
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var l = draft.Lines[i];
            if (!accounts.TryGetValue(l.AccountId!.Value, out var account))
            {
                v.Rule(false, $"Lines[{i}].AccountId", "error.line_account", i + 1);
                continue;
            }
            v.Rule(!StandardChart.IsOwnerAccount(account.Code) || l.OwnerId is not null, $"Lines[{i}].OwnerId", "error.line_owner_required", i + 1, account.Code)
             .Rule(account.Class != 9, $"Lines[{i}].AccountId", "error.line_off_balance", i + 1);
        }
        v.Rule(knownOwners == ownerIds.Count, nameof(EntryDraft.Lines), Errors.NotFound)
         .Rule(knownSuppliers == supplierIds.Count, nameof(EntryDraft.Lines), Errors.NotFound);
        return [.. v.Errors];
    }
}
