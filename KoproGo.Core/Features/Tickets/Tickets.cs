namespace KoproGo.Core.Features.Tickets;

public enum TicketCategory { Plumbing, Leak, Electricity, Heating, Lift, Roof, DoorsAndLocks, Cleaning, Garden, Security, Other }

/// <summary>How urgent the reporter says it is; the syndic sets the priority.</summary>
public enum TicketUrgency { Low, Normal, High, Emergency }

public enum TicketPriority { Low, Normal, High, Urgent }

/// <summary>SPEC §6.4: Open → Assigned → InProgress → Resolved → Closed; Reopened from Resolved or Closed; Cancelled with a reason.</summary>
public enum TicketStatus { Open, Assigned, InProgress, Resolved, Closed, Reopened, Cancelled }

/// <summary>A problem reported in the building by an owner, a tenant or the staff, followed until it is fixed.</summary>
public sealed class Ticket
{
    public const int TitleMax = 120, DescriptionMax = 4000, ReasonMax = 500, MaxPhotos = 5;

    private Ticket() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    /// <summary>The lot concerned; none: the common parts.</summary>
    public Guid? UnitId { get; private set; }
    public string ReporterUserId { get; private set; } = "";
    public TicketCategory Category { get; private set; }
    public TicketUrgency Urgency { get; private set; }
    public TicketPriority Priority { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<Guid> PhotoFileIds { get; private set; } = [];
    public TicketStatus Status { get; private set; }
    public DateOnly? DueOn { get; private set; }
    public bool Emergency { get; private set; }
    public bool UnderWarranty { get; private set; }
    /// <summary>Declared to the building's insurer: the notary's information lists the claims of the last three years (§6.1 item 9).</summary>
    public bool InsuranceClaim { get; private set; }
    /// <summary>The contractor's account the syndic gave the job to (a user with the Contractor role in the organisation).</summary>
    public string? ContractorUserId { get; private set; }
    /// <summary>A contractor without an account, given the job through a work-report link (<see cref="WorkReportLink"/>).</summary>
    public string? ExternalContractorName { get; private set; }
    public string? CancelReason { get; private set; }
    public int? Rating { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public static Ticket Report(Guid organisationId, Guid buildingId, string reporterUserId, TicketInput input, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = organisationId,
        BuildingId = buildingId,
        UnitId = input.UnitId,
        ReporterUserId = reporterUserId,
        Category = input.Category,
        Urgency = input.Urgency,
        // an emergency reported is treated as one until the syndic says otherwise
        Priority = input.Urgency switch { TicketUrgency.Emergency => TicketPriority.Urgent, TicketUrgency.High => TicketPriority.High, TicketUrgency.Low => TicketPriority.Low, _ => TicketPriority.Normal },
        Emergency = input.Urgency == TicketUrgency.Emergency,
        Title = input.Title!.Trim(),
        Description = input.Description!.Trim(),
        PhotoFileIds = [.. input.PhotoFileIds.Distinct()],
        Status = TicketStatus.Open,
        CreatedAt = now,
    };

    public bool IsFinished => Status is TicketStatus.Closed or TicketStatus.Cancelled;

    public void Triage(TriageInput input)
    {
        Priority = input.Priority;
        DueOn = input.DueOn;
        Emergency = input.Emergency;
        UnderWarranty = input.UnderWarranty;
        InsuranceClaim = input.InsuranceClaim;
    }

    public void Assign(string contractorUserId)
    {
        ContractorUserId = contractorUserId;
        ExternalContractorName = null;
        if (Status is TicketStatus.Open or TicketStatus.Reopened)
            Status = TicketStatus.Assigned;
    }

    /// <summary>Given to a contractor without an account, who files the report through a link.</summary>
    public void AssignExternal(string name)
    {
        ContractorUserId = null;
        ExternalContractorName = name;
        if (Status is TicketStatus.Open or TicketStatus.Reopened)
            Status = TicketStatus.Assigned;
    }

    public void Start() => Status = TicketStatus.InProgress;

    public void Resolve(DateTimeOffset now)
    {
        Status = TicketStatus.Resolved;
        ResolvedAt = now;
    }

    public void Close(DateTimeOffset now)
    {
        Status = TicketStatus.Closed;
        ClosedAt = now;
    }

    public void Reopen()
    {
        Status = TicketStatus.Reopened;
        ResolvedAt = null;
        ClosedAt = null;
        Rating = null;
    }

    public void Cancel(string reason)
    {
        Status = TicketStatus.Cancelled;
        CancelReason = reason.Trim();
    }

    public void Rate(int rating) => Rating = rating;
}

/// <summary>A message on a ticket between the reporter, the syndic's office and the contractor; a step of the ticket writes one too.</summary>
public sealed class TicketComment
{
    public const int TextMax = 2000;

    private TicketComment() { }

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public string AuthorUserId { get; private set; } = "";
    public string Text { get; private set; } = "";
    /// <summary>The step it records (Assigned, Resolved…), none for a plain message.</summary>
    public TicketStatus? Step { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static TicketComment Write(Guid ticketId, string authorUserId, string text, TicketStatus? step, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), TicketId = ticketId, AuthorUserId = authorUserId, Text = text.Trim(), Step = step, CreatedAt = now };
}

public sealed class TicketInput
{
    public TicketCategory Category { get; set; } = TicketCategory.Other;
    public TicketUrgency Urgency { get; set; } = TicketUrgency.Normal;
    public Guid? UnitId { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public List<Guid> PhotoFileIds { get; set; } = [];

    public Validation Validate() => new Validation()
        .Rule(Enum.IsDefined(Category), nameof(Category), Errors.Required)
        .Rule(Enum.IsDefined(Urgency), nameof(Urgency), Errors.Required)
        .Required(Title, nameof(Title), Ticket.TitleMax)
        .Required(Description, nameof(Description), Ticket.DescriptionMax)
        .Rule(PhotoFileIds.Count <= Ticket.MaxPhotos, nameof(PhotoFileIds), "error.too_many_photos", Ticket.MaxPhotos);
}

public sealed class TriageInput
{
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;
    public DateOnly? DueOn { get; set; }
    public bool Emergency { get; set; }
    public bool UnderWarranty { get; set; }
    public bool InsuranceClaim { get; set; }

    public Validation Validate(DateOnly today) => new Validation()
        .Rule(Enum.IsDefined(Priority), nameof(Priority), Errors.Required)
        .Date(DueOn, nameof(DueOn), required: false)
        .Rule(DueOn is not { } d || d >= today, nameof(DueOn), "error.ticket_due_past");
}
