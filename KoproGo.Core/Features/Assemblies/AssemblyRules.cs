namespace KoproGo.Core.Features.Assemblies;

/// <summary>The majority an agenda item needs (Civil Code Art. 3.88).</summary>
public enum Majority
{
    /// <summary>More than half of the votes cast: the rule when the law asks for no other (Art. 3.87).</summary>
    Absolute,
    /// <summary>At least two thirds of the votes cast (Art. 3.88 §1: e.g. works on the common parts, the competition threshold).</summary>
    TwoThirds,
    /// <summary>At least four fifths of the votes cast (Art. 3.88 §1: e.g. a change of the charges' distribution, an acquisition).</summary>
    FourFifths,
    /// <summary>Every co-owner's votes, the absent included (Art. 3.88: e.g. a change of the shares).</summary>
    Unanimity,
}

public enum Vote { For, Against, Abstain }

/// <summary>
/// One vote as cast at the meeting: <paramref name="VoterId"/> is the person who casts it (the owner, or the holder of
/// the owner's proxy), <paramref name="Weight"/> the votes of the owner it is cast for: their shares, or on a
/// concerned-lots item their part in that item's charges.
/// </summary>
public sealed record Ballot(Guid VoterId, Guid OwnerId, decimal Weight, Vote Vote);

/// <summary>The count of an item: votes after the cap of Art. 3.87 §7, what the majority needed, and why it failed.</summary>
public sealed record Outcome(bool Adopted, decimal For, decimal Against, decimal Abstained, decimal Cast, OutcomeNote Note);

public enum OutcomeNote
{
    None,
    /// <summary>Nobody voted for or against: nothing is decided.</summary>
    NoVotesCast,
    /// <summary>Every present or represented owner agreed, but unanimity counts the absent too: a new meeting at least 30 days later decides by unanimity of those present (Art. 3.88 §4).</summary>
    UnanimityFailedThroughAbsence,
}

public enum QuorumState
{
    /// <summary>More than half of the co-owners, holding at least half of the shares, are present or represented.</summary>
    ReachedByHeadsAndShares,
    /// <summary>More than three quarters of the shares are present or represented, however many owners that is.</summary>
    ReachedByShares,
    /// <summary>A second session deliberates whatever the attendance (Art. 3.87 §5).</summary>
    SecondSession,
    /// <summary>No quorum: a second meeting is convened at least 15 days later.</summary>
    NotReached,
}

public enum ProxyRefusal
{
    /// <summary>The syndic may not hold a proxy (Art. 3.87 §7).</summary>
    Syndic,
    /// <summary>Three proxies already, and their votes with the holder's own exceed 10 % of all the votes.</summary>
    TooMany,
}

/// <summary>
/// The arithmetic of a Belgian general assembly (Civil Code Art. 3.87–3.88), without storage: the services ask these
/// rules and keep what they answer. Shares are whole numbers (the building's quotités, e.g. out of 10,000).
/// </summary>
public static class AssemblyRules
{
    /// <summary>Least days between the convocation and the meeting, unless the statutes say more (Art. 3.87 §3).</summary>
    public const int ConvocationDays = 15;

    /// <summary>Least days before the second meeting when the first had no quorum (Art. 3.87 §5).</summary>
    public const int SecondSessionDays = 15;

    /// <summary>Least days before the meeting that decides by unanimity of those present after absences (Art. 3.88 §4).</summary>
    public const int UnanimityRetryDays = 30;

    /// <summary>Proxies one person may hold, unless the 10 % rule allows more (Art. 3.87 §7).</summary>
    public const int MaxProxies = 3;

    /// <summary>The last day the convocation may be sent for a meeting on that day.</summary>
    public static DateOnly LastConvocationDay(DateOnly meeting, int statutoryDays = ConvocationDays) =>
        meeting.AddDays(-Math.Max(ConvocationDays, statutoryDays));

