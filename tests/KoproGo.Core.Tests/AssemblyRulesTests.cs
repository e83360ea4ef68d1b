using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Buildings;

namespace KoproGo.Core.Tests;

/// <summary>The general assembly's arithmetic (Civil Code Art. 3.87–3.88), on a building of 10,000 shares.</summary>
public class AssemblyRulesTests
{
    private const int Total = 10_000;

    private static Ballot B(int shares, Vote vote, Guid? voter = null) => new(voter ?? Guid.NewGuid(), Guid.NewGuid(), shares, vote);

    [Theory]
    [InlineData(10, 6, 5_000, false, QuorumState.ReachedByHeadsAndShares)]   // more than half the owners, half the shares
    [InlineData(10, 5, 7_000, false, QuorumState.NotReached)]                // half the owners is not more than half
    [InlineData(10, 6, 4_999, false, QuorumState.NotReached)]                // heads without half of the shares
    [InlineData(10, 2, 7_501, false, QuorumState.ReachedByShares)]           // two owners with more than 3/4 of the shares
    [InlineData(10, 2, 7_500, false, QuorumState.NotReached)]                // exactly 3/4 is not more
    [InlineData(10, 1, 100, true, QuorumState.SecondSession)]                // a second session deliberates anyway
    public void Quorum_AtTheOpening_FollowsArticle3_87(int owners, int present, int shares, bool second, QuorumState expected)
    {
        var state = AssemblyRules.Quorum(owners, Total, present, shares, second);
        Assert.Equal(expected, state);
        Assert.Equal(expected != QuorumState.NotReached, state.HasQuorum());
    }

