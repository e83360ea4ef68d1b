namespace KoproGo.Core.Features.Tickets;

/// <summary>SPEC §6.3: Draft → Submitted → Approved / Rejected (with the reason) → corrected as a draft → Submitted.</summary>
public enum WorkReportStatus { Draft, Submitted, Approved, Rejected }

/// <summary>
/// What the contractor did on a ticket: the work, when and how long, the materials used and what they cost. One per
/// ticket (a unique index): a rejected report is corrected, not replaced, so the syndic reads one account of the job.
/// </summary>
public sealed class WorkReport
{
    public const int WorkDoneMax = 4000, ReasonMax = 500, MaxMaterials = 50, MaxSpanDays = 31;
    public const decimal MaxHours = 1000m, MaxQuantity = 1_000_000m;

    private WorkReport() { }

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    /// <summary>The contractor's account; none: filed through a work-report link by a contractor without one.</summary>
    public string? ContractorUserId { get; private set; }
    public WorkReportStatus Status { get; private set; }
    public string WorkDone { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset EndedAt { get; private set; }
    public decimal Hours { get; private set; }
    public List<MaterialLine> Materials { get; private set; } = [];
    /// <summary>Σ of the lines, each rounded to the cent.</summary>
    public decimal MaterialsTotal { get; private set; }
    public string? RejectReason { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedByUserId { get; private set; }

    public static WorkReport Start(Ticket ticket, string? contractorUserId) => new()
    {
        Id = Guid.CreateVersion7(),
        TicketId = ticket.Id,
        OrganisationId = ticket.OrganisationId,
        BuildingId = ticket.BuildingId,
        ContractorUserId = contractorUserId,
        Status = WorkReportStatus.Draft,
    };

    public bool IsEditable => Status is WorkReportStatus.Draft or WorkReportStatus.Rejected;

    public void Write(WorkReportInput input)
    {
        WorkDone = input.WorkDone!.Trim();
        StartedAt = input.StartedAt!.Value;
        EndedAt = input.EndedAt!.Value;
        Hours = input.Hours!.Value;
        Materials = input.Materials.Select(m => new MaterialLine { Name = m.Name!.Trim(), Quantity = m.Quantity, UnitPrice = m.UnitPrice }).ToList();
        MaterialsTotal = Materials.Sum(m => m.Total);
        // a rejected report being corrected is a draft again until it is submitted
        Status = WorkReportStatus.Draft;
    }

    /// <summary>Sent through a work-report link: the contractor has no account, whoever wrote an earlier draft.</summary>
    public void FiledThroughLink() => ContractorUserId = null;

    /// <summary>The report as a form holds it, to be corrected.</summary>
    public WorkReportInput ToInput() => WorkReportInput.Of(WorkDone, StartedAt, EndedAt, Hours, Materials.Select(m => (m.Name, m.Quantity, m.UnitPrice)));

    public void Submit(DateTimeOffset now)
    {
        Status = WorkReportStatus.Submitted;
        SubmittedAt = now;
    }

    public void Decide(bool approved, string? reason, string userId, DateTimeOffset now)
    {
        Status = approved ? WorkReportStatus.Approved : WorkReportStatus.Rejected;
        RejectReason = approved ? null : reason!.Trim();
        DecidedAt = now;
        DecidedByUserId = userId;
    }
}

/// <summary>A material used: name, quantity and unit price (EUR, excl. VAT); its total is rounded to the cent.</summary>
public sealed class MaterialLine
{
    public const int NameMax = 200;

    public string Name { get; set; } = "";
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Total => Money.Cents(Quantity * UnitPrice);
}

public sealed class MaterialInput
{
    public string? Name { get; set; }
    public decimal Quantity { get; set; } = 1m;
    public decimal UnitPrice { get; set; }
}

public sealed class WorkReportInput
{
    public string? WorkDone { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public decimal? Hours { get; set; }
    public List<MaterialInput> Materials { get; set; } = [];

    public static WorkReportInput Of(string workDone, DateTimeOffset startedAt, DateTimeOffset endedAt, decimal hours, IEnumerable<(string Name, decimal Quantity, decimal UnitPrice)> materials) => new()
    {
        WorkDone = workDone,
        StartedAt = startedAt,
        EndedAt = endedAt,
        Hours = hours,
        Materials = materials.Select(m => new MaterialInput { Name = m.Name, Quantity = m.Quantity, UnitPrice = m.UnitPrice }).ToList(),
    };

    public Validation Validate()
    {
        var v = new Validation()
            .Required(WorkDone, nameof(WorkDone), WorkReport.WorkDoneMax)
            .Rule(StartedAt is not null, nameof(StartedAt), Errors.Required)
            .Rule(EndedAt is not null, nameof(EndedAt), Errors.Required)
            .Instant(StartedAt, nameof(StartedAt))
            .Instant(EndedAt, nameof(EndedAt))
            .Rule(Hours is > 0 and <= WorkReport.MaxHours && decimal.Round(Hours.Value, 2) == Hours, nameof(Hours), "error.report_hours", WorkReport.MaxHours)
            .Rule(Materials.Count <= WorkReport.MaxMaterials, nameof(Materials), "error.report_materials", WorkReport.MaxMaterials);
        if (v.IsValid)
            v.Rule(EndedAt > StartedAt && EndedAt!.Value - StartedAt!.Value <= TimeSpan.FromDays(WorkReport.MaxSpanDays), nameof(EndedAt), "error.report_span", WorkReport.MaxSpanDays)
             .Rule((decimal)(EndedAt!.Value - StartedAt!.Value).TotalHours >= Hours, nameof(Hours), "error.report_hours_span");
        for (var i = 0; i < Materials.Count && i < WorkReport.MaxMaterials; i++)
        {
            var m = Materials[i];
            v.Required(m.Name, $"Materials[{i}].Name", MaterialLine.NameMax)
             .Rule(m.Quantity is > 0 and <= WorkReport.MaxQuantity && decimal.Round(m.Quantity, 3) == m.Quantity, $"Materials[{i}].Quantity", "error.report_quantity")
             .Amount(m.UnitPrice, $"Materials[{i}].UnitPrice")
             .Rule(m.UnitPrice >= 0 && Money.HasAtMostCents(m.UnitPrice), $"Materials[{i}].UnitPrice", "error.report_price");
        }
        // the total itself must stay an amount a person could pay
        if (v.IsValid)
            v.Rule(Money.InRange(Materials.Sum(m => Money.Cents(m.Quantity * m.UnitPrice))), nameof(Materials), "error.amount_too_large");
        return v;
    }
}
