namespace KoproGo.Core.Features.Assemblies;

public enum MeetingKind { Ordinary, Extraordinary }

/// <summary>SPEC §5: Draft → Convened → Opened → Closed; Draft or Convened → Cancelled. A meeting without quorum closes at its opening.</summary>
public enum MeetingStatus { Draft, Convened, Opened, Closed, Cancelled, MinutesSent }

public enum ItemKind
{
    /// <summary>Told to the meeting, nothing voted (e.g. the syndic's report).</summary>
    Information,
    Resolution,
}

/// <summary>A resolution is voted while Open; closing it fixes the result.</summary>
public enum ItemStatus { Pending, Open, Closed }

public enum AttendanceMode { InPerson, Remote }

/// <summary>A general assembly of one building (Civil Code Art. 3.87).</summary>
public sealed class Meeting
{
    public const int PlaceMax = 300, LinkMax = 500, ReasonMax = 500;

    private Meeting() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public MeetingKind Kind { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public string Place { get; private set; } = "";
    /// <summary>Remote attendance is lawful only when the convocation offers it, with the way identity is checked.</summary>
    public string? RemoteLink { get; private set; }
    public string? IdentityCheck { get; private set; }
    public MeetingStatus Status { get; private set; }
    /// <summary>The meeting without quorum this one is the second session of: it deliberates whatever the attendance (Art. 3.87 §5).</summary>
    public Guid? FirstSessionId { get; private set; }
    /// <summary>
    /// The meeting whose unanimous decisions failed only through absent owners: this one, at least 30 days later,
    /// decides them by the unanimity of the owners present or represented (Art. 3.88 §4).
    /// </summary>
    public Guid? RetryOfMeetingId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ConvenedAt { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? CancelReason { get; private set; }
    /// <summary>The quorum as found at the opening, with its figures (kept for the minutes).</summary>
    public QuorumState? Quorum { get; private set; }
    public int? OwnersPresent { get; private set; }
    public int? OwnersTotal { get; private set; }
    public int? SharesPresent { get; private set; }
    public int? SharesTotal { get; private set; }
    /// <summary>When the owners were reminded, three days before (set once, by the job that claims it).</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    // the minutes (Art. 3.87 §10): the bureau that signs them, the PDF fixed at drawing up and its SHA-256, the sending
    /// <summary>The owner present who chairs the meeting.</summary>
    public Guid? PresidentOwnerId { get; private set; }
    /// <summary>The owner who keeps the minutes; none means the syndic, as the law has it unless the meeting decides otherwise.</summary>
    public Guid? SecretaryOwnerId { get; private set; }
    public Guid? MinutesFileId { get; private set; }
    public string? MinutesSha256 { get; private set; }
    public DateTimeOffset? MinutesDrawnUpAt { get; private set; }
    public DateTimeOffset? MinutesSentAt { get; private set; }
    public Guid? SignedMinutesFileId { get; private set; }
    /// <summary>Claimed by the deadline job: the syndic reminded on day 25, told it is overdue on day 30.</summary>
    public DateTimeOffset? MinutesRemindedAt { get; private set; }
    public DateTimeOffset? MinutesOverdueAt { get; private set; }

    public bool IsSecondSession => FirstSessionId is not null;

    public static Meeting Create(Guid organisationId, Guid buildingId, MeetingInput input, Guid? firstSessionId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = organisationId,
        BuildingId = buildingId,
        Kind = input.Kind,
        StartsAt = input.StartsAt!.Value.ToUniversalTime(),
        Place = input.Place!.Trim(),
        RemoteLink = Text.Clean(input.RemoteLink),
        IdentityCheck = Text.Clean(input.RemoteLink) is null ? null : Text.Clean(input.IdentityCheck),
        FirstSessionId = firstSessionId,
        Status = MeetingStatus.Draft,
        CreatedAt = now,
    };

    public static Meeting RetryOf(Meeting first, MeetingInput input, DateTimeOffset now)
    {
        var retry = Create(first.OrganisationId, first.BuildingId, input, null, now);
        retry.RetryOfMeetingId = first.Id;
        return retry;
    }

    public void Convene(DateTimeOffset now) => Move(MeetingStatus.Draft, MeetingStatus.Convened, () => ConvenedAt = now);

    public void Cancel(string reason, DateTimeOffset now)
    {
        if (Status is not (MeetingStatus.Draft or MeetingStatus.Convened))
            throw new InvalidOperationException($"Meeting {Id} is {Status}.");
        Status = MeetingStatus.Cancelled;
        CancelReason = reason.Trim();
        ClosedAt = now;
    }

    /// <summary>Opens the meeting with the quorum found; without it the meeting closes at once, on the record.</summary>
    public void Open(QuorumState quorum, int ownersPresent, int ownersTotal, int sharesPresent, int sharesTotal, DateTimeOffset now) =>
        Move(MeetingStatus.Convened, quorum.HasQuorum() ? MeetingStatus.Opened : MeetingStatus.Closed, () =>
        {
            OpenedAt = now;
            Quorum = quorum;
            (OwnersPresent, OwnersTotal, SharesPresent, SharesTotal) = (ownersPresent, ownersTotal, sharesPresent, sharesTotal);
            if (!quorum.HasQuorum())
                ClosedAt = now;
        });

    public void Close(DateTimeOffset now) => Move(MeetingStatus.Opened, MeetingStatus.Closed, () => ClosedAt = now);

    public void SetBureau(Guid president, Guid? secretary) => (PresidentOwnerId, SecretaryOwnerId) = (president, secretary);

    public void DrawUpMinutes(Guid fileId, string sha256, DateTimeOffset now)
    {
        if (Status != MeetingStatus.Closed || MinutesFileId is not null)
            throw new InvalidOperationException($"Meeting {Id}: minutes cannot be drawn up.");
        (MinutesFileId, MinutesSha256, MinutesDrawnUpAt) = (fileId, sha256, now);
    }

    public void SendMinutes(Guid signedFileId, DateTimeOffset now) =>
        Move(MeetingStatus.Closed, MeetingStatus.MinutesSent, () => (SignedMinutesFileId, MinutesSentAt) = (signedFileId, now));

    /// <summary>The last day to send the minutes: 30 days after the meeting (Art. 3.87 §12).</summary>
    public DateOnly? MinutesDue => ClosedAt is { } closed ? DateOnly.FromDateTime(BusinessTime.LocalDateTime(closed)).AddDays(MinutesRules.DaysToSend) : null;

    private void Move(MeetingStatus from, MeetingStatus to, Action apply)
    {
        if (Status != from)
            throw new InvalidOperationException($"Meeting {Id} is {Status}, not {from}.");
        apply();
        Status = to;
    }
}

/// <summary>One point of the agenda, in its order, with the majority it needs; a closed resolution keeps its figures.</summary>
public sealed class AgendaItem
{
    public const int TitleMax = 300, DescriptionMax = 4_000;

    private AgendaItem() { }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public int Position { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public ItemKind Kind { get; private set; }
    public Majority Majority { get; private set; }
    /// <summary>"Approve the budget": adopting the item moves this budget to Voted (SPEC §4.1).</summary>
    public Guid? BudgetId { get; private set; }
    /// <summary>
    /// A "concerned lots only" item: the distribution key of the charges it is about; only the owners of the lots in
    /// that key vote, with their weights in it (<see cref="AssemblyRules.ConcernedWeights"/>). Null: every owner, by shares.
    /// </summary>
    public Guid? DistributionKeyId { get; private set; }
    /// <summary>An election or appointment: adopting the item gives <see cref="CandidateOwnerId"/> (a council member) or the syndic a mandate to <see cref="MandateEnds"/>.</summary>
    public ItemEffect Effect { get; private set; }
    public Guid? CandidateOwnerId { get; private set; }
    /// <summary>The mandate's last day; none: the longest the law allows (<see cref="GovernanceRules.LatestEnd"/>).</summary>
    public DateOnly? MandateEnds { get; private set; }
    /// <summary>
    /// Owners the item is about in their capacity as the ACP's mandatary, employee or supplier (e.g. the concierge, a
    /// council member's discharge, an owner's firm quoting for the works): they do not vote on it, neither for
    /// themselves nor as anyone's proxy (Art. 3.87 §7).
    /// </summary>
    public List<Guid> ConflictedOwnerIds { get; private set; } = [];
    /// <summary>A unanimity item put again to a new meeting after absence made it fail: the owners present or represented decide it (Art. 3.88 §4).</summary>
    public bool UnanimityOfPresent { get; private set; }
    public ItemStatus Status { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public bool? Adopted { get; private set; }
    public decimal? VotesFor { get; private set; }
    public decimal? VotesAgainst { get; private set; }
    public decimal? VotesAbstained { get; private set; }
    public OutcomeNote? Note { get; private set; }

    public static AgendaItem Create(Guid meetingId, int position, AgendaItemInput input) => new()
    {
        Id = Guid.CreateVersion7(),
        MeetingId = meetingId,
        Position = position,
        Title = input.Title!.Trim(),
        Description = Text.Clean(input.Description),
        Kind = input.Kind,
        Majority = input.Kind == ItemKind.Information ? Majority.Absolute : input.Majority,
        BudgetId = input.Kind == ItemKind.Resolution ? input.BudgetId : null,
        DistributionKeyId = input.Kind == ItemKind.Resolution ? input.DistributionKeyId : null,
        Effect = input.Kind == ItemKind.Resolution ? input.Effect : ItemEffect.None,
        CandidateOwnerId = input.Kind == ItemKind.Resolution && input.Effect == ItemEffect.ElectCouncilMember ? input.CandidateOwnerId : null,
        MandateEnds = input.Kind == ItemKind.Resolution && input.Effect != ItemEffect.None ? input.MandateEnds : null,
        ConflictedOwnerIds = input.Kind == ItemKind.Resolution ? input.ConflictedOwnerIds.Distinct().ToList() : [],
        Status = ItemStatus.Pending,
    };

    /// <summary>The same point on a second session's agenda, not yet voted.</summary>
    public AgendaItem CopyTo(Guid meetingId) => new()
    {
        Id = Guid.CreateVersion7(),
        MeetingId = meetingId,
        Position = Position,
        Title = Title,
        Description = Description,
        Kind = Kind,
        Majority = Majority,
        BudgetId = BudgetId,
        DistributionKeyId = DistributionKeyId,
        Effect = Effect,
        CandidateOwnerId = CandidateOwnerId,
        MandateEnds = MandateEnds,
        ConflictedOwnerIds = [.. ConflictedOwnerIds],
        UnanimityOfPresent = UnanimityOfPresent,
        Status = ItemStatus.Pending,
    };

    /// <summary>The item for the new meeting of Art. 3.88 §4, at <paramref name="position"/> on its agenda.</summary>
    public AgendaItem RetryAmongPresent(Guid meetingId, int position)
    {
        var copy = CopyTo(meetingId);
        copy.Position = position;
        copy.UnanimityOfPresent = true;
        return copy;
    }

    public void Open(DateTimeOffset now)
    {
        if (Status != ItemStatus.Pending || Kind != ItemKind.Resolution)
            throw new InvalidOperationException($"Item {Id} is {Status}.");
        Status = ItemStatus.Open;
        OpenedAt = now;
    }

    public void Close(Outcome outcome, DateTimeOffset now)
    {
        if (Status != ItemStatus.Open)
            throw new InvalidOperationException($"Item {Id} is {Status}.");
        Status = ItemStatus.Closed;
        ClosedAt = now;
        Adopted = outcome.Adopted;
        (VotesFor, VotesAgainst, VotesAbstained) = (Round(outcome.For), Round(outcome.Against), Round(outcome.Abstained));
        Note = outcome.Note;
    }

    /// <summary>A capped voter's votes may be fractions of a share; the record keeps four decimals.</summary>
    private static decimal Round(decimal votes) => Math.Round(votes, 4, MidpointRounding.ToEven);
}

/// <summary>An owner's presence, in person or remote, from arrival to departure; a return is a new row.</summary>
public sealed class Attendance
{
    private Attendance() { }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid OwnerId { get; private set; }
    public AttendanceMode Mode { get; private set; }
    public DateTimeOffset ArrivedAt { get; private set; }
    public DateTimeOffset? LeftAt { get; private set; }

    public bool IsPresentAt(DateTimeOffset instant) => ArrivedAt <= instant && (LeftAt is null || LeftAt > instant);

    public static Attendance Arrive(Guid meetingId, Guid ownerId, AttendanceMode mode, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), MeetingId = meetingId, OwnerId = ownerId, Mode = mode, ArrivedAt = now };

    public void Leave(DateTimeOffset now) => LeftAt = now;
}

/// <summary>
/// A proxy (Art. 3.87 §7): the grantor is represented while the holder, an owner of the building, is present. Valid for
/// this meeting and its second session. One per grantor and meeting.
/// </summary>
public sealed class Proxy
{
    private Proxy() { }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid GrantorOwnerId { get; private set; }
    public Guid HolderOwnerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string? CreatedBy { get; private set; }
    /// <summary>The scan of the form the owner signed (PDF or photo), kept in the building's staff documents.</summary>
    public Guid? SignedFormFileId { get; private set; }

    public void AttachSignedForm(Guid fileId) => SignedFormFileId = fileId;

    public static Proxy Grant(Guid meetingId, Guid grantor, Guid holder, string? userId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), MeetingId = meetingId, GrantorOwnerId = grantor, HolderOwnerId = holder, CreatedAt = now, CreatedBy = userId };
}

/// <summary>
/// A voting instruction written on the proxy form for one resolution: how a Belgian owner "votes before the meeting"
/// (Art. 3.87 §7). When the item is put to the vote with the holder present, the app casts it as instructed, and the
/// holder cannot cast that voice otherwise.
/// </summary>
public sealed class ProxyInstruction
{
    public Guid ProxyId { get; set; }
    public Guid AgendaItemId { get; set; }
    public Vote Vote { get; set; }
}

/// <summary>
/// An owner's vote on one item: its key (item, owner) makes a second ballot impossible; a changed vote before the item
/// closes replaces it. <see cref="VoterOwnerId"/> is who cast it (the owner or their proxy's holder): the cap of Art.
/// 3.87 §7 is per voter.
/// </summary>
public sealed class ItemBallot
{
    public Guid AgendaItemId { get; set; }
    public Guid OwnerId { get; set; }
    public Guid VoterOwnerId { get; set; }
    public Vote Vote { get; set; }
    public int Shares { get; set; }
    public DateTimeOffset CastAt { get; set; }
    public string? CastBy { get; set; }
}

public sealed class MeetingInput
{
    public MeetingKind Kind { get; set; } = MeetingKind.Ordinary;
    public DateTimeOffset? StartsAt { get; set; }
    public string? Place { get; set; }
    public string? RemoteLink { get; set; }
    public string? IdentityCheck { get; set; }

    public Validation Validate(DateTimeOffset now) => new Validation()
        .Rule(Enum.IsDefined(Kind), nameof(Kind), Errors.Required)
        .Rule(StartsAt is not null, nameof(StartsAt), Errors.Required)
        .Instant(StartsAt, nameof(StartsAt))
        .Rule(StartsAt is null || StartsAt > now, nameof(StartsAt), "error.meeting_in_past")
        .Required(Place, nameof(Place), Meeting.PlaceMax)
        .Optional(RemoteLink, nameof(RemoteLink), Meeting.LinkMax)
        .Rule(Text.Clean(RemoteLink) is null || Uri.TryCreate(RemoteLink!.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps,
            nameof(RemoteLink), "error.meeting_link")
        .Rule(Text.Clean(RemoteLink) is null || Text.Clean(IdentityCheck) is not null, nameof(IdentityCheck), "error.meeting_identity_check")
        .Optional(IdentityCheck, nameof(IdentityCheck), Meeting.PlaceMax);
}

public sealed class AgendaItemInput
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public ItemKind Kind { get; set; } = ItemKind.Resolution;
    public Majority Majority { get; set; } = Majority.Absolute;
    public Guid? BudgetId { get; set; }
    /// <summary>For an item about charges borne by some lots only: the building's distribution key of those charges.</summary>
    public Guid? DistributionKeyId { get; set; }
    public ItemEffect Effect { get; set; }
    /// <summary>The owner a council election is about.</summary>
    public Guid? CandidateOwnerId { get; set; }
    /// <summary>The mandate's last day; empty: a year for a council member, three years for the syndic.</summary>
    public DateOnly? MandateEnds { get; set; }
    /// <summary>Owners whose own mission the item is about: they do not vote on it (Art. 3.87 §7).</summary>
    public List<Guid> ConflictedOwnerIds { get; set; } = [];
    /// <summary>The owner's proposal this item puts on the agenda (Art. 3.87 §2).</summary>
    public Guid? ProposalId { get; set; }

    public Validation Validate() => new Validation()
        .Required(Title, nameof(Title), AgendaItem.TitleMax)
        .Optional(Description, nameof(Description), AgendaItem.DescriptionMax)
        .Rule(Enum.IsDefined(Kind), nameof(Kind), Errors.Required)
        .Rule(Enum.IsDefined(Majority), nameof(Majority), Errors.Required)
        .Rule(BudgetId is null || Kind == ItemKind.Resolution && Majority == Majority.Absolute, nameof(BudgetId), "error.item_budget_absolute")
        // the budget is every owner's: it is never voted by some lots only
        .Rule(BudgetId is null || DistributionKeyId is null, nameof(DistributionKeyId), "error.item_key_budget")
        .Rule(Enum.IsDefined(Effect), nameof(Effect), Errors.Required)
        .Date(MandateEnds, nameof(MandateEnds), required: false)
        // an election or appointment is an absolute-majority resolution of all the owners, and does nothing else
        .Rule(Effect == ItemEffect.None || Kind == ItemKind.Resolution && Majority == Majority.Absolute && BudgetId is null && DistributionKeyId is null,
            nameof(Effect), "error.item_effect_absolute")
        .Rule(Effect != ItemEffect.ElectCouncilMember || CandidateOwnerId is { } c && c != Guid.Empty, nameof(CandidateOwnerId), Errors.Required);
}

public sealed class ProxyInput
{
    public Guid GrantorOwnerId { get; set; }
    public Guid HolderOwnerId { get; set; }
    /// <summary>The form's voting instructions, per resolution; a resolution left out is the holder's to decide.</summary>
    public Dictionary<Guid, Vote> Instructions { get; set; } = [];

    public Validation Validate() => new Validation()
        .Rule(GrantorOwnerId != Guid.Empty, nameof(GrantorOwnerId), Errors.Required)
        .Rule(HolderOwnerId != Guid.Empty, nameof(HolderOwnerId), Errors.Required)
        .Rule(GrantorOwnerId != HolderOwnerId, nameof(HolderOwnerId), "error.proxy_self")
        .Rule(Instructions.Values.All(Enum.IsDefined), nameof(Instructions), "error.vote_choose");
}

/// <summary>A vote for one owner: on their own phone, by their proxy's holder, or recorded by the syndic (paper, hands).</summary>
public sealed class BallotInput
{
    public Guid OwnerId { get; set; }
    public Vote? Vote { get; set; }

    public Validation Validate() => new Validation()
        .Rule(OwnerId != Guid.Empty, nameof(OwnerId), Errors.Required)
        .Rule(Vote is not null && Enum.IsDefined(Vote.Value), nameof(Vote), "error.vote_choose");
}

/// <summary>How a convocation reaches an owner: by e-mail only with their recorded written consent, else by registered letter.</summary>
public enum ConvocationChannel { Email, RegisteredLetter }

/// <summary>
/// The convocation sent to one owner for one meeting: its PDF (with the proxy form), the channel, and for a registered
/// letter the post's tracking number, entered by the syndic. One per owner and meeting.
/// </summary>
public sealed class Convocation
{
    public const int TrackingMax = 13;

    private Convocation() { }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid OwnerId { get; private set; }
    public Guid FileId { get; private set; }
    public ConvocationChannel Channel { get; private set; }
    public string? TrackingNumber { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Convocation Create(Guid meetingId, Guid ownerId, Guid fileId, ConvocationChannel channel, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), MeetingId = meetingId, OwnerId = ownerId, FileId = fileId, Channel = channel, CreatedAt = now };

    public void Track(string trackingNumber) => TrackingNumber = Normalise(trackingNumber);

    /// <summary>Upper case, spaces taken out: "cd 123 456 789 be" → "CD123456789BE".</summary>
    public static string Normalise(string trackingNumber) => string.Concat(trackingNumber.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>A registered item's number as the post prints it (UPU S10: two letters, nine digits, two letters, e.g. RR123456789BE).</summary>
    public static bool IsTrackingNumber(string? value) =>
        value is not null && System.Text.RegularExpressions.Regex.IsMatch(Normalise(value), "^[A-Z]{2}[0-9]{9}[A-Z]{2}$");
}
