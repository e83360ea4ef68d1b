namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// What a building's statutes and house rules (ROI) say about its general assemblies: the fortnight in which the ordinary
/// assembly is held each year (Art. 3.87 §2; its first day is what owners' proposals count to) and a longer convocation
/// period if the statutes set one (Art. 3.87 §3: at least 15 days).
/// </summary>
public sealed class AssemblySettings
{
    private AssemblySettings() { }

    public Guid BuildingId { get; private set; }
    public Guid OrganisationId { get; private set; }
    /// <summary>Month and day of the first day of the ordinary assembly's fortnight; both null while the ROI is not entered.</summary>
    public int? PeriodMonth { get; private set; }
    public int? PeriodDay { get; private set; }
    public int ConvocationDays { get; private set; } = AssemblyRules.ConvocationDays;
    public DateTimeOffset UpdatedAt { get; private set; }

    public AssemblyPeriod? Period => PeriodMonth is { } m && PeriodDay is { } d ? new AssemblyPeriod(m, d) : null;

    /// <summary>A building whose assembly rules were never entered: the law's defaults, no fortnight.</summary>
    public static AssemblySettings Default(Guid organisationId, Guid buildingId) => new() { OrganisationId = organisationId, BuildingId = buildingId };

    public void Set(AssemblySettingsInput input, DateTimeOffset now)
    {
        (PeriodMonth, PeriodDay) = input.PeriodMonth is { } m && input.PeriodDay is { } d ? (m, d) : ((int?)null, (int?)null);
        ConvocationDays = input.ConvocationDays;
        UpdatedAt = now;
    }
}

/// <summary>The first day of the ordinary assembly's fortnight, each year.</summary>
public readonly record struct AssemblyPeriod(int Month, int Day)
{
    /// <summary>The period's first day in a year (the 29th of February is the 28th in other years).</summary>
    public DateOnly In(int year) => new(year, Month, Math.Min(Day, DateTime.DaysInMonth(year, Month)));

    /// <summary>The first period starting on or after a day.</summary>
    public DateOnly NextFrom(DateOnly day) => In(day.Year) >= day ? In(day.Year) : In(day.Year + 1);
}

public sealed class AssemblySettingsInput
{
    public const int MaxConvocationDays = 90;

    public int? PeriodMonth { get; set; }
    public int? PeriodDay { get; set; }
    public int ConvocationDays { get; set; } = AssemblyRules.ConvocationDays;

    public Validation Validate() => new Validation()
        .Rule(PeriodMonth is null == PeriodDay is null, nameof(PeriodDay), Errors.Required)
        .Rule(PeriodMonth is null or >= 1 and <= 12, nameof(PeriodMonth), "error.period_month")
        // 2024 is a leap year: the 29th of February is a day the ROI may name
        .Rule(PeriodDay is null || PeriodMonth is not (>= 1 and <= 12) || PeriodDay >= 1 && PeriodDay <= DateTime.DaysInMonth(2024, PeriodMonth.Value),
            nameof(PeriodDay), "error.period_day")
        .Rule(ConvocationDays is >= AssemblyRules.ConvocationDays and <= MaxConvocationDays, nameof(ConvocationDays), "error.convocation_days",
            AssemblyRules.ConvocationDays, MaxConvocationDays);
}

/// <summary>
/// The law's clock for owners' requests (Art. 3.87 §2): an item an owner proposes is put on the agenda of the ordinary
/// assembly if the syndic receives it at least three weeks before the first day of its fortnight, else on the next one;
/// owners holding a fifth of the shares may have an assembly convened, which the syndic does within 30 days.
/// </summary>
public static class OwnerRequestRules
{
    public const int ProposalLeadDays = 21;
    public const int ConveneWithinDays = 30;
    public const int RemindOnDay = 25;

    /// <summary>
    /// The first day from which an ordinary assembly must carry a proposal received on <paramref name="received"/>: the
    /// first fortnight starting at least three weeks later; without a fortnight in the ROI, any ordinary assembly held
    /// three weeks later or more.
    /// </summary>
    public static DateOnly DueFrom(DateOnly received, AssemblyPeriod? period) =>
        period is { } p ? p.NextFrom(received.AddDays(ProposalLeadDays)) : received.AddDays(ProposalLeadDays);

    /// <summary>The last day a proposal may be received for the fortnight starting on <paramref name="periodStart"/>.</summary>
    public static DateOnly LastDayFor(DateOnly periodStart) => periodStart.AddDays(-ProposalLeadDays);

    /// <summary>Whether the signatories' shares reach a fifth of the building's (exactly a fifth is enough: "at least").</summary>
    public static bool FifthReached(int signedShares, int totalShares) => totalShares > 0 && (long)signedShares * 5 >= totalShares;
}

/// <summary>An item an owner asks the syndic to put on the agenda (Art. 3.87 §2, al. 2).</summary>
public sealed class AgendaProposal
{
    public const int TitleMax = AgendaItem.TitleMax, TextMax = AgendaItem.DescriptionMax;

