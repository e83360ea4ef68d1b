using KoproGo.Core.Features.Accounting;
namespace KoproGo.Core.Features.Assemblies;

/// <summary>A meeting as read at one moment: its roll, agenda, attendance, proxies and ballots, and the counts made from them.</summary>
/// <param name="Instructions">The proxies' voting instructions (how owners voted before the meeting).</param>
/// <param name="KeyWeights">For each distribution key a concerned-lots item uses, its weight per lot.</param>
internal sealed record MeetingState(Meeting Meeting, Roll Roll, IReadOnlyList<AgendaItem> Items, IReadOnlyList<Attendance> Attendances,
    IReadOnlyList<Proxy> Proxies, IReadOnlyList<ProxyInstruction> Instructions, IReadOnlyList<ItemBallot> Ballots,
    IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, decimal>> KeyWeights)
{
    private readonly Dictionary<Guid, IReadOnlyDictionary<Guid, decimal>> _weights = [];
    private IReadOnlyDictionary<Guid, decimal>? _byShares;
    private (DateTimeOffset At, IReadOnlyDictionary<Guid, Guid> Voters)? _present;

    public static async Task<MeetingState> LoadAsync(IKoproGoDb db, Meeting meeting, CancellationToken ct)
    {
        var items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meeting.Id).OrderBy(i => i.Position).ToListAsync(ct);
        var keys = items.Where(i => i.DistributionKeyId != null).Select(i => i.DistributionKeyId!.Value).Distinct().ToList();
        var keyUnits = keys.Count == 0 ? [] : await db.DistributionKeyUnits.AsNoTracking().Where(k => keys.Contains(k.KeyId)).ToListAsync(ct);
        return new(
            meeting,
            await Roll.OfBuildingAsync(db, meeting.BuildingId, AssemblyService.Day(meeting), ct),
            items,
            await db.Attendances.AsNoTracking().Where(a => a.MeetingId == meeting.Id).ToListAsync(ct),
            await db.Proxies.AsNoTracking().Where(p => p.MeetingId == meeting.Id).ToListAsync(ct),
            await db.ProxyInstructions.AsNoTracking().Where(i => db.Set<Proxy>().Any(p => p.Id == i.ProxyId && p.MeetingId == meeting.Id)).ToListAsync(ct),
            await db.ItemBallots.AsNoTracking().Where(b => db.Set<AgendaItem>().Any(i => i.Id == b.AgendaItemId && i.MeetingId == meeting.Id)).ToListAsync(ct),
            keyUnits.GroupBy(k => k.KeyId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<Guid, decimal>)g.ToDictionary(k => k.UnitId, k => k.Weight)));
    }

    /// <summary>The vote the grantor's proxy form instructs on the item, if it gives one.</summary>
    public Vote? InstructionFor(Guid agendaItemId, Guid grantorOwnerId) =>
        Proxies.Where(p => p.GrantorOwnerId == grantorOwnerId)
            .Join(Instructions.Where(i => i.AgendaItemId == agendaItemId), p => p.Id, i => i.ProxyId, (_, i) => (Vote?)i.Vote).FirstOrDefault();

    /// <summary>Each voice present or represented at the instant, with who casts it.</summary>
    public IReadOnlyDictionary<Guid, Guid> PresentAt(DateTimeOffset instant)
    {
        // a meeting's read asks it once per item, at the same instant: counted once (the state is a snapshot)
        if (_present is { } last && last.At == instant)
            return last.Voters;
        var voters = Roll.PresentAt(Attendances, Proxies, instant);
        _present = (instant, voters);
        return voters;
    }

    /// <summary>
    /// The voices that vote on the item, with their votes: every owner by shares, or for a concerned-lots item only the
    /// owners of its key's lots, by their weight in it.
    /// </summary>
    public IReadOnlyDictionary<Guid, decimal> Weights(AgendaItem item)
    {
        IReadOnlyDictionary<Guid, decimal> weights;
        if (item.DistributionKeyId is not { } key)
            weights = _byShares ??= Roll.Voices.ToDictionary(v => v.OwnerId, v => (decimal)v.Shares);
        else if (!_weights.TryGetValue(key, out weights!))
            _weights[key] = weights = AssemblyRules.ConcernedWeights(Roll.Voices, KeyWeights.GetValueOrDefault(key) ?? new Dictionary<Guid, decimal>());
        // those whose own mission the item is about take no part in it
        return item.ConflictedOwnerIds.Count == 0 ? weights
            : weights.Where(w => !item.ConflictedOwnerIds.Contains(w.Key)).ToDictionary(w => w.Key, w => w.Value);
    }

    /// <summary>Each voice that can be cast on the item at the instant, with who casts it: never by a holder whose mission the item is about.</summary>
    public IReadOnlyDictionary<Guid, Guid> VotersAt(AgendaItem item, DateTimeOffset instant) =>
        item.ConflictedOwnerIds.Count == 0 ? PresentAt(instant)
            : PresentAt(instant).Where(p => !item.ConflictedOwnerIds.Contains(p.Value)).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>
    /// The votes an item is counted against (the cap's base): the voices present or represented when it is counted —
    /// now while it is open, at its closing afterwards — and those who voted and left since, whose vote stands.
    /// </summary>
    public decimal BaseWeight(AgendaItem item, DateTimeOffset now)
    {
        var at = item.ClosedAt ?? now;
        var weights = Weights(item);
        return VotersAt(item, at).Keys.Union(Ballots.Where(b => b.AgendaItemId == item.Id).Select(b => b.OwnerId)).Distinct()
            .Sum(o => weights.GetValueOrDefault(o));
    }

    /// <summary>The count of an item at the instant (open), as fixed (closed), or none (pending, information).</summary>
    public Outcome? Outcome(AgendaItem item, DateTimeOffset now) => item.Status switch
    {
        ItemStatus.Closed => new Outcome(item.Adopted ?? false, item.VotesFor ?? 0, item.VotesAgainst ?? 0, item.VotesAbstained ?? 0,
            (item.VotesFor ?? 0) + (item.VotesAgainst ?? 0), item.Note ?? OutcomeNote.None),
        ItemStatus.Open => Count(item, now),
        _ => null,
    };

    public Outcome Count(AgendaItem item, DateTimeOffset now)
    {
        var weights = Weights(item);
        var ballots = Ballots.Where(b => b.AgendaItemId == item.Id && weights.ContainsKey(b.OwnerId))
            .Select(b => new Ballot(b.VoterOwnerId, b.OwnerId, weights[b.OwnerId], b.Vote)).ToList();
        var present = BaseWeight(item, now);
        // the new meeting after a unanimity failed through absence: unanimity of those present or represented
        return AssemblyRules.Count(item.Majority, ballots, present, item.UnanimityOfPresent ? present : weights.Values.Sum());
    }
}

/// <summary>
/// The live screens' signal: a change of a meeting is announced on PostgreSQL's channel, inside the transaction that
/// makes it, so every app instance hears it at the commit and never before (README, Decisions).
/// </summary>
public static class MeetingFeed
{
    public const string Channel = "koprogo_assembly";

    public static Task SignalAsync(IKoproGoDb db, Guid meetingId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({Channel}, {meetingId.ToString()})", ct);
}

/// <summary>Tells a live screen that its meeting changed; the web app's listener implements it over LISTEN.</summary>
public interface IMeetingFeed
{
    /// <summary>Calls <paramref name="changed"/> after each committed change of the meeting until disposed.</summary>
    IDisposable Subscribe(Guid meetingId, Func<Task> changed);
}
