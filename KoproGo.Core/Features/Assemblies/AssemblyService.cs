using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Budgets;

namespace KoproGo.Core.Features.Assemblies;

public sealed record MeetingRow(Guid Id, MeetingKind Kind, MeetingStatus Status, DateTimeOffset StartsAt, string Place, bool IsSecondSession, int Items);

/// <summary>
/// An item's votes so far (live) or as fixed at its closing, in votes after the cap: shares, or on a concerned-lots
/// item (<paramref name="ConcernedKey"/>, the distribution key's name) the weights in that key.
/// </summary>
public sealed record ItemView(Guid Id, int Position, string Title, string? Description, ItemKind Kind, Majority Majority, Guid? BudgetId,
    ItemStatus Status, Outcome? Result, int Ballots, decimal SharesPresent, string? ConcernedKey = null, Guid? DistributionKeyId = null,
    string? Conflicted = null, bool UnanimityOfPresent = false);

/// <summary>A voice of the roll and where it stands now.</summary>
public sealed record RollLine(Guid OwnerId, string Name, int Shares, AttendanceMode? Mode, DateTimeOffset? ArrivedAt, string? RepresentedBy, bool Left,
    ConvocationChannel? Convoked, string? TrackingNumber);

public sealed record ProxyView(Guid Id, Guid GrantorOwnerId, string Grantor, Guid HolderOwnerId, string Holder, int Instructions = 0, Guid? SignedFormFileId = null);

/// <summary>
/// A voice the signed-in user may cast on the open item (their own, or one they hold a proxy for), and its vote so far;
/// <see cref="Instructed"/>: the vote its proxy form imposes on this item.
/// </summary>
public sealed record MyVoice(Guid OwnerId, string Name, decimal Shares, bool OwnVoice, Vote? Vote, Vote? Instructed = null);

public sealed record MeetingDetail(Guid Id, Guid BuildingId, string BuildingName, MeetingKind Kind, MeetingStatus Status, DateTimeOffset StartsAt,
    string Place, string? RemoteLink, string? IdentityCheck, Guid? FirstSessionId, Guid? SecondSessionId, string? CancelReason,
    QuorumState LiveQuorum, int OwnersPresent, int OwnersTotal, int SharesPresent, int SharesTotal,
    IReadOnlyList<ItemView> Items, IReadOnlyList<RollLine> Roll, IReadOnlyList<ProxyView> Proxies,
    bool CanManage, Guid? MyOwnerId, bool IsHere, IReadOnlyList<MyVoice> MyVoices, Guid? RetryOfMeetingId = null, Guid? RetryMeetingId = null)
{
    /// <summary>A closed meeting where unanimity failed only through absence, and no new meeting yet (Art. 3.88 §4).</summary>
    public bool NeedsUnanimityRetry => Status is MeetingStatus.Closed or MeetingStatus.MinutesSent && RetryMeetingId is null
        && Items.Any(i => i.Status == ItemStatus.Closed && i.Result?.Note == OutcomeNote.UnanimityFailedThroughAbsence);

    public ItemView? OpenItem => Items.FirstOrDefault(i => i.Status == ItemStatus.Open);
    public bool IsOwner => MyOwnerId is not null;
}

public interface IAssemblyService
{
    /// <summary>The building's meetings: all for its staff, the convened and later ones for its owners.</summary>
    Task<Result<IReadOnlyList<MeetingRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>A meeting with its agenda, the roll as it stands, the live quorum and tallies, and the voices the actor may cast now.</summary>
    Task<Result<MeetingDetail>> GetAsync(Actor actor, Guid meetingId, CancellationToken ct);
    Task<Result<Guid>> CreateAsync(Actor actor, Guid buildingId, MeetingInput input, CancellationToken ct);
    Task<Result<Guid>> AddItemAsync(Actor actor, Guid meetingId, AgendaItemInput input, CancellationToken ct);
    Task<Result> RemoveItemAsync(Actor actor, Guid agendaItemId, CancellationToken ct);
    /// <summary>Sends the convocation: at least 15 days before the meeting (Art. 3.87 §3), with an agenda; the owners are notified.</summary>
    Task<Result> ConveneAsync(Actor actor, Guid meetingId, CancellationToken ct);
    Task<Result> CancelAsync(Actor actor, Guid meetingId, string reason, CancellationToken ct);
    /// <summary>The post's tracking number of an owner's registered convocation (UPU S10, e.g. RR123456789BE).</summary>
    Task<Result> RecordTrackingAsync(Actor actor, Guid meetingId, Guid ownerId, string trackingNumber, CancellationToken ct);
    /// <summary>After a meeting without quorum: the second session, at least 15 days later, same agenda and proxies, convened at once.</summary>
    Task<Result<Guid>> ConveneSecondSessionAsync(Actor actor, Guid meetingId, MeetingInput input, CancellationToken ct);
    /// <summary>
    /// After unanimous decisions that failed only through absent owners: a new meeting at least 30 days later, convened
    /// at once, whose agenda is those items, decided by the unanimity of the owners present or represented (Art. 3.88 §4).
    /// </summary>
    Task<Result<Guid>> ConveneUnanimityRetryAsync(Actor actor, Guid meetingId, MeetingInput input, CancellationToken ct);
}

