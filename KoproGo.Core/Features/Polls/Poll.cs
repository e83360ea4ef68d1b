
namespace KoproGo.Core.Features.Polls;

public enum PollType { YesNo, MultipleChoice, Rating, OpenEnded }

public enum PollStatus { Draft, Active, Closed, Cancelled }

/// <summary>
/// A consultation of the co-owners between general assemblies (SPEC §7.1). Advisory only: a binding written decision
/// needs every co-owner (Civil Code Art. 3.87 §11). One vote per owner, enforced by <see cref="PollParticipation"/>'s key.
/// </summary>
public sealed class Poll
{
    public const int TitleMax = 200, DescriptionMax = 2_000, OptionMax = 200, AnswerMax = 1_000, MaxOptions = 10;

    private Poll() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public PollType Type { get; private set; }
    /// <summary>Multiple choice only: the voter may tick several options.</summary>
    public bool AllowMultiple { get; private set; }
    /// <summary>Ballots carry no owner: who voted is kept apart from what they voted.</summary>
    public bool Anonymous { get; private set; }
    public PollStatus Status { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public List<PollOption> Options { get; private set; } = [];

    public bool HasOptions => Type is PollType.YesNo or PollType.MultipleChoice;
    public bool IsOpenAt(DateTimeOffset now) => Status == PollStatus.Active && now < EndsAt;

    public static Poll Create(Guid organisationId, Guid buildingId, PollInput input, IReadOnlyList<string> optionTexts, string? userId, DateTimeOffset now)
    {
        var poll = new Poll
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = organisationId,
            BuildingId = buildingId,
            Title = input.Title!.Trim(),
            Description = Text.Clean(input.Description),
            Type = input.Type,
            AllowMultiple = input.Type == PollType.MultipleChoice && input.AllowMultiple,
            Anonymous = input.Anonymous,
            EndsAt = input.EndsAt!.Value,
            Status = PollStatus.Draft,
            CreatedBy = userId,
            CreatedAt = now,
        };
        poll.Options.AddRange(optionTexts.Select((text, i) => PollOption.Create(poll.Id, text, i + 1)));
        return poll;
    }

    public void Publish(DateTimeOffset now) => Move(PollStatus.Draft, PollStatus.Active, () => PublishedAt = now);

    public void Close(DateTimeOffset now) => Move(PollStatus.Active, PollStatus.Closed, () => ClosedAt = now);

    public void Cancel(DateTimeOffset now)
    {
        if (Status is not (PollStatus.Draft or PollStatus.Active))
            throw new InvalidOperationException($"Poll {Id} is {Status}.");
        Status = PollStatus.Cancelled;
        ClosedAt = now;
    }

    private void Move(PollStatus from, PollStatus to, Action apply)
    {
        if (Status != from)
            throw new InvalidOperationException($"Poll {Id} is {Status}, not {from}.");
        apply();
        Status = to;
    }
}

public sealed class PollOption
{
    private PollOption() { }

    public Guid Id { get; private set; }
    public Guid PollId { get; private set; }
    public string Text { get; private set; } = "";
    public int Position { get; private set; }

    public static PollOption Create(Guid pollId, string text, int position) =>
        new() { Id = Guid.CreateVersion7(), PollId = pollId, Text = text.Trim(), Position = position };
}

/// <summary>That an owner voted, and when: its key (poll, owner) makes a second vote impossible, whatever the ballot says.</summary>
public sealed class PollParticipation
{
    public Guid PollId { get; set; }
    public Guid OwnerId { get; set; }
    public DateTimeOffset VotedAt { get; set; }
}

/// <summary>
/// What was voted. In an anonymous poll the ballot has no owner and no time, and a random (not time-ordered) id, so
/// nothing in it points back to a participation row.
/// </summary>
public sealed class PollBallot
{
    private PollBallot() { }

    public Guid Id { get; private set; }
    public Guid PollId { get; private set; }
    /// <summary>Named polls only.</summary>
    public Guid? OwnerId { get; private set; }
    public List<Guid> OptionIds { get; private set; } = [];
    public int? Rating { get; private set; }
    public string? Answer { get; private set; }

    public static PollBallot Cast(Poll poll, Guid ownerId, IReadOnlyList<Guid> optionIds, int? rating, string? answer) => new()
    {
        Id = Guid.NewGuid(),
        PollId = poll.Id,
        OwnerId = poll.Anonymous ? null : ownerId,
        OptionIds = [.. optionIds],
        Rating = rating,
        Answer = Text.Clean(answer),
    };
}

public sealed class PollInput
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public PollType Type { get; set; } = PollType.YesNo;
    public bool AllowMultiple { get; set; }
    public bool Anonymous { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    /// <summary>Multiple choice: 2 to 10 texts. Yes/no polls get their two options from the building's language.</summary>
    public List<string> Options { get; set; } = [];

    public Validation Validate(DateTimeOffset now)
    {
        var texts = Options.Select(o => o?.Trim() ?? "").ToList();
        var v = new Validation()
            .Required(Title, nameof(Title), Poll.TitleMax)
            .Optional(Description, nameof(Description), Poll.DescriptionMax)
            .Rule(Enum.IsDefined(Type), nameof(Type), Errors.Required)
            .Rule(EndsAt is not null, nameof(EndsAt), Errors.Required)
            .Rule(EndsAt is null || EndsAt > now, nameof(EndsAt), "error.poll_ends_past")
            .Rule(EndsAt is null || EndsAt <= now.AddDays(90), nameof(EndsAt), "error.poll_ends_far");
        if (Type == PollType.MultipleChoice)
            v.Rule(texts.Count is >= 2 and <= Poll.MaxOptions, nameof(Options), "error.poll_option_count", 2, Poll.MaxOptions)
             .Rule(texts.All(t => t.Length is > 0 and <= Poll.OptionMax), nameof(Options), "error.poll_option_text", Poll.OptionMax)
             .Rule(texts.Distinct(StringComparer.CurrentCultureIgnoreCase).Count() == texts.Count, nameof(Options), "error.poll_option_twice");
        else
            v.Rule(texts.All(t => t.Length == 0), nameof(Options), "error.poll_no_options");
        return v;
    }
}

/// <summary>A vote: the options ticked (yes/no and multiple choice), a rating (1–5) or an answer (open question).</summary>
public sealed class VoteInput
{
    public List<Guid> OptionIds { get; set; } = [];
    public int? Rating { get; set; }
    public string? Answer { get; set; }

    public Validation Validate(Poll poll)
    {
        var v = new Validation();
        var known = poll.Options.Select(o => o.Id).ToHashSet();
        var ticked = OptionIds.Distinct().ToList();
        switch (poll.Type)
        {
            case PollType.YesNo:
            case PollType.MultipleChoice:
                v.Rule(ticked.All(known.Contains), nameof(OptionIds), "error.poll_option_unknown")
                 .Rule(ticked.Count >= 1, nameof(OptionIds), "error.vote_choose")
                 .Rule(poll.AllowMultiple || ticked.Count <= 1, nameof(OptionIds), "error.vote_one_option");
                break;
            case PollType.Rating:
                v.Rule(Rating is >= 1 and <= 5, nameof(Rating), "error.vote_rating");
                break;
            case PollType.OpenEnded:
                v.Required(Answer, nameof(Answer), Poll.AnswerMax);
                break;
        }
        return v;
    }
}
