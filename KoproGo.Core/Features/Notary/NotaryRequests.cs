namespace KoproGo.Core.Features.Notary;

/// <summary>
/// The two requests of Art. 3.94 Civil Code on the sale of a lot: §1 — the notary's request before the sale, answered
/// within 15 days; §2 — the registered request once the deed is signed or the sale agreed, answered within 30 days.
/// </summary>
public enum NotaryStage { First, Second }

public enum NotaryRequestStatus { Requested, InProgress, Generated, Delivered, Cancelled }

/// <summary>What the syndic said of one section of the pack: "none" where the app holds nothing, and/or a remark printed under it.</summary>
public sealed class SectionStatement
{
    public const int NoteMax = 1000;

    public int Section { get; set; }
    public bool None { get; set; }
    public string? Note { get; set; }
}

/// <summary>A notary's request for the information on one lot, from its receipt to the pack delivered by e-mail.</summary>
public sealed class NotaryRequest
{
    public const int NameMax = 200, ReasonMax = 500;

    private NotaryRequest() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid UnitId { get; private set; }
    public NotaryStage Stage { get; private set; }
    /// <summary>The day the request reached the syndic (for §2, the day of the registered letter): the answer's period runs from it.</summary>
    public DateOnly ReceivedOn { get; private set; }
    public string NotaryName { get; private set; } = "";
    public string NotaryEmail { get; private set; } = "";
    /// <summary>The language of the pack: the notary's, French or Dutch.</summary>
    public string Language { get; private set; } = "fr-BE";
    public string? BuyerName { get; private set; }
    public DateOnly? TransferOn { get; private set; }
    public NotaryRequestStatus Status { get; private set; }
    public List<SectionStatement> Statements { get; private set; } = [];
    /// <summary>The day the figures of the last generated pack were read: the pack holds for 90 days from it.</summary>
    public DateOnly? ReferenceDate { get; private set; }
    public Guid? PackFileId { get; private set; }
    public DateTimeOffset? GeneratedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public DateOnly DueOn => NotaryRules.DueOn(Stage, ReceivedOn);
    public bool IsOpen => Status is NotaryRequestStatus.Requested or NotaryRequestStatus.InProgress or NotaryRequestStatus.Generated;

    public static NotaryRequest Receive(Guid organisationId, Guid buildingId, NotaryRequestInput input, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = organisationId,
        BuildingId = buildingId,
        UnitId = input.UnitId!.Value,
        Stage = input.Stage,
        ReceivedOn = input.ReceivedOn!.Value,
        NotaryName = input.NotaryName!.Trim(),
        NotaryEmail = input.NotaryEmail!.Trim().ToLowerInvariant(),
        Language = input.Language == "nl-BE" ? "nl-BE" : "fr-BE",
        BuyerName = Text.Clean(input.BuyerName),
        TransferOn = input.TransferOn,
        Status = NotaryRequestStatus.Requested,
        CreatedAt = now,
    };

    /// <summary>The syndic's word on a section; the first one puts the request in progress.</summary>
    public void State(int section, bool none, string? note)
    {
        Statements.RemoveAll(s => s.Section == section);
        note = Text.Clean(note);
        if (none || note is not null)
            Statements.Add(new SectionStatement { Section = section, None = none, Note = note });
        if (Status == NotaryRequestStatus.Requested)
            Status = NotaryRequestStatus.InProgress;
    }

    public void Generated(Guid fileId, DateOnly referenceDate, DateTimeOffset now)
    {
        PackFileId = fileId;
        ReferenceDate = referenceDate;
        GeneratedAt = now;
        Status = NotaryRequestStatus.Generated;
    }

    public void Delivered(DateTimeOffset now)
    {
        DeliveredAt = now;
        Status = NotaryRequestStatus.Delivered;
    }

    public void Cancel(string reason)
    {
        CancelReason = reason.Trim();
        Status = NotaryRequestStatus.Cancelled;
    }
}

public static class NotaryRules
{
    /// <summary>The information stays good for this many days after its reference date (SPEC §6.1).</summary>
    public const int ValidDays = 90;

    /// <summary>15 days for the §1 request, 30 for the registered §2 request, counted from its receipt.</summary>
    public static DateOnly DueOn(NotaryStage stage, DateOnly receivedOn) => receivedOn.AddDays(stage == NotaryStage.First ? 15 : 30);

    public static DateOnly? ExpiresOn(DateOnly? referenceDate) => referenceDate?.AddDays(ValidDays);
}

