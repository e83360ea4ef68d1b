
namespace KoproGo.Core.Features.Accounting;

public enum InvoiceStatus { Draft, PendingApproval, Approved, Rejected, Paid }

/// <summary>
/// A named distribution key over some of the building's units with their weights (the lift: floors ≥ 1; the garden:
/// ground-floor flats). Without a key, a charge is spread over all units by their shares.
/// </summary>
public sealed class DistributionKey
{
    public const int NameMax = 100;

    private DistributionKey() { }

    public Guid Id { get; private set; }
    public Guid BuildingId { get; private set; }
    public string Name { get; private set; } = "";
    public List<DistributionKeyUnit> Units { get; private set; } = [];

    public static DistributionKey Create(Guid buildingId, string name, IEnumerable<(Guid UnitId, decimal Weight)> weights)
    {
        var key = new DistributionKey { Id = Guid.CreateVersion7(), BuildingId = buildingId, Name = name.Trim() };
        key.Units.AddRange(weights.Select(w => new DistributionKeyUnit { KeyId = key.Id, UnitId = w.UnitId, Weight = w.Weight }));
        return key;
    }
}

public sealed class DistributionKeyUnit
{
    public Guid KeyId { get; set; }
    public Guid UnitId { get; set; }
    public decimal Weight { get; set; }
}

public sealed class DistributionKeyInput
{
    public string? Name { get; set; }
    public Dictionary<Guid, decimal> Weights { get; set; } = [];

    public Validation Validate() => new Validation()
        .Required(Name, nameof(Name), DistributionKey.NameMax)
        .Rule(Weights.Values.All(w => w >= 0), nameof(Weights), "error.key_weight_negative")
        .Rule(Weights.Values.Any(w => w > 0), nameof(Weights), "error.key_zero_weight");
}

/// <summary>
/// An expense invoice of a supplier. Amounts are computed per line (VAT rounded to the cent per line) and must match
/// the total printed on the invoice. Draft → PendingApproval → Approved (posts the ACH entry and spreads the charge
/// over the owners) or Rejected (with a reason) → Paid (posts the FIN entry).
/// </summary>
public sealed class SupplierInvoice
{
    public const int NumberMax = 50, ReasonMax = 500;

    private SupplierInvoice() { }

