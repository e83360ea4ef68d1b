namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// A decision taken in writing instead of at a meeting (Civil Code Art. 3.87 §11): it binds only if every co-owner
/// agrees — online, or on paper recorded by the syndic — and never for an act the notary must record in a deed. The
/// co-owners asked are the building's voices on the day it opens; one refusal ends it, so does its last day.
/// </summary>
public sealed class WrittenProcedure
{
    public const int TitleMax = AgendaItem.TitleMax, TextMax = AgendaItem.DescriptionMax;
    public const int MaxDays = 365;

    private WrittenProcedure() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    /// <summary>The last day (Brussels) an answer is taken.</summary>
    public DateOnly LastDay { get; private set; }
    /// <summary>Adopted (every voice agreed) or Rejected (a voice refused); Open until then, Lapsed once the last day passed.</summary>
    public WrittenStatus Status { get; private set; } = WrittenStatus.Open;
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The status on a day: an open procedure whose last day has passed has lapsed, whoever looks.</summary>
    public WrittenStatus StatusOn(DateOnly today) => Status == WrittenStatus.Open && today > LastDay ? WrittenStatus.Lapsed : Status;

    public static WrittenProcedure Open(Guid organisationId, Guid buildingId, WrittenProcedureInput input, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = organisationId,
        BuildingId = buildingId,
        Title = input.Title!.Trim(),
        Text = input.Text!.Trim(),
        OpenedAt = now,
        LastDay = input.LastDay!.Value,
    };

    public void Decide(bool adopted, DateTimeOffset now)
    {
        Status = adopted ? WrittenStatus.Adopted : WrittenStatus.Rejected;
        DecidedAt = now;
    }
}

public enum WrittenStatus { Open, Adopted, Rejected, Lapsed }

/// <summary>One co-owner's answer (none yet: <see cref="Agrees"/> null); the roll is fixed as the procedure opens.</summary>
public sealed class WrittenAnswer
{
    private WrittenAnswer() { }

    public Guid ProcedureId { get; private set; }
    public Guid OwnerId { get; private set; }
    public string Name { get; private set; } = "";
    public int Shares { get; private set; }
    public bool? Agrees { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    /// <summary>Answered on paper, recorded by the syndic (else online by the owner).</summary>
    public bool OnPaper { get; private set; }
    public string? RecordedByUserId { get; private set; }

    public static WrittenAnswer Ask(Guid procedureId, Voice voice) => new()
    {
        ProcedureId = procedureId,
        OwnerId = voice.OwnerId,
        Name = voice.Name.Length > 200 ? voice.Name[..200] : voice.Name,
        Shares = voice.Shares,
    };

    public void Answer(bool agrees, bool onPaper, string userId, DateTimeOffset now)
    {
        Agrees = agrees;
        OnPaper = onPaper;
        RecordedByUserId = userId;
        AnsweredAt = now;
    }
}

public sealed class WrittenProcedureInput
{
    public string? Title { get; set; }
    public string? Text { get; set; }
    public DateOnly? LastDay { get; set; }
    /// <summary>The syndic confirms the decision needs no notarial deed (Art. 3.87 §11 excludes those).</summary>
    public bool NoNotarialDeed { get; set; }

    public Validation Validate(DateOnly today) => new Validation()
        .Required(Title, nameof(Title), WrittenProcedure.TitleMax)
        .Required(Text, nameof(Text), WrittenProcedure.TextMax)
        .Date(LastDay, nameof(LastDay))
        .Rule(LastDay is not { } d || d > today && d <= today.AddDays(WrittenProcedure.MaxDays), nameof(LastDay), "error.written_last_day", WrittenProcedure.MaxDays)
        .Rule(NoNotarialDeed, nameof(NoNotarialDeed), "error.written_deed");
}

public sealed class WrittenAnswerInput
{
    public Guid? OwnerId { get; set; }
    public bool? Agrees { get; set; }

    public Validation Validate() => new Validation()
        .Rule(OwnerId is not null, nameof(OwnerId), Errors.Required)
        .Rule(Agrees is not null, nameof(Agrees), Errors.Required);
}

public sealed record WrittenRow(Guid Id, string Title, DateTimeOffset OpenedAt, DateOnly LastDay, WrittenStatus Status, int Answered, int Asked);

public sealed record WrittenAnswerView(Guid OwnerId, string Name, int Shares, bool? Agrees, DateTimeOffset? AnsweredAt, bool OnPaper);

/// <summary>A procedure with every co-owner's answer; <see cref="MyOwnerIds"/>: the voices the actor answers for online.</summary>
public sealed record WrittenDetail(Guid Id, Guid BuildingId, string BuildingName, string Title, string Text, DateTimeOffset OpenedAt, DateOnly LastDay,
    WrittenStatus Status, DateTimeOffset? DecidedAt, IReadOnlyList<WrittenAnswerView> Answers, IReadOnlyList<Guid> MyOwnerIds, bool CanManage);
