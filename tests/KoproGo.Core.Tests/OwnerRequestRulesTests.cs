using KoproGo.Core.Features.Assemblies;

namespace KoproGo.Core.Tests;

/// <summary>The calendar of owners' requests (Civil Code Art. 3.87 §2), with the ROI's fortnight starting on 15 May.</summary>
public class OwnerRequestRulesTests
{
    private static readonly AssemblyPeriod May15 = new(5, 15);

    [Theory]
    [InlineData("2027-04-24", "2027-05-15")]   // exactly three weeks before the first day: in time
    [InlineData("2027-04-25", "2028-05-15")]   // a day later: the next year's assembly
    [InlineData("2027-01-10", "2027-05-15")]
    [InlineData("2026-12-31", "2027-05-15")]   // across the new year
    [InlineData("2027-05-20", "2028-05-15")]   // during this year's fortnight: next year's
    public void AProposal_GoesToTheFortnightStartingAtLeastThreeWeeksLater(string received, string dueFrom) =>
        Assert.Equal(DateOnly.Parse(dueFrom), OwnerRequestRules.DueFrom(DateOnly.Parse(received), May15));

    [Fact]
    public void WithoutAFortnightInTheRoi_AnyOrdinaryAssemblyThreeWeeksLaterCarriesIt() =>
        Assert.Equal(new DateOnly(2027, 2, 21), OwnerRequestRules.DueFrom(new DateOnly(2027, 1, 31), null));

    [Theory]
    [InlineData(2028, "2028-02-29")]
    [InlineData(2027, "2027-02-28")]   // a fortnight from 29 February starts on the 28th in other years
    public void AFortnightFrom29February_StartsOnThe28thInOtherYears(int year, string start) =>
        Assert.Equal(DateOnly.Parse(start), new AssemblyPeriod(2, 29).In(year));

    [Fact]
    public void TheLastDayForAFortnight_IsThreeWeeksBeforeItsFirstDay() =>
        Assert.Equal(new DateOnly(2027, 4, 24), OwnerRequestRules.LastDayFor(new DateOnly(2027, 5, 15)));

    [Theory]
    [InlineData(200, 1_000, true)]     // exactly a fifth: "at least"
    [InlineData(199, 1_000, false)]
    [InlineData(2_001, 10_000, true)]
    [InlineData(1, 3, true)]           // a third of three shares holds more than a fifth
    [InlineData(0, 0, false)]          // a building without shares has no fifth to reach
    public void ARequestStands_OnceItsSignatoriesHoldAFifthOfTheShares(int signed, int total, bool reached) =>
        Assert.Equal(reached, OwnerRequestRules.FifthReached(signed, total));

    [Theory]
    [InlineData(null, null, 15, true)]
    [InlineData(5, 15, 20, true)]
    [InlineData(2, 29, 15, true)]      // the ROI may name the 29th of February
    [InlineData(2, 30, 15, false)]
    [InlineData(0, 1, 15, false)]
    [InlineData(5, null, 15, false)]   // a month without its day
    [InlineData(null, null, 14, false)]  // shorter than the law
    [InlineData(null, null, 91, false)]
    public void TheBuildingsAssemblyRules_AreADayThatExists_AndAtLeastTheLawsFifteenDays(int? month, int? day, int days, bool valid) =>
        Assert.Equal(valid, new AssemblySettingsInput { PeriodMonth = month, PeriodDay = day, ConvocationDays = days }.Validate().IsValid);
}