    private AgendaProposal() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid OwnerId { get; private set; }
    public string UserId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Text { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    /// <summary>The first day from which an ordinary assembly must carry it (<see cref="OwnerRequestRules.DueFrom"/>).</summary>
    public DateOnly DueFrom { get; private set; }
    /// <summary>The item it became; emptied by the database when that item is taken off a draft agenda.</summary>
    public Guid? AgendaItemId { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsPending => AgendaItemId is null && WithdrawnAt is null;

    public static AgendaProposal Receive(Guid organisationId, Guid buildingId, Guid ownerId, string userId, string name, ProposalInput input,
        DateTimeOffset now, DateOnly dueFrom) => new()
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = organisationId,
            BuildingId = buildingId,
            OwnerId = ownerId,
            UserId = userId,
            AuthorName = name.Length > 200 ? name[..200] : name,
            Title = input.Title!.Trim(),
            Text = Common.Text.Clean(input.Text),
            ReceivedAt = now,
            DueFrom = dueFrom,
        };

    public void PlaceAs(Guid agendaItemId) => AgendaItemId = agendaItemId;
    public void Withdraw(DateTimeOffset now) => WithdrawnAt = now;
}

public sealed class ProposalInput
{
    public string? Title { get; set; }
    public string? Text { get; set; }

    public Validation Validate() => new Validation()
        .Required(Title, nameof(Title), AgendaProposal.TitleMax)
        .Optional(Text, nameof(Text), AgendaProposal.TextMax);
}

/// <summary>
/// Owners asking the syndic to convene a general assembly (Art. 3.87 §2, al. 3): it stands once its signatories hold a
/// fifth of the shares; the syndic then has 30 days to convene, after which one of them may convene it.
/// </summary>
public sealed class AssemblyRequest
{
    public const int ReasonMax = 2_000;

    private AssemblyRequest() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>When the signatures first reached a fifth of the shares: the syndic's 30 days count from that day.</summary>
    public DateTimeOffset? ReachedAt { get; private set; }
    /// <summary>The meeting the syndic convenes for it; the request is answered once that meeting is convened.</summary>
    public Guid? MeetingId { get; private set; }
    public DateTimeOffset? RemindedAt { get; private set; }
    public DateTimeOffset? OverdueAt { get; private set; }

    /// <summary>The last day the syndic may convene (Brussels), once the fifth is reached.</summary>
    public DateOnly? ConveneBy => ReachedAt is { } at ? BusinessTime.LocalDate(at).AddDays(OwnerRequestRules.ConveneWithinDays) : null;

    public static AssemblyRequest Open(Guid organisationId, Guid buildingId, string reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = organisationId,
        BuildingId = buildingId,
        Reason = reason.Trim(),
        CreatedAt = now,
    };

    public void Reach(DateTimeOffset now) => ReachedAt ??= now;
    public void AnswerWith(Guid meetingId) => MeetingId = meetingId;
}

/// <summary>An owner's signature of a request, with the shares their voice held that day. One per owner and request.</summary>
public sealed class AssemblyRequestSignature
{
    private AssemblyRequestSignature() { }

    public Guid RequestId { get; private set; }
    public Guid OwnerId { get; private set; }
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Shares { get; private set; }
    public DateTimeOffset SignedAt { get; private set; }

    public static AssemblyRequestSignature Sign(Guid requestId, Voice voice, string userId, DateTimeOffset now) => new()
    {
        RequestId = requestId,
        OwnerId = voice.OwnerId,
        UserId = userId,
        Name = voice.Name.Length > 200 ? voice.Name[..200] : voice.Name,
        Shares = voice.Shares,
        SignedAt = now,
    };
}

public enum ProposalStatus { Pending, Placed, Withdrawn }

/// <summary>A proposal as its author and the syndic see it; <see cref="MeetingStartsAt"/>: the meeting whose agenda carries it.</summary>
public sealed record ProposalRow(Guid Id, string Author, string Title, string? Text, DateTimeOffset ReceivedAt, DateOnly DueFrom, ProposalStatus Status,
    Guid? MeetingId, DateTimeOffset? MeetingStartsAt, bool Mine);

public enum RequestStatus { Collecting, Reached, Convened }

public sealed record RequestRow(Guid Id, string Reason, DateTimeOffset CreatedAt, IReadOnlyList<string> Signatories, int SignedShares, int TotalShares,
    RequestStatus Status, DateOnly? ConveneBy, bool Overdue, Guid? MeetingId, DateTimeOffset? MeetingStartsAt, bool SignedByMe, bool MaySign);

/// <summary>The building's assembly rules, and the dates they give an owner who proposes an item today.</summary>
public sealed record AssemblySettingsView(int? PeriodMonth, int? PeriodDay, int ConvocationDays, DateOnly ProposalDueFrom, DateOnly? NextPeriodStart,
    bool CanManage, bool IsOwner);
