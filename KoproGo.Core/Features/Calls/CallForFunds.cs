
namespace KoproGo.Core.Features.Calls;

public enum CallPeriod { Quarterly, Monthly, Yearly, OneTime }

/// <summary>Stored states; Paid and Overdue of a sent call are read from its lines (<see cref="CallForFunds.StateOn"/>).</summary>
public enum CallStatus { Draft, Sent, Cancelled }

public enum CallState { Draft, Sent, Paid, Overdue, Cancelled }

public enum LineState { Open, Partial, Paid, Overdue }

public enum PaymentMethod { Transfer, DirectDebit, Cash }

/// <summary>
/// The two funds of an association and their two bank accounts (Civil Code Art. 3.86 §3, 3.89 §5): the working fund
/// (ordinary and extraordinary charges; bank 551, owners 4101) and the reserve fund (bank 550, owners 4100).
/// </summary>
public enum Fund { Working, Reserve }

/// <summary>
/// A call for funds (appel de fonds / opvraging): amounts per fund spread over the owners by shares, each owner line
/// with its own structured communication. Sending posts the VEN entry and issues the owners' PDFs.
/// </summary>
public sealed class CallForFunds
{
    public const int TitleMax = 150;

    private CallForFunds() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public string Title { get; private set; } = "";
    public CallPeriod Period { get; private set; }
    public DateOnly CallDate { get; private set; }
    public DateOnly DueDate { get; private set; }
    /// <summary>Ordinary charges: the working fund (701).</summary>
    public decimal Ordinary { get; private set; }
    /// <summary>Extraordinary charges (702).</summary>
    public decimal Extraordinary { get; private set; }
    /// <summary>Reserve fund (700).</summary>
    public decimal Reserve { get; private set; }
    public CallStatus Status { get; private set; }
    public Guid? EntryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public List<CallLine> Lines { get; private set; } = [];
    /// <summary>The budget whose schedule this call follows, and which slot of it (1–12 for monthly, 1–4 for quarterly calls).</summary>
    public Guid? BudgetId { get; private set; }
    public int? BudgetSlot { get; private set; }

    public decimal Total => Ordinary + Extraordinary + Reserve;

    public static CallForFunds Create(Guid organisationId, Guid buildingId, CallInput input, DateTimeOffset now)
    {
        var call = new CallForFunds { Id = Guid.CreateVersion7(), OrganisationId = organisationId, BuildingId = buildingId, Status = CallStatus.Draft, CreatedAt = now };
        call.Update(input);
        return call;
    }

    public void Update(CallInput input)
    {
        Require(CallStatus.Draft);
        Title = input.Title!.Trim();
        Period = input.Period;
        CallDate = input.CallDate!.Value;
        DueDate = input.DueDate!.Value;
        Ordinary = input.Ordinary;
        Extraordinary = input.Extraordinary;
        Reserve = input.Reserve;
    }

    public void MarkSent(Guid entryId, IEnumerable<CallLine> lines, DateTimeOffset now)
    {
        Require(CallStatus.Draft);
        Status = CallStatus.Sent;
        EntryId = entryId;
        SentAt = now;
        Lines.AddRange(lines);
    }

    public void FollowBudget(Guid budgetId, int slot)
    {
        Require(CallStatus.Draft);
        BudgetId = budgetId;
        BudgetSlot = slot;
    }

    public void Cancel()
    {
        Require(CallStatus.Draft);
        Status = CallStatus.Cancelled;
    }

    public CallState StateOn(DateOnly today) => Status switch
    {
        CallStatus.Draft => CallState.Draft,
        CallStatus.Cancelled => CallState.Cancelled,
        _ when Lines.Count > 0 && Lines.All(l => l.Paid >= l.Total) => CallState.Paid,
        _ when today > DueDate => CallState.Overdue,
        _ => CallState.Sent,
    };

    private void Require(CallStatus expected)
    {
        if (Status != expected)
            throw new BusinessRuleException(Error.Of("error.call_status", Status.ToString()));
    }
}

/// <summary>One owner's part of a call: per fund, its structured communication, what was paid, and the PDF sent.</summary>
public sealed class CallLine
{
    public const int LotsMax = 300;

    private CallLine() { }

