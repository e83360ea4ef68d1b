namespace KoproGo.Core.Features.Assemblies;

/// <summary>A meeting as read at one moment: its roll, agenda, attendance, proxies and ballots, and the counts made from them.</summary>
internal sealed record MeetingState(Meeting Meeting, Roll Roll, IReadOnlyList<AgendaItem> Items, IReadOnlyList<Attendance> Attendances,
    IReadOnlyList<Proxy> Proxies, IReadOnlyList<ItemBallot> Ballots)
{
    public static async Task<MeetingState> LoadAsync(IKoproGoDb db, Meeting meeting, CancellationToken ct) => new(
        meeting,
        await Roll.OfBuildingAsync(db, meeting.BuildingId, AssemblyService.Day(meeting), ct),
        await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meeting.Id).OrderBy(i => i.Position).ToListAsync(ct),
        await db.Attendances.AsNoTracking().Where(a => a.MeetingId == meeting.Id).ToListAsync(ct),
        await db.Proxies.AsNoTracking().Where(p => p.MeetingId == meeting.Id).ToListAsync(ct),
        await db.ItemBallots.AsNoTracking().Where(b => db.Set<AgendaItem>().Any(i => i.Id == b.AgendaItemId && i.MeetingId == meeting.Id)).ToListAsync(ct));

    /// <summary>Each voice present or represented at the instant, with who casts it.</summary>
    public IReadOnlyDictionary<Guid, Guid> PresentAt(DateTimeOffset instant) => Roll.PresentAt(Attendances, Proxies, instant);

    /// <summary>
    /// The shares an item is counted against (the cap's base): the voices present or represented when it is counted —
    /// now while it is open, at its closing afterwards — and those who voted and left since, whose vote stands.
    /// </summary>
    public int BaseShares(AgendaItem item, DateTimeOffset now)
    {
        var at = item.ClosedAt ?? now;
        return Roll.SharesOf(PresentAt(at).Keys.Union(Ballots.Where(b => b.AgendaItemId == item.Id).Select(b => b.OwnerId)).Distinct());
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
        var ballots = Ballots.Where(b => b.AgendaItemId == item.Id && Roll.Of(b.OwnerId) is not null)
            .Select(b => new Ballot(b.VoterOwnerId, b.OwnerId, Roll.Of(b.OwnerId)!.Shares, b.Vote)).ToList();
        return AssemblyRules.Count(item.Majority, ballots, BaseShares(item, now), Roll.TotalShares);
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