public sealed class AssemblyService(IKoproGoDbFactory dbFactory, INotificationService notifications, ConvocationDelivery delivery, IFileStore store, TimeProvider clock) : IAssemblyService
{
    private static readonly MeetingStatus[] Public = [MeetingStatus.Convened, MeetingStatus.Opened, MeetingStatus.Closed, MeetingStatus.Cancelled, MeetingStatus.MinutesSent];

    public async Task<Result<IReadOnlyList<MeetingRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null || !await db.IsStaffOrOwnerAsync(actor, building, clock.Today(), ct))
            return Errors.NotFoundError;
        var staff = actor.IsStaffOf(building.OrganisationId, building.Id);
        return await db.Meetings.AsNoTracking().Where(m => m.BuildingId == buildingId && (staff || Public.Contains(m.Status)))
            .OrderByDescending(m => m.StartsAt)
            .Select(m => new MeetingRow(m.Id, m.Kind, m.Status, m.StartsAt, m.Place, m.FirstSessionId != null, db.Set<AgendaItem>().Count(i => i.MeetingId == m.Id)))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The meeting and its building, for the building's staff (every meeting) or its owners (convened ones and later);
    /// null — "not found" — for anyone else. The one reading rule of the meeting's page, its room screen and its papers.
    /// </summary>
    internal async Task<(Meeting Meeting, Building Building, bool Staff)?> ReadableAsync(IKoproGoDb db, Actor actor, Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
            return null;
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == meeting.BuildingId, ct);
        if (building is null || !await db.IsStaffOrOwnerAsync(actor, building, clock.Today(), ct))
            return null;
        var staff = actor.IsStaffOf(building.OrganisationId, building.Id);
        return staff || Public.Contains(meeting.Status) ? (meeting, building, staff) : null;
    }

    public async Task<Result<MeetingDetail>> GetAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await ReadableAsync(db, actor, meetingId, ct) is not var (meeting, building, staffView))
            return Errors.NotFoundError;
        var state = await MeetingState.LoadAsync(db, meeting, ct);
        var now = clock.GetUtcNow();
        var present = state.PresentAt(now);
        var keyIds = state.Items.Where(i => i.DistributionKeyId != null).Select(i => i.DistributionKeyId!.Value).ToList();
        var keyNames = await db.DistributionKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, ct);
        var items = state.Items.Select(i => new ItemView(i.Id, i.Position, i.Title, i.Description, i.Kind, i.Majority, i.BudgetId, i.Status,
            state.Outcome(i, now), state.Ballots.Count(b => b.AgendaItemId == i.Id), state.BaseWeight(i, now),
            i.DistributionKeyId is { } key ? keyNames.GetValueOrDefault(key, "?") : null, i.DistributionKeyId,
            i.ConflictedOwnerIds.Count == 0 ? null : string.Join(", ", i.ConflictedOwnerIds.Select(o => state.Roll.Of(o)?.Name ?? "?")), i.UnanimityOfPresent)).ToList();
        var names = state.Roll.Voices.ToDictionary(v => v.OwnerId, v => v.Name);
        var convocations = await db.Convocations.AsNoTracking().Where(c => c.MeetingId == meeting.Id).ToDictionaryAsync(c => c.OwnerId, ct);
        var lastStay = state.Attendances.GroupBy(a => a.OwnerId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.ArrivedAt)!);
        var roll = state.Roll.Voices.Select(v =>
        {
            var stay = lastStay.GetValueOrDefault(v.OwnerId);
            var by = present.TryGetValue(v.OwnerId, out var voter) && voter != v.OwnerId ? names.GetValueOrDefault(voter) : null;
            var sent = convocations.GetValueOrDefault(v.OwnerId);
            return new RollLine(v.OwnerId, v.Name, v.Shares, stay?.Mode, stay?.ArrivedAt, by, stay?.LeftAt is not null, sent?.Channel, sent?.TrackingNumber);
        }).ToList();
        var proxies = state.Proxies.Select(p => new ProxyView(p.Id, p.GrantorOwnerId, names.GetValueOrDefault(p.GrantorOwnerId, "?"), p.HolderOwnerId,
            names.GetValueOrDefault(p.HolderOwnerId, "?"), state.Instructions.Count(i => i.ProxyId == p.Id), staffView ? p.SignedFormFileId : null)).ToList();
        var mine = actor.OwnerIds.Where(o => state.Roll.Of(o) is not null).ToHashSet();
        var open = state.Items.FirstOrDefault(i => i.Status == ItemStatus.Open);
        // on a concerned-lots item, only the voices whose lots bear its charges, with their weight in its key
        var weights = open is null ? null : state.Weights(open);
        var voters = open is null ? present : state.VotersAt(open, now);
        var myVoices = voters.Where(p => mine.Contains(p.Value) && (weights is null || weights.ContainsKey(p.Key))).Select(p => state.Roll.Of(p.Key)!)
            .Select(v => new MyVoice(v.OwnerId, v.Name, weights?.GetValueOrDefault(v.OwnerId) ?? v.Shares, mine.Contains(v.OwnerId),
                open is null ? null : state.Ballots.FirstOrDefault(b => b.AgendaItemId == open.Id && b.OwnerId == v.OwnerId)?.Vote,
                mine.Contains(v.OwnerId) || open is null ? null : state.InstructionFor(open.Id, v.OwnerId)))
            .OrderByDescending(v => v.OwnVoice).ThenBy(v => v.Name).ToList();
        // its second session and its unanimity retry, in one query (every screen reloads this read on each vote)
        var followUps = await db.Meetings.Where(m => m.FirstSessionId == meeting.Id || m.RetryOfMeetingId == meeting.Id && m.Status != MeetingStatus.Cancelled)
            .Select(m => new { m.Id, m.FirstSessionId }).ToListAsync(ct);
        var second = followUps.Where(m => m.FirstSessionId == meeting.Id).Select(m => (Guid?)m.Id).FirstOrDefault();
        var retry = followUps.Where(m => m.FirstSessionId != meeting.Id).Select(m => (Guid?)m.Id).FirstOrDefault();
        var sharesPresent = state.Roll.SharesOf(present.Keys);
        var quorum = state.Roll.Owners == 0 ? QuorumState.NotReached
            : AssemblyRules.Quorum(state.Roll.Owners, state.Roll.TotalShares, present.Count, sharesPresent, meeting.IsSecondSession);
        return new MeetingDetail(meeting.Id, building.Id, building.Name, meeting.Kind, meeting.Status, meeting.StartsAt, meeting.Place, meeting.RemoteLink,
            meeting.IdentityCheck, meeting.FirstSessionId, second, meeting.CancelReason, quorum, present.Count, state.Roll.Owners, sharesPresent,
            state.Roll.TotalShares, items, roll, proxies, actor.CanManage(building.OrganisationId, building.Id), mine.Count > 0 ? mine.Order().First() : null,
            state.Attendances.Any(a => mine.Contains(a.OwnerId) && a.IsPresentAt(now)), myVoices, meeting.RetryOfMeetingId, retry);
    }

    public Task<Result<Guid>> CreateAsync(Actor actor, Guid buildingId, MeetingInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync(actor, buildingId, BuildingRight.Manage, clock.Today(), input.Validate(clock.GetUtcNow()), async (db, building) =>
        {
            var meeting = Meeting.Create(building.OrganisationId, building.Id, input, null, clock.GetUtcNow());
            db.Meetings.Add(meeting);
            db.Audit(actor, clock, "meeting.created", nameof(Meeting), meeting.Id, building.OrganisationId, building.Id, Day(meeting).ToString("yyyy-MM-dd"));
            await db.SaveChangesAsync(ct);
            return Result.Ok(meeting.Id);
        }, ct);

    public async Task<Result<Guid>> AddItemAsync(Actor actor, Guid meetingId, AgendaItemInput input, CancellationToken ct)
    {
        var v = input.Validate();
        if (!v.IsValid)
            return Result<Guid>.Fail(v.Errors);
        return await InDraftAsync(actor, meetingId, async (db, meeting) =>
        {
            if (input.BudgetId is { } budgetId
                && !await db.Budgets.AnyAsync(b => b.Id == budgetId && b.BuildingId == meeting.BuildingId && b.Status == BudgetStatus.Submitted, ct))
                return Result<Guid>.Fail(new Error("error.item_budget_not_submitted", [], nameof(AgendaItemInput.BudgetId)));
            if (input.DistributionKeyId is { } keyId && !await db.DistributionKeys.AnyAsync(k => k.Id == keyId && k.BuildingId == meeting.BuildingId, ct))
                return Result<Guid>.Fail(new Error(Errors.NotFound, [], nameof(AgendaItemInput.DistributionKeyId)));
            // the owners an item names (a candidate, those whose mission it concerns) are voices of the meeting's roll
            var roll = input.Effect == ItemEffect.ElectCouncilMember || input.ConflictedOwnerIds.Count > 0
                ? await Roll.OfBuildingAsync(db, meeting.BuildingId, Day(meeting), ct) : null;
            if (await MandateErrorAsync(db, meeting, input, roll, ct) is { } refused)
                return Result<Guid>.Fail(refused);
            if (input.ConflictedOwnerIds.Any(o => roll!.Of(o) is null))
                return Result<Guid>.Fail(new Error("error.meeting_not_owner", [], nameof(AgendaItemInput.ConflictedOwnerIds)));
            AgendaProposal? proposal = null;
            if (input.ProposalId is { } proposalId)
            {
                // its author may be withdrawing it, another syndic placing it on another meeting: one of them wins
                await db.LockAsync<AgendaProposal>(proposalId, ct);
                proposal = await db.AgendaProposals.FirstOrDefaultAsync(p => p.Id == proposalId && p.BuildingId == meeting.BuildingId, ct);
                if (proposal is not { IsPending: true })
                    return Result<Guid>.Fail(new Error("error.proposal_not_pending", [], nameof(AgendaItemInput.ProposalId)));
            }
            var position = await db.AgendaItems.Where(i => i.MeetingId == meeting.Id).MaxAsync(i => (int?)i.Position, ct) ?? 0;
            var item = AgendaItem.Create(meeting.Id, position + 1, input);
            db.AgendaItems.Add(item);
            proposal?.PlaceAs(item.Id);
            db.Audit(actor, clock, "meeting.item_added", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId, item.Title);
            return Result.Ok(item.Id);
        }, ct);
    }

    /// <summary>
    /// An election's candidate is an owner of the building, never the syndic (Art. 3.90 §1); a mandate ends after the
    /// meeting and within the law's term: a year for the council, three for the syndic (Art. 3.89 §1).
    /// </summary>
    private static async Task<Error?> MandateErrorAsync(IKoproGoDb db, Meeting meeting, AgendaItemInput input, Roll? roll, CancellationToken ct)
    {
        if (input.Effect == ItemEffect.None)
            return null;
        var day = Day(meeting);
        if (input.MandateEnds is { } ends && (ends <= day || ends > GovernanceRules.LatestEnd(input.Effect, day)))
            return new Error("error.mandate_end", [GovernanceRules.LatestEnd(input.Effect, day)], nameof(AgendaItemInput.MandateEnds));
        if (input.Effect != ItemEffect.ElectCouncilMember)
            return null;
        if (roll!.Of(input.CandidateOwnerId!.Value) is not { } candidate)
            return new Error("error.meeting_not_owner", [], nameof(AgendaItemInput.CandidateOwnerId));
        return await AssemblySessionService.IsSyndicAsync(db, candidate.OwnerId, meeting, ct)
            ? new Error("error.council_syndic", [candidate.Name], nameof(AgendaItemInput.CandidateOwnerId))
            : null;
    }

    public async Task<Result> RemoveItemAsync(Actor actor, Guid agendaItemId, CancellationToken ct)
    {
        Guid meetingId;
        await using (var db = await dbFactory.CreateAsync(ct))
            meetingId = await db.AgendaItems.Where(i => i.Id == agendaItemId).Select(i => i.MeetingId).FirstOrDefaultAsync(ct);
        if (meetingId == Guid.Empty)
            return Errors.NotFoundError;
        return await InDraftAsync<bool>(actor, meetingId, async (db, meeting) =>
        {
            var items = await db.AgendaItems.Where(i => i.MeetingId == meeting.Id).OrderBy(i => i.Position).ToListAsync(ct);
            var removed = items.First(i => i.Id == agendaItemId);
            db.AgendaItems.Remove(removed);
            db.Audit(actor, clock, "meeting.item_removed", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId, removed.Title);
            // the items after it move up; positions are unique, so in two steps
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE agenda_items SET position = position - 1 WHERE meeting_id = {meeting.Id} AND position > {removed.Position}", ct);
            return true;
        }, ct);
    }

    /// <summary>A change of a draft meeting by its building's syndic, under a lock of the meeting's row.</summary>
    private async Task<Result<T>> InDraftAsync<T>(Actor actor, Guid meetingId, Func<IKoproGoDb, Meeting, Task<Result<T>>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await LockedAsync(db, actor, meetingId, ct);
        if (!found.Succeeded)
            return Result<T>.Fail(found.Errors);
        var meeting = found.Value;
        if (meeting.Status != MeetingStatus.Draft)
            return Result<T>.Fail(StatusError(meeting));
        var result = await change(db, meeting);
        if (!result.Succeeded)
            return result;
        await db.SaveChangesAsync(ct);
        await MeetingFeed.SignalAsync(db, meeting.Id, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>The meeting, locked for the rest of the transaction, if the actor manages its building.</summary>
    internal async Task<Result<Meeting>> LockedAsync(IKoproGoDb db, Actor actor, Guid meetingId, CancellationToken ct)
    {
        var found = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .FindInBuildingAsync(db, actor, m => m.BuildingId, BuildingRight.Manage, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<Meeting>.Fail(found.Errors);
        await db.LockAsync<Meeting>(meetingId, ct);
        return await db.Meetings.FirstAsync(m => m.Id == meetingId, ct);
    }

    internal static Error StatusError(Meeting meeting) => Error.Of("error.meeting_status", meeting.Status.ToString());

    /// <summary>The meeting's calendar day in Brussels: the day the convocation periods count to.</summary>
    internal static DateOnly Day(Meeting meeting) => DateOnly.FromDateTime(BusinessTime.LocalDateTime(meeting.StartsAt));

    public async Task<Result> ConveneAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        var written = new List<string>();
        try
        {
            return await ToResult(InDraftAsync(actor, meetingId, async (db, meeting) =>
            {
                var convened = await ConveneAsync(db, actor, meeting, written, ct);
                return convened.Succeeded ? Result.Ok(true) : Result<bool>.Fail(convened.Errors);
            }, ct));
        }
        catch
        {
            await ForgetAsync(written);
            throw;
        }
    }

    /// <summary>No orphan letters in the file store when the convocation did not commit.</summary>
    private async Task ForgetAsync(IEnumerable<string> keys)
    {
        foreach (var key in keys)
            await store.DeleteAsync(key, CancellationToken.None);
    }

    private async Task<Result> ConveneAsync(IKoproGoDb db, Actor actor, Meeting meeting, List<string> written, CancellationToken ct)
    {
        var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == meeting.BuildingId, ct);
        var settings = await OwnerRequestService.SettingsOfAsync(db, building, ct);
        var last = AssemblyRules.LastConvocationDay(Day(meeting), settings.ConvocationDays);
        if (clock.Today() > last)
            return new Error("error.convocation_late", [Math.Max(AssemblyRules.ConvocationDays, settings.ConvocationDays), last], nameof(MeetingInput.StartsAt));
        if (!await db.AgendaItems.AnyAsync(i => i.MeetingId == meeting.Id, ct))
            return new Error("error.meeting_no_items");
        // an ordinary assembly carries the owners' items received in time for it (a follow-up meeting keeps its first's agenda)
        if (meeting is { Kind: MeetingKind.Ordinary, FirstSessionId: null, RetryOfMeetingId: null })
        {
            var day = Day(meeting);
            var due = await db.AgendaProposals.Where(p => p.BuildingId == meeting.BuildingId && p.AgendaItemId == null && p.WithdrawnAt == null && p.DueFrom <= day)
                .OrderBy(p => p.ReceivedAt).Select(p => p.Title).ToListAsync(ct);
            if (due.Count > 0)
                return Error.Of("error.proposals_pending", string.Join(" ; ", due));
        }
        meeting.Convene(clock.GetUtcNow());
        written.AddRange(await delivery.SendAsync(db, actor, meeting, ct));
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == meeting.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        ObservationService.PostNotice(db, actor, organisation, building, meeting, clock.GetUtcNow());
        db.Audit(actor, clock, "meeting.convened", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId, Day(meeting).ToString("yyyy-MM-dd"));
        await NotifyOwnersAsync(db, meeting, "notify.meeting_convened", ct);
        return Result.Ok();
    }

    private async Task NotifyOwnersAsync(IKoproGoDb db, Meeting meeting, string textKey, CancellationToken ct)
    {
        var owners = await db.CurrentOwnerIds(meeting.BuildingId, clock.Today()).ToListAsync(ct);
        var building = await db.Buildings.Where(b => b.Id == meeting.BuildingId).Select(b => b.Name).FirstAsync(ct);
        var local = BusinessTime.LocalDateTime(meeting.StartsAt);
        await notifications.NotifyOwnersAsync(db, owners, meeting.OrganisationId, NotificationType.Community, textKey,
            [building, local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)], $"/assemblies/{meeting.Id}", ct);
    }

    public async Task<Result> CancelAsync(Actor actor, Guid meetingId, string reason, CancellationToken ct)
    {
        var v = new Validation().Required(reason, nameof(reason), Meeting.ReasonMax);
        if (!v.IsValid)
            return v.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await LockedAsync(db, actor, meetingId, ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var meeting = found.Value;
        if (meeting.Status is not (MeetingStatus.Draft or MeetingStatus.Convened))
            return StatusError(meeting);
        var wasConvened = meeting.Status == MeetingStatus.Convened;
        meeting.Cancel(reason, clock.GetUtcNow());
        db.Audit(actor, clock, "meeting.cancelled", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId, reason.Trim());
        if (wasConvened)
            await NotifyOwnersAsync(db, meeting, "notify.meeting_cancelled", ct);
        await db.SaveChangesAsync(ct);
        await MeetingFeed.SignalAsync(db, meeting.Id, ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<Guid>> ConveneSecondSessionAsync(Actor actor, Guid meetingId, MeetingInput input, CancellationToken ct)
    {
        var v = input.Validate(clock.GetUtcNow());
        if (!v.IsValid)
            return Result<Guid>.Fail(v.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await LockedAsync(db, actor, meetingId, ct);
        if (!found.Succeeded)
            return Result<Guid>.Fail(found.Errors);
        var first = found.Value;
        if (first.Status is not (MeetingStatus.Closed or MeetingStatus.MinutesSent) || first.Quorum != QuorumState.NotReached)
            return new Error("error.second_session_not_needed");
        if (await db.Meetings.AnyAsync(m => m.FirstSessionId == first.Id && m.Status != MeetingStatus.Cancelled, ct))
            return new Error("error.second_session_exists");
        var second = Meeting.Create(first.OrganisationId, first.BuildingId, input, first.Id, clock.GetUtcNow());
        var earliest = Day(first).AddDays(AssemblyRules.SecondSessionDays);
        if (Day(second) < earliest)
            return new Error("error.second_session_too_early", [AssemblyRules.SecondSessionDays, earliest], nameof(MeetingInput.StartsAt));
        db.Meetings.Add(second);
        var items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == first.Id).ToListAsync(ct);
        var copies = items.ToDictionary(i => i.Id, i => i.CopyTo(second.Id));
        db.AgendaItems.AddRange(copies.Values);
        // the proxies hold for the second session (Art. 3.87 §7), with their voting instructions on the same items
        var proxies = await db.Proxies.AsNoTracking().Where(p => p.MeetingId == first.Id).ToListAsync(ct);
        var instructions = await db.ProxyInstructions.AsNoTracking().Where(i => proxies.Select(p => p.Id).Contains(i.ProxyId)).ToListAsync(ct);
        foreach (var proxy in proxies)
        {
            var copy = Proxy.Grant(second.Id, proxy.GrantorOwnerId, proxy.HolderOwnerId, proxy.CreatedBy, proxy.CreatedAt);
            if (proxy.SignedFormFileId is { } form)
                copy.AttachSignedForm(form);
            db.Proxies.Add(copy);
            db.ProxyInstructions.AddRange(instructions.Where(i => i.ProxyId == proxy.Id)
                .Select(i => new ProxyInstruction { ProxyId = copy.Id, AgendaItemId = copies[i.AgendaItemId].Id, Vote = i.Vote }));
        }
        db.Audit(actor, clock, "meeting.second_session", nameof(Meeting), second.Id, second.OrganisationId, second.BuildingId, first.Id.ToString());
        return await ConveneAtOnceAsync(db, tx, actor, second, ct);
    }

    /// <summary>A follow-up meeting, its agenda staged in <paramref name="db"/>: saved and convened in the caller's transaction, or nothing written.</summary>
    private async Task<Result<Guid>> ConveneAtOnceAsync(IKoproGoDb db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, Actor actor, Meeting meeting,
        CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var written = new List<string>();
        try
        {
            var convened = await ConveneAsync(db, actor, meeting, written, ct);
            if (!convened.Succeeded)
                return Result<Guid>.Fail(convened.Errors);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            await ForgetAsync(written);
            throw;
        }
        return meeting.Id;
    }

    public async Task<Result<Guid>> ConveneUnanimityRetryAsync(Actor actor, Guid meetingId, MeetingInput input, CancellationToken ct)
    {
        var v = input.Validate(clock.GetUtcNow());
        if (!v.IsValid)
            return Result<Guid>.Fail(v.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await LockedAsync(db, actor, meetingId, ct);
        if (!found.Succeeded)
            return Result<Guid>.Fail(found.Errors);
        var first = found.Value;
        var failed = await db.AgendaItems.AsNoTracking()
            .Where(i => i.MeetingId == first.Id && i.Status == ItemStatus.Closed && i.Note == OutcomeNote.UnanimityFailedThroughAbsence)
            .OrderBy(i => i.Position).ToListAsync(ct);
        if (first.Status is not (MeetingStatus.Closed or MeetingStatus.MinutesSent) || failed.Count == 0)
            return new Error("error.unanimity_retry_not_needed");
        if (await db.Meetings.AnyAsync(m => m.RetryOfMeetingId == first.Id && m.Status != MeetingStatus.Cancelled, ct))
            return new Error("error.unanimity_retry_exists");
        var retry = Meeting.RetryOf(first, input, clock.GetUtcNow());
        var earliest = Day(first).AddDays(AssemblyRules.UnanimityRetryDays);
        if (Day(retry) < earliest)
            return new Error("error.unanimity_retry_too_early", [AssemblyRules.UnanimityRetryDays, earliest], nameof(MeetingInput.StartsAt));
        db.Meetings.Add(retry);
        db.AgendaItems.AddRange(failed.Select((item, index) => item.RetryAmongPresent(retry.Id, index + 1)));
        db.Audit(actor, clock, "meeting.unanimity_retry", nameof(Meeting), retry.Id, retry.OrganisationId, retry.BuildingId, first.Id.ToString());
        return await ConveneAtOnceAsync(db, tx, actor, retry, ct);
    }

    public async Task<Result> RecordTrackingAsync(Actor actor, Guid meetingId, Guid ownerId, string trackingNumber, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .FindInBuildingAsync(db, actor, m => m.BuildingId, BuildingRight.Manage, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        if (!Convocation.IsTrackingNumber(trackingNumber))
            return new Error("error.tracking_number", [], nameof(trackingNumber));
        var convocation = await db.Convocations.FirstOrDefaultAsync(c => c.MeetingId == meetingId && c.OwnerId == ownerId, ct);
        if (convocation is null || convocation.Channel != ConvocationChannel.RegisteredLetter)
            return new Error("error.tracking_not_registered");
        convocation.Track(trackingNumber);
        var meeting = found.Value.Record;
        db.Audit(actor, clock, "meeting.tracking", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId, convocation.TrackingNumber);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static async Task<Result> ToResult<T>(Task<Result<T>> task)
    {
        var result = await task;
        return result.Succeeded ? Result.Ok() : Result.Fail(result.Errors);
    }
}