    [Fact]
    public void Quorum_WithMoreAttendanceThanTheBuildingHas_IsAProgrammingError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AssemblyRules.Quorum(10, Total, 11, 100, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => AssemblyRules.Quorum(10, Total, 5, Total + 1, false));
    }

    [Fact]
    public void Convocation_IsSentAtLeast15Days_OrWhatTheStatutesSay()
    {
        var meeting = new DateOnly(2027, 3, 20);
        Assert.Equal(new DateOnly(2027, 3, 5), AssemblyRules.LastConvocationDay(meeting));
        Assert.Equal(new DateOnly(2027, 2, 28), AssemblyRules.LastConvocationDay(meeting, statutoryDays: 20));
        Assert.Equal(new DateOnly(2027, 3, 5), AssemblyRules.LastConvocationDay(meeting, statutoryDays: 8));    // the statutes cannot shorten the law
    }

    [Fact]
    public void Proxies_NeverTheSyndic_ThreeAtMost_UnlessWithinTenPercent()
    {
        Assert.Equal(ProxyRefusal.Syndic, AssemblyRules.MayTakeProxy(true, 0, 0, 0, 100, Total));
        Assert.Null(AssemblyRules.MayTakeProxy(false, 2, 300, 600, 300, Total));
        Assert.Equal(ProxyRefusal.TooMany, AssemblyRules.MayTakeProxy(false, 3, 300, 600, 300, Total));     // 1,200 > 10 %
        Assert.Null(AssemblyRules.MayTakeProxy(false, 3, 250, 500, 250, Total));                             // 1,000 = 10 %: a fourth is allowed
        Assert.Equal(ProxyRefusal.TooMany, AssemblyRules.MayTakeProxy(false, 3, 250, 500, 251, Total));
    }

    [Fact]
    public void Absolute_MoreThanHalfOfTheVotesCast_AbstentionsNotCounted()
    {
        var outcome = AssemblyRules.Count(Majority.Absolute, [B(3_000, Vote.For), B(2_000, Vote.Against), B(4_000, Vote.Abstain)], 9_000, Total);
        Assert.True(outcome.Adopted);
        Assert.Equal(5_000m, outcome.Cast);
        Assert.Equal(4_000m, outcome.Abstained);
        Assert.False(AssemblyRules.Count(Majority.Absolute, [B(2_500, Vote.For), B(2_500, Vote.Against)], 5_000, Total).Adopted);   // a tie fails
    }

    [Fact]
    public void TwoThirdsAndFourFifths_ReachedAtTheirExactFraction()
    {
        // everyone present (the cap does not bite); the others present did not vote
        Assert.True(AssemblyRules.Count(Majority.TwoThirds, [B(2_000, Vote.For), B(1_000, Vote.Against)], Total, Total).Adopted);
        Assert.False(AssemblyRules.Count(Majority.TwoThirds, [B(1_999, Vote.For), B(1_001, Vote.Against)], Total, Total).Adopted);
        Assert.True(AssemblyRules.Count(Majority.FourFifths, [B(4_000, Vote.For), B(1_000, Vote.Against)], Total, Total).Adopted);
        Assert.False(AssemblyRules.Count(Majority.FourFifths, [B(3_999, Vote.For), B(1_001, Vote.Against)], Total, Total).Adopted);
    }

    [Fact]
    public void OnlyAbstentions_DecideNothing()
    {
        var outcome = AssemblyRules.Count(Majority.Absolute, [B(3_000, Vote.Abstain)], 3_000, Total);
        Assert.False(outcome.Adopted);
        Assert.Equal(OutcomeNote.NoVotesCast, outcome.Note);
    }

    [Fact]
    public void Cap_NobodyVotesForMoreThanTheOthersPresent_ProxiesIncluded()
    {
        // one owner holds 6,000 and a proxy of 1,000; the others present hold 2,000: their 7,000 count as 2,000
        var holder = Guid.NewGuid();
        var outcome = AssemblyRules.Count(Majority.Absolute,
            [B(6_000, Vote.For, holder), B(1_000, Vote.For, holder), B(1_200, Vote.Against), B(800, Vote.Against)], 9_000, Total);
        Assert.Equal(2_000m, outcome.For);
        Assert.Equal(2_000m, outcome.Against);
        Assert.False(outcome.Adopted);                                   // uncapped it would have passed 7,000 to 2,000
    }

    [Fact]
    public void Unanimity_CountsTheAbsent_AndSaysWhenOnlyAbsenceMadeItFail()
    {
        Assert.True(AssemblyRules.Count(Majority.Unanimity, [B(6_000, Vote.For), B(4_000, Vote.For)], Total, Total).Adopted);
        var absent = AssemblyRules.Count(Majority.Unanimity, [B(6_000, Vote.For), B(3_000, Vote.For)], 9_000, Total);
        Assert.False(absent.Adopted);
        Assert.Equal(OutcomeNote.UnanimityFailedThroughAbsence, absent.Note);
        var against = AssemblyRules.Count(Majority.Unanimity, [B(9_999, Vote.For), B(1, Vote.Against)], Total, Total);
        Assert.False(against.Adopted);
        Assert.Equal(OutcomeNote.None, against.Note);
        var abstention = AssemblyRules.Count(Majority.Unanimity, [B(9_000, Vote.For), B(1_000, Vote.Abstain)], Total, Total);
        Assert.False(abstention.Adopted);                                // an abstention is not a yes
    }

    [Fact]
    public void Count_WithMoreVotesThanSharesPresent_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AssemblyRules.Count(Majority.Absolute, [B(6_000, Vote.For), B(4_000, Vote.For)], 9_000, Total));

    /// <summary>
    /// Lift costs borne by the upper floors only: the ground-floor shop (lot 1) does not vote, the flats vote with their
    /// weight in the lift key (floor 1: 10, floor 2: 20, floor 3: 30), an owner of two flats with both weights.
    /// </summary>
    [Fact]
    public void ConcernedLots_LiftKeyForFloorsOneAndUp_TheShopDoesNotVote_TheFlatsVoteByTheirKeyWeight()
    {
        var (shop, first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Voice V(string name, int shares, params Guid[] units) => new(Guid.NewGuid(), name, shares, [name], units);
        var voices = new[] { V("Shop", 4_000, shop), V("Ann", 2_000, first), V("Bob", 4_000, second, third) };
        var lift = new Dictionary<Guid, decimal> { [first] = 10m, [second] = 20m, [third] = 30m, [shop] = 0m };
        var weights = AssemblyRules.ConcernedWeights(voices, lift);
        Assert.Equal([("Ann", 10m), ("Bob", 50m)], voices.Where(v => weights.ContainsKey(v.OwnerId)).Select(v => (v.Name, weights[v.OwnerId])));

        // Bob against with 50 of 60, Ann for with 10: Bob is capped at the others' 10 (Art. 3.87 §7) — a tie, rejected,
        // although Ann and the shop hold 60 % of the building's shares
        var outcome = AssemblyRules.Count(Majority.Absolute, [B(10, Vote.For), B(50, Vote.Against)], 60m, 60m);
        Assert.Equal((false, 10m, 10m), (outcome.Adopted, outcome.For, outcome.Against));
    }

    [Fact]
    public void Cap_WorksOnFractionalKeyWeights_TheCappedVoterEndsAtTheOthersTotal()
    {
        // weights 12.5 against 7.25: the first is capped at 7.25 (Art. 3.87 §7)
        var outcome = AssemblyRules.Count(Majority.Absolute, [new Ballot(Guid.NewGuid(), Guid.NewGuid(), 12.5m, Vote.For), new Ballot(Guid.NewGuid(), Guid.NewGuid(), 7.25m, Vote.Against)], 19.75m, 19.75m);
        Assert.Equal((7.25m, 7.25m, false), (outcome.For, outcome.Against, outcome.Adopted));
    }

    [Theory]
    [InlineData(20, 0, 0, true)]        // 20 flats: a council is compulsory
    [InlineData(19, 6, 6, false)]       // 19 flats, 6 cellars, 6 parkings: 31 lots, but cellars and parkings do not count
    [InlineData(16, 4, 4, false)]       // Résidence Horta: 24 lots, 16 counted
    public void Council_CompulsoryFrom20Lots_CellarsAndParkingNotCounted(int flats, int cellars, int parkings, bool required)
    {
        var lots = Enumerable.Repeat(UnitType.Apartment, flats).Concat(Enumerable.Repeat(UnitType.Cellar, cellars)).Concat(Enumerable.Repeat(UnitType.Parking, parkings));
        Assert.Equal(required, GovernanceRules.CouncilRequired(lots));
    }

    [Fact]
    public void Mandates_ACouncilMemberForAYear_TheSyndicForThreeAtMost()
    {
        var day = new DateOnly(2026, 11, 20);
        Assert.Equal(new DateOnly(2027, 11, 20), GovernanceRules.LatestEnd(ItemEffect.ElectCouncilMember, day));
        Assert.Equal(new DateOnly(2029, 11, 20), GovernanceRules.LatestEnd(ItemEffect.AppointSyndic, day));
    }
}