    /// <summary>PostgreSQL xmin: an edit and an approval never both win.</summary>
    public uint Version { get; private set; }
    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid SupplierId { get; private set; }
    public string Number { get; private set; } = "";
    public DateOnly InvoiceDate { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public InvoiceStatus Status { get; private set; }
    public Guid? DistributionKeyId { get; private set; }
    public Guid? FileId { get; private set; }
    /// <summary>The contractor's work report the invoice pays for: an invoice on a works account is approved only with an approved one (SPEC §3.3, §6.3).</summary>
    public Guid? WorkReportId { get; private set; }
    public string? RejectionReason { get; private set; }
    public Guid? PurchaseEntryId { get; private set; }
    public Guid? PaymentEntryId { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public List<InvoiceLine> Lines { get; private set; } = [];

    public decimal TotalExclVat => Lines.Sum(l => l.AmountExclVat);
    public decimal TotalVat => Lines.Sum(l => l.VatAmount);
    public decimal TotalInclVat => Lines.Sum(l => l.AmountInclVat);

    public static SupplierInvoice Create(Guid organisationId, Guid buildingId, InvoiceInput input, DateTimeOffset now)
    {
        var invoice = new SupplierInvoice { Id = Guid.CreateVersion7(), OrganisationId = organisationId, BuildingId = buildingId, Status = InvoiceStatus.Draft, CreatedAt = now };
        invoice.Update(input);
        return invoice;
    }

    public void Update(InvoiceInput input)
    {
        RequireStatus(InvoiceStatus.Draft);
        SupplierId = input.SupplierId!.Value;
        Number = input.Number!.Trim();
        InvoiceDate = input.InvoiceDate!.Value;
        DueDate = input.DueDate;
        DistributionKeyId = input.DistributionKeyId;
        FileId = input.FileId ?? FileId;
        WorkReportId = input.WorkReportId;
        Lines.Clear();
        Lines.AddRange(input.Lines.Select(l => InvoiceLine.Create(Id, l)));
    }

    public void Submit() => Move(InvoiceStatus.Draft, InvoiceStatus.PendingApproval);

    public void Approve(Guid purchaseEntryId)
    {
        Move(InvoiceStatus.PendingApproval, InvoiceStatus.Approved);
        PurchaseEntryId = purchaseEntryId;
    }

    public void Reject(string reason)
    {
        Move(InvoiceStatus.PendingApproval, InvoiceStatus.Rejected);
        RejectionReason = reason.Trim();
    }

    /// <summary>A rejected invoice goes back to draft to be corrected (the reason stays until it is submitted again).</summary>
    public void Reopen() => Move(InvoiceStatus.Rejected, InvoiceStatus.Draft);

    public void MarkPaid(Guid paymentEntryId, DateOnly paidOn)
    {
        Move(InvoiceStatus.Approved, InvoiceStatus.Paid);
        PaymentEntryId = paymentEntryId;
        PaidOn = paidOn;
    }

    private void Move(InvoiceStatus from, InvoiceStatus to)
    {
        RequireStatus(from);
        Status = to;
    }

    private void RequireStatus(InvoiceStatus expected)
    {
        if (Status != expected)
            throw new BusinessRuleException(Error.Of("error.invoice_status", Status.ToString()));
    }
}

public sealed class InvoiceLine
{
    public const int DescriptionMax = 200;

    private InvoiceLine() { }

    public long Id { get; private set; }
    public Guid InvoiceId { get; private set; }
    public string Description { get; private set; } = "";
    public Guid AccountId { get; private set; }
    public decimal AmountExclVat { get; private set; }
    public decimal VatRate { get; private set; }
    public decimal VatAmount { get; private set; }
    public decimal AmountInclVat { get; private set; }

    internal static InvoiceLine Create(Guid invoiceId, InvoiceLineInput input)
    {
        var vat = Vat.Amount(input.AmountExclVat, input.VatRate);
        return new InvoiceLine
        {
            InvoiceId = invoiceId,
            Description = input.Description!.Trim(),
            AccountId = input.AccountId!.Value,
            AmountExclVat = input.AmountExclVat,
            VatRate = input.VatRate,
            VatAmount = vat,
            AmountInclVat = input.AmountExclVat + vat,
        };
    }
}

/// <summary>An owner's part of an approved invoice, per lot: the parts add up exactly to the invoice total.</summary>
public sealed class ChargeAllocation
{
    private ChargeAllocation() { }

    public long Id { get; private set; }
    public Guid InvoiceId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid OwnerId { get; private set; }
    public decimal Amount { get; private set; }
    /// <summary>A share of works and major repairs (extraordinary), not of ordinary charges: the annual settlement keeps them apart.</summary>
    public bool Works { get; private set; }

    public static ChargeAllocation Create(Guid invoiceId, Guid unitId, Guid ownerId, decimal amount, bool works = false) =>
        new() { InvoiceId = invoiceId, UnitId = unitId, OwnerId = ownerId, Amount = amount, Works = works };
}

public sealed class InvoiceLineInput
{
    public string? Description { get; set; }
    public Guid? AccountId { get; set; }
    public decimal AmountExclVat { get; set; }
    public decimal VatRate { get; set; } = 21m;

    // shown while typing: an amount out of range has no VAT yet (the validation says why) rather than an overflow
    public decimal VatAmount => Money.InRange(AmountExclVat) && Vat.IsAllowed(VatRate) ? Vat.Amount(AmountExclVat, VatRate) : 0m;
    public decimal AmountInclVat => AmountExclVat + VatAmount;
}

public sealed class InvoiceInput
{
    public Guid? SupplierId { get; set; }
    public string? Number { get; set; }
    public DateOnly? InvoiceDate { get; set; }
    public DateOnly? DueDate { get; set; }
    public Guid? DistributionKeyId { get; set; }
    public Guid? FileId { get; set; }
    /// <summary>The work report of the job invoiced (needed to approve an invoice on a works account).</summary>
    public Guid? WorkReportId { get; set; }
    /// <summary>The total including VAT printed on the invoice: the lines must add up to it.</summary>
    public decimal DeclaredTotal { get; set; }
    public List<InvoiceLineInput> Lines { get; set; } = [new()];

    public Validation Validate()
    {
        var v = new Validation()
            .Rule(SupplierId is not null, nameof(SupplierId), Errors.Required)
            .Required(Number, nameof(Number), SupplierInvoice.NumberMax)
            .Date(InvoiceDate, nameof(InvoiceDate))
            .Date(DueDate, nameof(DueDate), required: false)
            .Rule(DueDate is null || InvoiceDate is null || DueDate >= InvoiceDate, nameof(DueDate), "error.due_before_invoice")
            .Rule(Lines.Count > 0, nameof(Lines), "error.invoice_no_line")
            .Amount(DeclaredTotal, nameof(DeclaredTotal));
        for (var i = 0; i < Lines.Count; i++)
        {
            var l = Lines[i];
            v.Required(l.Description, $"Lines[{i}].Description", InvoiceLine.DescriptionMax)
             .Rule(l.AccountId is not null, $"Lines[{i}].AccountId", "error.line_account", i + 1)
             .Amount(l.AmountExclVat, $"Lines[{i}].AmountExclVat")
             .Rule(l.AmountExclVat > 0 && Money.HasAtMostCents(l.AmountExclVat), $"Lines[{i}].AmountExclVat", "error.invoice_line_amount", i + 1)
             .Rule(Vat.IsAllowed(l.VatRate), $"Lines[{i}].VatRate", "error.vat_rate", i + 1);
        }
        if (v.IsValid)
        {
            var total = Lines.Sum(l => l.AmountInclVat);
            v.Rule(total == DeclaredTotal, nameof(DeclaredTotal), "error.invoice_total_mismatch", DeclaredTotal, total);
        }
        return v;
    }
}