    public Guid Id { get; private set; }
    public Guid CallId { get; private set; }
    public Guid OwnerId { get; private set; }
    public decimal Ordinary { get; private set; }
    public decimal Extraordinary { get; private set; }
    public decimal Reserve { get; private set; }
    public decimal Total { get; private set; }
    /// <summary>Paid in all, both funds together.</summary>
    public decimal Paid { get; private set; }
    /// <summary>The part of <see cref="Paid"/> that settles the reserve fund part.</summary>
    public decimal PaidReserve { get; private set; }
    /// <summary>+++123/4567/89002+++ of the working-fund part (ordinary and extraordinary charges), unique over the platform.</summary>
    public string StructuredCommunication { get; private set; } = "";
    /// <summary>The reserve part's own communication, paid to the reserve account; null when the line has no reserve part.</summary>
    public string? ReserveCommunication { get; private set; }
    /// <summary>The lots this line is for, as printed: "A1 (60/1000), P1 (20/1000)".</summary>
    public string Lots { get; private set; } = "";
    public Guid? PdfFileId { get; private set; }
    /// <summary>No email (or no consent to receive documents by email): the syndic posts the letter.</summary>
    public bool ByPost { get; private set; }
    /// <summary>PostgreSQL xmin: two payments that would both read the line before either wrote fail instead of one being lost.</summary>
    public uint Version { get; private set; }

    public static CallLine Create(Guid callId, Guid ownerId, decimal ordinary, decimal extraordinary, decimal reserve, string ogm, string lots, string? reserveOgm = null) => new()
    {
        Id = Guid.CreateVersion7(),
        CallId = callId,
        OwnerId = ownerId,
        Ordinary = ordinary,
        Extraordinary = extraordinary,
        Reserve = reserve,
        Total = ordinary + extraordinary + reserve,
        StructuredCommunication = ogm,
        ReserveCommunication = reserve > 0 ? reserveOgm : null,
        Lots = lots.Length > LotsMax ? lots[..LotsMax] : lots,
    };

    public decimal Open => Math.Max(0, Total - Paid);

    /// <summary>What the fund's part still owes.</summary>
    public decimal OpenOf(Fund fund) => fund == Fund.Reserve ? Math.Max(0, Reserve - PaidReserve) : Math.Max(0, Ordinary + Extraordinary - (Paid - PaidReserve));

    /// <summary>The communication to pay the fund's part with (a line without its own reserve OGM takes both on one).</summary>
    public string CommunicationOf(Fund fund) => fund == Fund.Reserve ? ReserveCommunication ?? StructuredCommunication : StructuredCommunication;

    /// <summary>Which fund a communication names on this line, if any.</summary>
    public Fund? FundOf(string ogm) => ogm == StructuredCommunication ? Fund.Working : ogm == ReserveCommunication ? Fund.Reserve : null;

    public LineState StateOn(DateOnly today, DateOnly due) =>
        Paid >= Total ? LineState.Paid : today > due ? LineState.Overdue : Paid > 0 ? LineState.Partial : LineState.Open;

    public void Attach(Guid pdfFileId, bool byPost)
    {
        PdfFileId = pdfFileId;
        ByPost = byPost;
    }

    /// <summary>Takes what it can of <paramref name="amount"/> for the fund's part; returns what was taken.</summary>
    public decimal Apply(decimal amount, Fund fund)
    {
        var take = Math.Min(OpenOf(fund), amount);
        Paid += take;
        if (fund == Fund.Reserve)
            PaidReserve += take;
        return take;
    }
}

/// <summary>A payment received from an owner (by hand, later from a bank statement), posted as FIN 551 / 410.</summary>
public sealed class Payment
{
    public const int ReferenceMax = 140;

    private Payment() { }

