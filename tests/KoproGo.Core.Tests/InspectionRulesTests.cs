using KoproGo.Core.Features.Inspections;

namespace KoproGo.Core.Tests;

/// <summary>The arithmetic of SPEC §6.2's alerts: the stage a due date calls for on a day, and the state it shows.</summary>
public class InspectionRulesTests
{
    private static readonly DateOnly Due = new(2027, 3, 31);

    [Theory]
    [InlineData(91, null)]
    [InlineData(90, 90)]
    [InlineData(61, 90)]
    [InlineData(60, 60)]
    [InlineData(31, 60)]
    [InlineData(30, 30)]
    [InlineData(1, 30)]
    [InlineData(0, 0)]
    [InlineData(-6, 0)]
    [InlineData(-7, -7)]
    [InlineData(-13, -7)]
    [InlineData(-14, -14)]
    [InlineData(-400, -399)]
    public void TheStage_IsTheNearestThresholdReached_ThenOnePerWeekExpired(int daysBefore, int? stage) =>
        Assert.Equal(stage, InspectionRules.Stage(Due, Due.AddDays(-daysBefore)));

    [Fact]
    public void TheState_FollowsTheDueDate()
    {
        Assert.Equal(DueState.Missing, InspectionRules.State(null, Due));
        Assert.Equal(DueState.Valid, InspectionRules.State(Due, Due.AddDays(-91)));
        Assert.Equal(DueState.Upcoming, InspectionRules.State(Due, Due.AddDays(-90)));
        Assert.Equal(DueState.Expired, InspectionRules.State(Due, Due));
        // a lift visited on 31 August, every 6 months: due at the end of February
        Assert.Equal(new DateOnly(2027, 2, 28), InspectionRules.ValidUntil(new DateOnly(2026, 8, 31), 6));
    }
}