    /// <summary>
    /// Quorum at the opening (Art. 3.87 §5): more than half of the co-owners (an indivision counts once) holding at
    /// least half of the shares, or more than three quarters of the shares; a second session needs none.
    /// </summary>
    public static QuorumState Quorum(int owners, int totalShares, int ownersPresent, int sharesPresent, bool secondSession)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(owners);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalShares);
        if (ownersPresent < 0 || ownersPresent > owners || sharesPresent < 0 || sharesPresent > totalShares)
            throw new ArgumentOutOfRangeException(nameof(ownersPresent), "attendance beyond the building");
        if (2 * ownersPresent > owners && 2 * sharesPresent >= totalShares)
            return QuorumState.ReachedByHeadsAndShares;
        if (4 * sharesPresent > 3 * totalShares)
            return QuorumState.ReachedByShares;
        return secondSession ? QuorumState.SecondSession : QuorumState.NotReached;
    }

    public static bool HasQuorum(this QuorumState state) => state != QuorumState.NotReached;

    /// <summary>
    /// Whether a person may take one more proxy (Art. 3.87 §7): never the syndic; at most three, unless the holder's own
    /// votes with those of every proxy they would hold do not exceed 10 % of all the votes.
    /// </summary>
    public static ProxyRefusal? MayTakeProxy(bool holderIsSyndic, int proxiesHeld, int holderShares, int proxiesShares, int newProxyShares, int totalShares)
    {
        if (holderIsSyndic)
            return ProxyRefusal.Syndic;
        if (proxiesHeld < MaxProxies)
            return null;
        var votes = (long)holderShares + proxiesShares + newProxyShares;
        return 10 * votes <= totalShares ? null : ProxyRefusal.TooMany;
    }

    /// <summary>
    /// Counts an item. Each voter's votes are capped at the sum of the other present or represented owners' votes (Art.
    /// 3.87 §7), spread over that voter's ballots pro rata; majorities are of the votes cast, abstentions, blank and
    /// null votes not counted (Art. 3.87); unanimity is of every co-owner's votes, the absent included.
    /// </summary>
    /// <param name="presentWeight">The votes present or represented at the time of this vote (the cap's base).</param>
    /// <param name="totalWeight">All the votes on the item (unanimity's base): the building's shares, or a key's total.</param>
    public static Outcome Count(Majority majority, IReadOnlyCollection<Ballot> ballots, decimal presentWeight, decimal totalWeight)
    {
        if (ballots.Sum(b => b.Weight) > presentWeight || presentWeight > totalWeight)
            throw new ArgumentOutOfRangeException(nameof(ballots), "more votes than shares present");
        decimal votesFor = 0, against = 0, abstained = 0;
        foreach (var voter in ballots.GroupBy(b => b.VoterId))
        {
            var own = voter.Sum(b => b.Weight);
            var others = presentWeight - own;
            // multiply before dividing: a capped voter's single choice comes out exactly at the others' total
            decimal Capped(Vote vote) => voter.Where(b => b.Vote == vote).Sum(b => b.Weight) is var weight && own > others
                ? weight * others / own
                : weight;
            votesFor += Capped(Vote.For);
            against += Capped(Vote.Against);
            abstained += Capped(Vote.Abstain);
        }
        var cast = votesFor + against;
        if (majority == Majority.Unanimity)
        {
            // every co-owner's votes, uncapped: one "against" or one absence is enough to fail
            var allFor = ballots.Where(b => b.Vote == Vote.For).Sum(b => b.Weight);
            var adopted = allFor == totalWeight;
            var onlyAbsence = !adopted && ballots.All(b => b.Vote == Vote.For) && allFor == presentWeight && allFor > 0;
            return new Outcome(adopted, votesFor, against, abstained, cast, onlyAbsence ? OutcomeNote.UnanimityFailedThroughAbsence : OutcomeNote.None);
        }
        if (cast == 0)
            return new Outcome(false, 0, 0, abstained, 0, OutcomeNote.NoVotesCast);
        var passed = majority switch
        {
            Majority.Absolute => 2 * votesFor > cast,
            Majority.TwoThirds => 3 * votesFor >= 2 * cast,
            _ => 5 * votesFor >= 4 * cast,
        };
        return new Outcome(passed, votesFor, against, abstained, cast, OutcomeNote.None);
    }

    /// <summary>
    /// Who votes on an item about charges that the statutes put on some lots only, and with how many votes (Civil Code
    /// Art. 3.87): the owners of those lots, each in proportion to their part in those charges — their lots' weights in the
    /// item's distribution key. An owner none of whose lots bears the charge does not vote.
    /// </summary>
    public static IReadOnlyDictionary<Guid, decimal> ConcernedWeights(IEnumerable<Voice> voices, IReadOnlyDictionary<Guid, decimal> keyWeightByUnit) =>
        voices.Select(v => (v.OwnerId, Weight: v.Units.Sum(u => keyWeightByUnit.GetValueOrDefault(u))))
            .Where(v => v.Weight > 0).ToDictionary(v => v.OwnerId, v => v.Weight);
}