public sealed class NotaryRequestInput
{
    public Guid? UnitId { get; set; }
    public NotaryStage Stage { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public string? NotaryName { get; set; }
    public string? NotaryEmail { get; set; }
    public string? Language { get; set; } = "fr-BE";
    public string? BuyerName { get; set; }
    public DateOnly? TransferOn { get; set; }

    public Validation Validate(DateOnly today) => new Validation()
        .Rule(UnitId is not null && UnitId != Guid.Empty, nameof(UnitId), Errors.Required)
        .Rule(Enum.IsDefined(Stage), nameof(Stage), Errors.Required)
        .Date(ReceivedOn, nameof(ReceivedOn))
        .Rule(ReceivedOn is not { } r || r <= today, nameof(ReceivedOn), "error.date_future")
        .Required(NotaryName, nameof(NotaryName), NotaryRequest.NameMax)
        .Email(NotaryEmail, nameof(NotaryEmail), required: true)
        .Rule(Language is "fr-BE" or "nl-BE", nameof(Language), Errors.Required)
        .Optional(BuyerName, nameof(BuyerName), NotaryRequest.NameMax)
        .Date(TransferOn, nameof(TransferOn), required: false);
}

public sealed class SectionStatementInput
{
    public int Section { get; set; }
    public bool None { get; set; }
    public string? Note { get; set; }

    public Validation Validate() => new Validation()
        .Rule(NotaryPack.Exists(Section), nameof(Section), Errors.Required)
        .Optional(Note, nameof(Note), SectionStatement.NoteMax);
}

public enum LegalCaseKind
{
    /// <summary>A dispute not (yet) before a court: a claim by or against the association, a conflict with a supplier or a neighbour.</summary>
    Dispute,
    /// <summary>A case before a court or an arbitrator.</summary>
    Proceeding,
}

/// <summary>The building's register of disputes and proceedings (sections 7, 8 and the §2 litigation debts of the notary's pack).</summary>
public sealed class LegalCase
{
    public const int SubjectMax = 300, PartyMax = 200, CourtMax = 200;

    private LegalCase() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public LegalCaseKind Kind { get; private set; }
    public string Subject { get; private set; } = "";
    public string Counterparty { get; private set; } = "";
    public string? Court { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    /// <summary>What the association may have to pay (a claim against it, costs); none when it is the claimant or not known.</summary>
    public decimal? AmountAtStake { get; private set; }

    public bool IsOpenOn(DateOnly day) => OpenedOn <= day && (ClosedOn is null || ClosedOn > day);

    public static LegalCase Open(Guid organisationId, Guid buildingId, LegalCaseInput input)
    {
        var c = new LegalCase { Id = Guid.CreateVersion7(), OrganisationId = organisationId, BuildingId = buildingId };
        c.Update(input);
        return c;
    }

    public void Update(LegalCaseInput input)
    {
        Kind = input.Kind;
        Subject = input.Subject!.Trim();
        Counterparty = input.Counterparty!.Trim();
        Court = Text.Clean(input.Court);
        OpenedOn = input.OpenedOn!.Value;
        ClosedOn = input.ClosedOn;
        AmountAtStake = input.AmountAtStake;
    }
}

public sealed class LegalCaseInput
{
    public LegalCaseKind Kind { get; set; }
    public string? Subject { get; set; }
    public string? Counterparty { get; set; }
    public string? Court { get; set; }
    public DateOnly? OpenedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public decimal? AmountAtStake { get; set; }

    public Validation Validate(DateOnly today) => new Validation()
        .Rule(Enum.IsDefined(Kind), nameof(Kind), Errors.Required)
        .Required(Subject, nameof(Subject), LegalCase.SubjectMax)
        .Required(Counterparty, nameof(Counterparty), LegalCase.PartyMax)
        .Optional(Court, nameof(Court), LegalCase.CourtMax)
        .Date(OpenedOn, nameof(OpenedOn))
        .Rule(OpenedOn is not { } o || o <= today, nameof(OpenedOn), "error.date_future")
        .Date(ClosedOn, nameof(ClosedOn), required: false)
        .Rule(ClosedOn is not { } c || OpenedOn is not { } s || c >= s, nameof(ClosedOn), "error.legal_case_closed_before")
        .Amount(AmountAtStake, nameof(AmountAtStake))
        .Rule(AmountAtStake is not { } a || a >= 0, nameof(AmountAtStake), "error.amount_negative")
        .Rule(AmountAtStake is not { } m || Money.HasAtMostCents(m), nameof(AmountAtStake), "error.amount_cents");
}