    public Guid Id { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid OwnerId { get; private set; }
    public DateOnly Date { get; private set; }
    public decimal Amount { get; private set; }
    public PaymentMethod Method { get; private set; }
    public string? Reference { get; private set; }
    public Guid EntryId { get; private set; }
    /// <summary>What could not be applied to open calls: a credit on the owner's account.</summary>
    public decimal Unapplied { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    /// <summary>The account the money arrived on.</summary>
    public Fund Account { get; private set; }
    /// <summary>
    /// What arrived on this account but belongs to the other fund (the reserve part paid to the working account, or
    /// the reverse): it has to be moved, through 580 internal transfers.
    /// </summary>
    public decimal TransferDue { get; private set; }
    /// <summary>The entry that booked the transfer order (580), once the syndic made it.</summary>
    public Guid? TransferEntryId { get; private set; }

    public static Payment Create(Guid buildingId, Guid ownerId, DateOnly date, decimal amount, PaymentMethod method, string? reference, Guid entryId, decimal unapplied,
        DateTimeOffset now, Fund account = Fund.Working, decimal transferDue = 0m) => new()
        {
            Id = Guid.CreateVersion7(),
            BuildingId = buildingId,
            OwnerId = ownerId,
            Date = date,
            Amount = amount,
            Method = method,
            Reference = Text.Clean(reference),
            EntryId = entryId,
            Unapplied = unapplied,
            RecordedAt = now,
            Account = account,
            TransferDue = transferDue,
        };

    public void TransferBooked(Guid entryId)
    {
        if (TransferDue <= 0 || TransferEntryId is not null)
            throw new BusinessRuleException(new Error("error.transfer_not_due"));
        TransferEntryId = entryId;
    }
}

/// <summary>Which part of which call line a payment settled, and when: the periods of late interest run between these.</summary>
public sealed class PaymentAllocation
{
    private PaymentAllocation() { }

    public Guid Id { get; private set; }
    public Guid PaymentId { get; private set; }
    public Guid CallLineId { get; private set; }
    public Fund Fund { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly Date { get; private set; }

    public static PaymentAllocation Create(Guid paymentId, Guid callLineId, Fund fund, decimal amount, DateOnly date) =>
        new() { Id = Guid.CreateVersion7(), PaymentId = paymentId, CallLineId = callLineId, Fund = fund, Amount = amount, Date = date };
}

/// <summary>
/// A bank account an owner paid from, learnt from payments the reconciliation matched: later payments from it without
/// a (valid) structured communication can be recognised. Shown to the syndic; personal data (GDPR export and erasure).
/// </summary>
public sealed class OwnerBankAccount
{
    private OwnerBankAccount() { }

    public Guid Id { get; private set; }
    public Guid OwnerId { get; private set; }
    public string Iban { get; private set; } = "";
    public DateTimeOffset LearnedAt { get; private set; }

    public static OwnerBankAccount Learn(Guid ownerId, string iban, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), OwnerId = ownerId, Iban = iban, LearnedAt = now };
}

public sealed class CallInput
{
    public string? Title { get; set; }
    public CallPeriod Period { get; set; } = CallPeriod.Quarterly;
    public DateOnly? CallDate { get; set; }
    public DateOnly? DueDate { get; set; }
    public decimal Ordinary { get; set; }
    public decimal Extraordinary { get; set; }
    public decimal Reserve { get; set; }

    public Validation Validate() => new Validation()
        .Required(Title, nameof(Title), CallForFunds.TitleMax)
        .Rule(Enum.IsDefined(Period), nameof(Period), Errors.Required)
        .Date(CallDate, nameof(CallDate))
        .Date(DueDate, nameof(DueDate))
        .Rule(CallDate is null || DueDate is null || DueDate >= CallDate, nameof(DueDate), "error.due_before_call")
        .Rule(Ordinary >= 0 && Extraordinary >= 0 && Reserve >= 0, nameof(Ordinary), "error.call_negative")
        .Amount(Ordinary, nameof(Ordinary)).Amount(Extraordinary, nameof(Extraordinary)).Amount(Reserve, nameof(Reserve))
        .Rule(Money.SafeSum([Ordinary, Extraordinary, Reserve]) is null or > 0, nameof(Ordinary), "error.call_zero")
        .Rule(Money.HasAtMostCents(Ordinary) && Money.HasAtMostCents(Extraordinary) && Money.HasAtMostCents(Reserve), nameof(Ordinary), "error.amount_cents");
}

public sealed class PaymentInput
{
    public Guid? OwnerId { get; set; }
    public DateOnly? Date { get; set; }
    public decimal Amount { get; set; }
    public PaymentMethod Method { get; set; } = PaymentMethod.Transfer;
    public string? Reference { get; set; }
    /// <summary>The account it was paid to (cash counts as the working fund).</summary>
    public Fund Account { get; set; } = Fund.Working;

    public Validation Validate() => new Validation()
        .Rule(OwnerId is not null, nameof(OwnerId), Errors.Required)
        .Rule(Enum.IsDefined(Account), nameof(Account), Errors.Required)
        .Date(Date, nameof(Date))
        .Rule(Amount > 0, nameof(Amount), "error.payment_positive")
        .Amount(Amount, nameof(Amount))
        .Rule(Money.HasAtMostCents(Amount), nameof(Amount), "error.amount_cents")
        .Rule(Enum.IsDefined(Method), nameof(Method), Errors.Required)
        .Optional(Reference, nameof(Reference), Payment.ReferenceMax);
}
