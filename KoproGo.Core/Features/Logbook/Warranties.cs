namespace KoproGo.Core.Features.Logbook;

/// <summary>
/// How long the contractor answers for the works from their acceptance (réception / oplevering): two years for the
/// finishes and equipment the syndic may claim under the contract, ten years for the structure — the architects' and
/// contractors' ten-year liability (old Civil Code Art. 1792 and 2270, Act of 31 May 2019 on compulsory insurance).
/// </summary>
public enum WarrantyKind { TwoYears, TenYears }

/// <summary>A warranty of works done in the building, in its logbook, with a notice to the syndic before it ends.</summary>
public sealed class Warranty
{
    public const int SubjectMax = 200, ContractorMax = 120;
    /// <summary>The syndic is told this many days before the warranty ends: time to have the works inspected and claim.</summary>
    public const int NoticeDays = 90;

    private Warranty() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    /// <summary>The ticket whose works it covers, if they came through one.</summary>
    public Guid? TicketId { get; private set; }
    public string Subject { get; private set; } = "";
    public string Contractor { get; private set; } = "";
    public DateOnly AcceptedOn { get; private set; }
    public WarrantyKind Kind { get; private set; }
    /// <summary>The last day it covers: stored, so the daily job finds the ones ending soon by an index.</summary>
    public DateOnly EndsOn { get; private set; }
    /// <summary>When the notice of its end went out (once: the job claims it with a conditional UPDATE).</summary>
    public DateTimeOffset? NoticeSentAt { get; private set; }
    /// <summary>None: recorded by the system (the demo, an import).</summary>
    public string? CreatedByUserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static DateOnly End(DateOnly acceptedOn, WarrantyKind kind) => acceptedOn.AddYears(kind == WarrantyKind.TenYears ? 10 : 2).AddDays(-1);

    public static Warranty Record(Guid organisationId, Guid buildingId, WarrantyInput input, string? userId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = organisationId,
        BuildingId = buildingId,
        TicketId = input.TicketId,
        Subject = input.Subject!.Trim(),
        Contractor = input.Contractor!.Trim(),
        AcceptedOn = input.AcceptedOn!.Value,
        Kind = input.Kind,
        EndsOn = End(input.AcceptedOn!.Value, input.Kind),
        CreatedByUserId = userId,
        CreatedAt = now,
    };
}

public sealed class WarrantyInput
{
    public string? Subject { get; set; }
    public string? Contractor { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    public WarrantyKind Kind { get; set; } = WarrantyKind.TenYears;
    public Guid? TicketId { get; set; }

    public Validation Validate(DateOnly today) => new Validation()
        .Required(Subject, nameof(Subject), Warranty.SubjectMax)
        .Required(Contractor, nameof(Contractor), Warranty.ContractorMax)
        .Date(AcceptedOn, nameof(AcceptedOn))
        // works are accepted once done: not in the future
        .Rule(AcceptedOn is not { } d || d <= today, nameof(AcceptedOn), "error.warranty_accepted_future")
        .Rule(Enum.IsDefined(Kind), nameof(Kind), Errors.Required);
}
