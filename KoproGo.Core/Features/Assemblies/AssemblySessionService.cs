using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Assemblies;

/// <summary>The meeting itself (SPEC §5): attendance and proxies, the opening with its quorum, the items voted one by one, the closing.</summary>
public interface IAssemblySessionService
{
    /// <summary>The syndic records an owner's arrival, in person or (when the convocation offered it) remote.</summary>
    Task<Result> ArriveAsync(Actor actor, Guid meetingId, Guid ownerId, AttendanceMode mode, CancellationToken ct);
    /// <summary>An owner joins remotely from their own device, signed in (their sign-in is the identity check), from an hour before the start.</summary>
    Task<Result> JoinRemotelyAsync(Actor actor, Guid meetingId, CancellationToken ct);
    /// <summary>The syndic records a departure, or owners leave by themselves: later votes count without them.</summary>
    Task<Result> LeaveAsync(Actor actor, Guid meetingId, Guid ownerId, CancellationToken ct);
    /// <summary>Records a proxy (Art. 3.87 §7): never the syndic; three at most unless within 10 % of the votes.</summary>
    Task<Result<Guid>> GrantProxyAsync(Actor actor, Guid meetingId, ProxyInput input, CancellationToken ct);
    Task<Result> RevokeProxyAsync(Actor actor, Guid proxyId, CancellationToken ct);
    /// <summary>Keeps the scan of the signed proxy form (PDF or image, its type read from the bytes) with the proxy, for the syndic's office.</summary>
    Task<Result> AttachProxyFormAsync(Actor actor, Guid proxyId, Stream content, string fileName, CancellationToken ct);
    /// <summary>Opens the meeting with the quorum found now; without it the meeting closes, on the record.</summary>
    Task<Result<QuorumState>> OpenAsync(Actor actor, Guid meetingId, CancellationToken ct);
    Task<Result> OpenItemAsync(Actor actor, Guid agendaItemId, CancellationToken ct);
    /// <summary>A vote for one voice on the open item: by the owner, their proxy's holder, or the syndic; a second vote replaces the first.</summary>
    Task<Result> VoteAsync(Actor actor, Guid agendaItemId, BallotInput input, CancellationToken ct);
    /// <summary>Fixes the item's result; an adopted "approve the budget" moves that budget to Voted, a rejected one to Rejected.</summary>
    Task<Result<Outcome>> CloseItemAsync(Actor actor, Guid agendaItemId, CancellationToken ct);
    Task<Result> CloseAsync(Actor actor, Guid meetingId, CancellationToken ct);
}

public sealed class AssemblySessionService(IKoproGoDbFactory dbFactory, AssemblyService assemblies, IFileService files, TimeProvider clock) : IAssemblySessionService
{
    private static readonly MeetingStatus[] Gathering = [MeetingStatus.Convened, MeetingStatus.Opened];

    public Task<Result> ArriveAsync(Actor actor, Guid meetingId, Guid ownerId, AttendanceMode mode, CancellationToken ct) =>
        InMeetingAsync(actor, meetingId, async (db, state) =>
        {
            if (!Gathering.Contains(state.Meeting.Status))
                return AssemblyService.StatusError(state.Meeting);
            if (!Enum.IsDefined(mode) || mode == AttendanceMode.Remote && state.Meeting.RemoteLink is null)
                return new Error("error.meeting_no_remote");
            return await ArriveAsync(db, actor, state, ownerId, mode, ct);
        }, ct);

    private async Task<Result> ArriveAsync(IKoproGoDb db, Actor actor, MeetingState state, Guid ownerId, AttendanceMode mode, CancellationToken ct)
    {
        if (state.Roll.Of(ownerId) is not { } voice)
            return new Error("error.meeting_not_owner");
        var now = clock.GetUtcNow();
        if (state.Attendances.Any(a => a.OwnerId == ownerId && a.IsPresentAt(now)))
            return new Error("error.attendance_already", [voice.Name]);
        db.Attendances.Add(Attendance.Arrive(state.Meeting.Id, ownerId, mode, now));
        db.Audit(actor, clock, "meeting.arrival", nameof(Meeting), state.Meeting.Id, state.Meeting.OrganisationId, state.Meeting.BuildingId, $"{voice.Name} ({mode})");
        return Result.Ok();
    }

