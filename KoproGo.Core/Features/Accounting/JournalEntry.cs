
namespace KoproGo.Core.Features.Accounting;

/// <summary>Journals of SPEC §3.2: purchases, sales (calls for funds), financial (bank), miscellaneous.</summary>
public enum Journal { ACH, VEN, FIN, OD }

public enum EntryKind { CallForFunds, PaymentReceived, ExpensePayment, TransferBetweenAccounts, YearEndClosing, Opening, Manual, Reversal, SupplierInvoice }

/// <summary>
/// A posted entry: immutable once saved (PostgreSQL refuses UPDATE and DELETE, except linking the reversal that
/// corrects it). Balanced and of at least two lines, checked by the service and again at COMMIT by the database.
/// </summary>
public sealed class JournalEntry
{
    public const int DescriptionMax = 300, DocumentRefMax = 100;

    private JournalEntry() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid FiscalYearId { get; private set; }
    public Journal Journal { get; private set; }
    public EntryKind Kind { get; private set; }
    /// <summary>
    /// Gapless per year and journal. 0 until the transaction commits: the database numbers the entry then (trigger
    /// <c>journal_entries_number</c>); a batch takes its range up front and arrives numbered.
    /// </summary>
    public int Number { get; private set; }
    /// <summary>2026-VEN-000042: year, journal, gapless number; set with <see cref="Number"/>.</summary>
    public string Reference { get; private set; } = "";

    public static string FormatReference(int year, Journal journal, int number) => $"{year}-{journal}-{number:D6}";
    public DateOnly Date { get; private set; }
    public string Description { get; private set; } = "";
    public string? DocumentRef { get; private set; }
    public Guid? ReversalOfId { get; private set; }
    public Guid? ReversedById { get; private set; }
    public DateTimeOffset PostedAt { get; private set; }
    public string? PostedByUserId { get; private set; }
    public List<JournalLine> Lines { get; private set; } = [];

    /// <param name="number">null: numbered by the database at COMMIT.</param>
    internal static JournalEntry Create(Guid organisationId, Guid buildingId, FiscalYear year, Journal journal, EntryKind kind, int? number,
        DateOnly date, string description, string? documentRef, Guid? reversalOf, IEnumerable<JournalLine> lines, DateTimeOffset now, string? userId)
    {
        var entry = new JournalEntry
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = organisationId,
            BuildingId = buildingId,
            FiscalYearId = year.Id,
            Journal = journal,
            Kind = kind,
            Number = number ?? 0,
            Reference = number is { } n ? FormatReference(year.Label, journal, n) : "",
            Date = date,
            Description = description,
            DocumentRef = documentRef,
            ReversalOfId = reversalOf,
            PostedAt = now,
            PostedByUserId = userId,
        };
        foreach (var line in lines)
        {
            line.Place(entry.Id, year.Id, date);
            entry.Lines.Add(line);
        }
        return entry;
    }

    public void MarkReversedBy(Guid reversalId)
    {
        if (ReversedById is not null)
            throw new BusinessRuleException(new Error("error.entry_already_reversed"));
        ReversedById = reversalId;
    }
}

/// <summary>One side of an entry: exactly one of debit and credit is above zero (a CHECK constraint says so too).</summary>
public sealed class JournalLine
{
    public const int LabelMax = 200;

    private JournalLine() { }

    public long Id { get; private set; }
    public Guid EntryId { get; private set; }
    public Guid AccountId { get; private set; }
    /// <summary>Owner sub-ledger (accounts 410…).</summary>
    public Guid? OwnerId { get; private set; }
    /// <summary>Supplier sub-ledger (account 440).</summary>
    public Guid? SupplierId { get; private set; }
    public decimal Debit { get; private set; }
    public decimal Credit { get; private set; }
    public string? Label { get; private set; }
    /// <summary>
    /// The entry's year and date, repeated on the line so that a trial balance is one scan of one index (lines never
    /// change, so the copy cannot drift; a trigger fills them from the entry for any insert).
    /// </summary>
    public Guid FiscalYearId { get; private set; }
    public DateOnly Date { get; private set; }

    internal void Place(Guid entryId, Guid fiscalYearId, DateOnly date)
    {
        EntryId = entryId;
        FiscalYearId = fiscalYearId;
        Date = date;
    }

    public static JournalLine Create(Guid accountId, decimal debit, decimal credit, Guid? ownerId = null, Guid? supplierId = null, string? label = null) =>
        new() { AccountId = accountId, Debit = debit, Credit = credit, OwnerId = ownerId, SupplierId = supplierId, Label = Text.Clean(label) };
}

/// <summary>
/// The last number given per fiscal year and journal. Posting increments it with an UPDATE in the posting's own
/// transaction: the row stays locked until COMMIT, so concurrent postings queue, and a rollback takes the number back.
/// </summary>
public sealed class JournalCounter
{
    public Guid FiscalYearId { get; set; }
    public Journal Journal { get; set; }
    public int LastNumber { get; set; }
}