    public async Task<Result> JoinRemotelyAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || await db.ReadableBuildings(actor, clock.Today()).AllAsync(b => b.Id != meeting.BuildingId, ct))
            return Errors.NotFoundError;
        return await InTransactionAsync(db, meeting.Id, async state =>
        {
            var mine = actor.OwnerIds.Where(o => state.Roll.Of(o) is not null).ToList();
            if (mine.Count == 0)
                return new Error("error.meeting_not_owner");
            if (!Gathering.Contains(state.Meeting.Status))
                return AssemblyService.StatusError(state.Meeting);
            if (state.Meeting.RemoteLink is null)
                return new Error("error.meeting_no_remote");
            if (clock.GetUtcNow() < state.Meeting.StartsAt.AddHours(-1))
                return new Error("error.meeting_not_started");
            foreach (var owner in mine)
                if (await ArriveAsync(db, actor, state, owner, AttendanceMode.Remote, ct) is { Succeeded: false } refused)
                    return refused;
            return Result.Ok();
        }, ct);
    }

    public async Task<Result> LeaveAsync(Actor actor, Guid meetingId, Guid ownerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
            return Errors.NotFoundError;
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == meeting.BuildingId, ct);
        if (building is null)
            return Errors.NotFoundError;
        if (!actor.CanManage(building.OrganisationId, building.Id) && !actor.OwnerIds.Contains(ownerId))
            return Errors.ForbiddenError;
        return await InTransactionAsync(db, meetingId, async state =>
        {
            var now = clock.GetUtcNow();
            var stay = await db.Attendances.FirstOrDefaultAsync(a => a.MeetingId == meetingId && a.OwnerId == ownerId && a.LeftAt == null, ct);
            if (stay is null)
                return new Error("error.attendance_not_present");
            stay.Leave(now);
            db.Audit(actor, clock, "meeting.departure", nameof(Meeting), meetingId, meeting.OrganisationId, meeting.BuildingId, state.Roll.Of(ownerId)?.Name);
            return Result.Ok();
        }, ct);
    }

    public async Task<Result<Guid>> GrantProxyAsync(Actor actor, Guid meetingId, ProxyInput input, CancellationToken ct)
    {
        var v = input.Validate();
        if (!v.IsValid)
            return Result<Guid>.Fail(v.Errors);
        var id = Guid.Empty;
        var result = await InMeetingAsync(actor, meetingId, async (db, state) =>
        {
            var meeting = state.Meeting;
            if (meeting.Status is not (MeetingStatus.Draft or MeetingStatus.Convened or MeetingStatus.Opened))
                return AssemblyService.StatusError(meeting);
            if (state.Roll.Of(input.GrantorOwnerId) is not { } grantor)
                return new Error("error.meeting_not_owner", [], nameof(ProxyInput.GrantorOwnerId));
            if (state.Roll.Of(input.HolderOwnerId) is not { } holder)
                return new Error("error.meeting_not_owner", [], nameof(ProxyInput.HolderOwnerId));
            if (state.Proxies.Any(p => p.GrantorOwnerId == grantor.OwnerId))
                return new Error("error.proxy_exists", [grantor.Name], nameof(ProxyInput.GrantorOwnerId));
            if (state.Proxies.Any(p => p.GrantorOwnerId == holder.OwnerId))
                return new Error("error.proxy_holder_represented", [holder.Name], nameof(ProxyInput.HolderOwnerId));
            var held = state.Proxies.Where(p => p.HolderOwnerId == holder.OwnerId).ToList();
            var refusal = AssemblyRules.MayTakeProxy(await IsSyndicAsync(db, holder.OwnerId, meeting, ct), held.Count, holder.Shares,
                state.Roll.SharesOf(held.Select(p => p.GrantorOwnerId)), grantor.Shares, state.Roll.TotalShares);
            if (refusal is not null)
                return new Error(refusal == ProxyRefusal.Syndic ? "error.proxy_syndic" : "error.proxy_too_many", [holder.Name, AssemblyRules.MaxProxies],
                    nameof(ProxyInput.HolderOwnerId));
            var resolutions = state.Items.Where(i => i.Kind == ItemKind.Resolution && i.Status == ItemStatus.Pending).Select(i => i.Id).ToHashSet();
            if (!input.Instructions.Keys.All(resolutions.Contains))
                return new Error("error.proxy_instruction_item", [], nameof(ProxyInput.Instructions));
            var proxy = Proxy.Grant(meeting.Id, grantor.OwnerId, holder.OwnerId, actor.UserId, clock.GetUtcNow());
            db.Proxies.Add(proxy);
            db.ProxyInstructions.AddRange(input.Instructions.Select(i => new ProxyInstruction { ProxyId = proxy.Id, AgendaItemId = i.Key, Vote = i.Value }));
            id = proxy.Id;
            db.Audit(actor, clock, "meeting.proxy_granted", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId, $"{grantor.Name} → {holder.Name}");
            return Result.Ok();
        }, ct);
        return result.Succeeded ? id : Result<Guid>.Fail(result.Errors);
    }

    /// <summary>Whether the owner's account is a syndic of the building (Art. 3.87 §7: the syndic holds no proxy).</summary>
    /// <summary>Whether an owner is, through their account, the building's syndic: never a proxy holder nor a council member.</summary>
    internal static Task<bool> IsSyndicAsync(IKoproGoDb db, Guid ownerId, Meeting meeting, CancellationToken ct) =>
        db.Owners.Where(o => o.Id == ownerId && o.UserId != null)
            .AnyAsync(o => db.Set<Membership>().Any(m => m.UserId == o.UserId && m.Role == Role.Syndic && m.OrganisationId == meeting.OrganisationId
                                                   && (m.BuildingId == null || m.BuildingId == meeting.BuildingId)), ct);

    public async Task<Result> RevokeProxyAsync(Actor actor, Guid proxyId, CancellationToken ct)
    {
        Guid meetingId;
        await using (var db = await dbFactory.CreateAsync(ct))
            meetingId = await db.Proxies.Where(p => p.Id == proxyId).Select(p => p.MeetingId).FirstOrDefaultAsync(ct);
        if (meetingId == Guid.Empty)
            return Errors.NotFoundError;
        return await InMeetingAsync(actor, meetingId, async (db, state) =>
        {
            if (state.Meeting.Status is MeetingStatus.Closed or MeetingStatus.Cancelled or MeetingStatus.MinutesSent)
                return AssemblyService.StatusError(state.Meeting);
            var proxy = await db.Proxies.FirstAsync(p => p.Id == proxyId, ct);
            db.Proxies.Remove(proxy);
            db.Audit(actor, clock, "meeting.proxy_revoked", nameof(Meeting), meetingId, state.Meeting.OrganisationId, state.Meeting.BuildingId,
                $"{state.Roll.Of(proxy.GrantorOwnerId)?.Name} → {state.Roll.Of(proxy.HolderOwnerId)?.Name}");
            return Result.Ok();
        }, ct);
    }

    public async Task<Result> AttachProxyFormAsync(Actor actor, Guid proxyId, Stream content, string fileName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > StoredFile.FileNameMax)
            return new Error(Errors.Required, [], "fileName");
        Meeting? meeting;
        await using (var db = await dbFactory.CreateAsync(ct))
            meeting = await db.Proxies.Where(p => p.Id == proxyId).Join(db.Meetings, p => p.MeetingId, m => m.Id, (_, m) => m).AsNoTracking().FirstOrDefaultAsync(ct);
        if (meeting is null)
            return Errors.NotFoundError;
        // the upload checks that the actor manages the building, streams within the size limit and refuses other types
        var uploaded = await files.UploadAsync(actor, meeting.BuildingId, content, fileName.Trim(), FileUse.BuildingDocument, ct, DocumentAudience.Staff);
        if (!uploaded.Succeeded)
            return Result.Fail(uploaded.Errors);
        return await InMeetingAsync(actor, meeting.Id, async (db, state) =>
        {
            if (await db.Proxies.FirstOrDefaultAsync(p => p.Id == proxyId, ct) is not { } proxy)
                return Errors.NotFoundError;       // revoked meanwhile: the scan stays in the staff documents
            proxy.AttachSignedForm(uploaded.Value);
            db.Audit(actor, clock, "meeting.proxy_form", nameof(Meeting), state.Meeting.Id, state.Meeting.OrganisationId, state.Meeting.BuildingId,
                $"{state.Roll.Of(proxy.GrantorOwnerId)?.Name} → {state.Roll.Of(proxy.HolderOwnerId)?.Name}");
            return Result.Ok();
        }, ct);
    }

    public async Task<Result<QuorumState>> OpenAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        QuorumState quorum = default;
        var result = await InMeetingAsync(actor, meetingId, (db, state) =>
        {
            var meeting = state.Meeting;
            if (meeting.Status != MeetingStatus.Convened)
                return Task.FromResult<Result>(AssemblyService.StatusError(meeting));
            if (state.Roll.Owners == 0)
                return Task.FromResult<Result>(new Error("error.meeting_not_owner"));
            var now = clock.GetUtcNow();
            if (now < meeting.StartsAt.AddHours(-1))
                return Task.FromResult<Result>(new Error("error.meeting_not_started"));
            var present = state.PresentAt(now);
            var shares = state.Roll.SharesOf(present.Keys);
            quorum = AssemblyRules.Quorum(state.Roll.Owners, state.Roll.TotalShares, present.Count, shares, meeting.IsSecondSession);
            meeting.Open(quorum, present.Count, state.Roll.Owners, shares, state.Roll.TotalShares, now);
            db.Audit(actor, clock, quorum.HasQuorum() ? "meeting.opened" : "meeting.no_quorum", nameof(Meeting), meeting.Id, meeting.OrganisationId,
                meeting.BuildingId, $"{present.Count}/{state.Roll.Owners} · {shares}/{state.Roll.TotalShares}");
            return Task.FromResult(Result.Ok());
        }, ct);
        return result.Succeeded ? quorum : Result<QuorumState>.Fail(result.Errors);
    }

    public Task<Result> OpenItemAsync(Actor actor, Guid agendaItemId, CancellationToken ct) =>
        OnItemAsync(actor, agendaItemId, (db, state, item) => Task.FromResult(OpenItem(db, actor, state, item)), ct);

    private Result OpenItem(IKoproGoDb db, Actor actor, MeetingState state, AgendaItem item)
    {
        if (state.Meeting.Status != MeetingStatus.Opened)
            return AssemblyService.StatusError(state.Meeting);
        if (item.Kind != ItemKind.Resolution || item.Status != ItemStatus.Pending)
            return Error.Of("error.item_status", item.Status.ToString());
        if (state.Items.Any(i => i.Status == ItemStatus.Open))
            return new Error("error.item_other_open");
        var now = clock.GetUtcNow();
        item.Open(now);
        db.Audit(actor, clock, "meeting.item_opened", nameof(Meeting), state.Meeting.Id, state.Meeting.OrganisationId, state.Meeting.BuildingId, item.Title);
        CastInstructed(db, actor, state, item, now);
        return Result.Ok();
    }

    /// <summary>
    /// The proxies' written instructions for the item, cast as the item opens for each voice its holder represents now
    /// (a holder who arrives later casts it by hand, and only as instructed).
    /// </summary>
    private void CastInstructed(IKoproGoDb db, Actor actor, MeetingState state, AgendaItem item, DateTimeOffset now)
    {
        var instructed = state.Proxies.Join(state.Instructions.Where(i => i.AgendaItemId == item.Id), p => p.Id, i => i.ProxyId,
            (p, i) => new { p.GrantorOwnerId, p.HolderOwnerId, i.Vote });
        var present = state.VotersAt(item, now);
        foreach (var instruction in instructed)
        {
            if (!present.TryGetValue(instruction.GrantorOwnerId, out var voter) || voter != instruction.HolderOwnerId
                || state.Roll.Of(instruction.GrantorOwnerId) is not { } voice || !state.Weights(item).ContainsKey(voice.OwnerId))
                continue;
            db.ItemBallots.Add(new ItemBallot
            {
                AgendaItemId = item.Id,
                OwnerId = voice.OwnerId,
                VoterOwnerId = voter,
                Vote = instruction.Vote,
                Shares = voice.Shares,
                CastAt = now,
                CastBy = actor.UserId,
            });
            db.Audit(actor, clock, "meeting.vote_instructed", nameof(Meeting), state.Meeting.Id, state.Meeting.OrganisationId, state.Meeting.BuildingId,
                $"{item.Title}: {voice.Name} {instruction.Vote}");
        }
    }

    public async Task<Result> VoteAsync(Actor actor, Guid agendaItemId, BallotInput input, CancellationToken ct)
    {
        var v = input.Validate();
        if (!v.IsValid)
            return v.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        var item = await db.AgendaItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == agendaItemId, ct);
        var meeting = item is null ? null : await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == item.MeetingId, ct);
        var building = meeting is null ? null
            : await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == meeting.BuildingId, ct);
        if (item is null || meeting is null || building is null)
            return Errors.NotFoundError;
        var syndic = actor.CanManage(building.OrganisationId, building.Id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // a share lock on the item, which closing takes exclusively: a vote lands before the closing or is refused after it
        await db.ShareLockAsync<AgendaItem>(agendaItemId, ct);
        if (await db.AgendaItems.AsNoTracking().Where(i => i.Id == agendaItemId).Select(i => i.Status).FirstAsync(ct) != ItemStatus.Open)
            return new Error("error.item_not_open");
        var state = await MeetingState.LoadAsync(db, meeting, ct);
        if (state.Roll.Of(input.OwnerId) is not { } voice)
            return new Error("error.meeting_not_owner");
        if (item.ConflictedOwnerIds.Contains(voice.OwnerId))
            return new Error("error.vote_conflict", [voice.Name]);
        if (!state.Weights(item).ContainsKey(voice.OwnerId))
            return new Error("error.vote_not_concerned", [voice.Name]);
        var now = clock.GetUtcNow();
        if (!state.PresentAt(now).TryGetValue(voice.OwnerId, out var voter))
            return new Error("error.vote_not_present", [voice.Name]);
        // nor as a proxy's holder (Art. 3.87 §7: "même comme mandataire")
        if (item.ConflictedOwnerIds.Contains(voter))
            return new Error("error.vote_conflict", [state.Roll.Of(voter)?.Name ?? voice.Name]);
        // the owner casts their own voice, the holder the voices they hold; the syndic records any voice in the room
        if (!syndic && !actor.OwnerIds.Contains(voter))
            return Errors.ForbiddenError;
        // a voice cast through a proxy follows the form's instruction for this item, if it gave one
        if (voter != voice.OwnerId && state.InstructionFor(agendaItemId, voice.OwnerId) is { } instructed && instructed != input.Vote)
            return new Error("error.vote_instructed", [voice.Name]);
        var previous = state.Ballots.FirstOrDefault(b => b.AgendaItemId == agendaItemId && b.OwnerId == voice.OwnerId);
        // the key (item, owner) decides: of two votes at once one inserts, the other replaces it — never two ballots
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO item_ballots (agenda_item_id, owner_id, voter_owner_id, vote, shares, cast_at, cast_by)
            VALUES ({agendaItemId}, {voice.OwnerId}, {voter}, {input.Vote!.Value.ToString()}, {voice.Shares}, {now}, {actor.UserId})
            ON CONFLICT (agenda_item_id, owner_id) DO UPDATE SET voter_owner_id = excluded.voter_owner_id, vote = excluded.vote,
                shares = excluded.shares, cast_at = excluded.cast_at, cast_by = excluded.cast_by
            """, ct);
        if (previous is not null && previous.Vote != input.Vote)
            db.Audit(actor, clock, "meeting.vote_changed", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId,
                $"{item.Title}: {voice.Name} {previous.Vote} → {input.Vote}");
        await db.SaveChangesAsync(ct);
        await MeetingFeed.SignalAsync(db, meeting.Id, ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<Outcome>> CloseItemAsync(Actor actor, Guid agendaItemId, CancellationToken ct)
    {
        Outcome? outcome = null;
        var result = await OnItemAsync(actor, agendaItemId, async (db, state, item) =>
        {
            if (item.Status != ItemStatus.Open)
                return Error.Of("error.item_status", item.Status.ToString());
            var now = clock.GetUtcNow();
            outcome = state.Count(item, now);
            item.Close(outcome, now);
            db.Audit(actor, clock, "meeting.item_closed", nameof(Meeting), state.Meeting.Id, state.Meeting.OrganisationId, state.Meeting.BuildingId,
                $"{item.Title}: {(outcome.Adopted ? "adopted" : "rejected")} {outcome.For}/{outcome.Against}/{outcome.Abstained}");
            if (item.BudgetId is { } budgetId)
                await DecideBudgetAsync(db, actor, state.Meeting, item, budgetId, outcome.Adopted, ct);
            if (item.Effect != ItemEffect.None && outcome.Adopted)
                await GovernanceService.GiveMandateAsync(db, actor, clock, state.Meeting, item, ct);
            return Result.Ok();
        }, ct);
        return result.Succeeded ? outcome! : Result<Outcome>.Fail(result.Errors);
    }

    /// <summary>The assembly's decision on the budget (SPEC §4.1), with the meeting and item as its reference.</summary>
    private async Task DecideBudgetAsync(IKoproGoDb db, Actor actor, Meeting meeting, AgendaItem item, Guid budgetId, bool adopted, CancellationToken ct)
    {
        await db.LockAsync<Budget>(budgetId, ct);
        var budget = await db.Budgets.FirstAsync(b => b.Id == budgetId, ct);
        var next = adopted ? BudgetStatus.Voted : BudgetStatus.Rejected;
        if (!budget.Can(next))
            return;     // decided meanwhile by hand: the item's result stands in the minutes
        var reference = $"AG {AssemblyService.Day(meeting):dd/MM/yyyy} – {item.Position}. {item.Title}";
        if (adopted)
            budget.Vote(AssemblyService.Day(meeting), reference[..Math.Min(reference.Length, 200)], clock.GetUtcNow());
        else
            budget.Reject(reference);
        db.Audit(actor, clock, adopted ? "budget.voted" : "budget.rejected", nameof(Budget), budget.Id, budget.OrganisationId, budget.BuildingId, reference);
    }

    public Task<Result> CloseAsync(Actor actor, Guid meetingId, CancellationToken ct) =>
        InMeetingAsync(actor, meetingId, (db, state) =>
        {
            if (state.Meeting.Status != MeetingStatus.Opened)
                return Task.FromResult<Result>(AssemblyService.StatusError(state.Meeting));
            if (state.Items.Any(i => i.Status == ItemStatus.Open))
                return Task.FromResult<Result>(new Error("error.item_still_open"));
            state.Meeting.Close(clock.GetUtcNow());
            db.Audit(actor, clock, "meeting.closed", nameof(Meeting), meetingId, state.Meeting.OrganisationId, state.Meeting.BuildingId, null);
            return Task.FromResult(Result.Ok());
        }, ct);

    /// <summary>An item's change by the syndic, under the item's lock (waiting for the votes being cast) inside the meeting's.</summary>
    private async Task<Result> OnItemAsync(Actor actor, Guid agendaItemId, Func<IKoproGoDb, MeetingState, AgendaItem, Task<Result>> change, CancellationToken ct)
    {
        Guid meetingId;
        await using (var db = await dbFactory.CreateAsync(ct))
            meetingId = await db.AgendaItems.Where(i => i.Id == agendaItemId).Select(i => i.MeetingId).FirstOrDefaultAsync(ct);
        if (meetingId == Guid.Empty)
            return Errors.NotFoundError;
        return await InMeetingAsync(actor, meetingId, async (db, state) =>
        {
            await db.LockAsync<AgendaItem>(agendaItemId, ct);
            var item = await db.AgendaItems.FirstAsync(i => i.Id == agendaItemId, ct);
            return await change(db, state with
            {
                Items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meetingId).ToListAsync(ct),
                Ballots = await db.ItemBallots.AsNoTracking().Where(b => b.AgendaItemId == agendaItemId).ToListAsync(ct)
            }, item);
        }, ct);
    }

    /// <summary>A change by the building's syndic: the meeting locked and read, the change, its signal, one commit.</summary>
    private async Task<Result> InMeetingAsync(Actor actor, Guid meetingId, Func<IKoproGoDb, MeetingState, Task<Result>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await assemblies.LockedAsync(db, actor, meetingId, ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        return await CommitAsync(db, tx, await MeetingState.LoadAsync(db, found.Value, ct) with { Meeting = found.Value }, change, ct);
    }

    /// <summary>The same for a change the owner makes themselves (after the caller checked who they are), under the meeting's lock.</summary>
    private async Task<Result> InTransactionAsync(IKoproGoDb db, Guid meetingId, Func<MeetingState, Task<Result>> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync<Meeting>(meetingId, ct);
        var meeting = await db.Meetings.FirstAsync(m => m.Id == meetingId, ct);
        return await CommitAsync(db, tx, await MeetingState.LoadAsync(db, meeting, ct), (_, state) => change(state), ct);
    }

    private static async Task<Result> CommitAsync(IKoproGoDb db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, MeetingState state,
        Func<IKoproGoDb, MeetingState, Task<Result>> change, CancellationToken ct)
    {
        var result = await change(db, state);
        if (!result.Succeeded)
            return result;
        await db.SaveChangesAsync(ct);
        await MeetingFeed.SignalAsync(db, state.Meeting.Id, ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }
}
