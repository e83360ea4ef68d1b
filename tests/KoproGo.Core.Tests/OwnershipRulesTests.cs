using KoproGo.Core.Common;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Owners;

namespace KoproGo.Core.Tests;

public class OwnershipRulesTests
{
    private static OwnershipLine Line(decimal pct, OwnershipKind kind = OwnershipKind.Full, bool primary = false) =>
        new() { OwnerId = Guid.NewGuid(), Percentage = pct, Kind = kind, IsPrimaryContact = primary };

    [Fact]
    public void Validate_SixtyForty_IsValid() => Assert.Empty(OwnershipRules.Validate([Line(60, primary: true), Line(40)]));

    [Fact]
    public void Validate_ThirdsWithFourDecimals_IsValid() =>
        Assert.Empty(OwnershipRules.Validate([Line(33.3333m, primary: true), Line(33.3333m), Line(33.3334m)]));

    [Fact]
    public void Validate_SumNinety_ReportsSum()
    {
        var errors = OwnershipRules.Validate([Line(60, primary: true), Line(30)]);
        var error = Assert.Single(errors);
        Assert.Equal("error.ownership_sum", error.Code);
        Assert.Equal(90m, error.Args[0]);
    }

    [Fact]
    public void Validate_BareOwnershipAndUsufruct_EachHundred_IsValid() =>
        Assert.Empty(OwnershipRules.Validate([Line(100, OwnershipKind.Usufruct, true), Line(50, OwnershipKind.BareOwnership), Line(50, OwnershipKind.BareOwnership)]));

    [Fact]
    public void Validate_SplitMissingUsufruct_Refused() =>
        Assert.Contains(OwnershipRules.Validate([Line(100, OwnershipKind.BareOwnership, true)]), e => e.Code == "error.ownership_split_sum");

    [Fact]
    public void Validate_SplitMixedWithFull_Refused() =>
        Assert.Contains(OwnershipRules.Validate([Line(100, OwnershipKind.Usufruct, true), Line(100, OwnershipKind.BareOwnership), Line(100)]), e => e.Code == "error.ownership_mixed");

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100.5)]
    [InlineData(12.34567)]
    public void Validate_PercentageOutOfRange_Refused(decimal pct) =>
        Assert.Contains(OwnershipRules.Validate([Line(pct, primary: true)]), e => e.Code == "error.percentage_range");

    [Fact]
    public void Validate_NoPrimaryContact_Refused() =>
        Assert.Contains(OwnershipRules.Validate([Line(50), Line(50)]), e => e.Code == "error.ownership_one_primary");

    [Fact]
    public void Validate_SameOwnerTwice_Refused()
    {
        var a = Line(50, primary: true);
        var b = Line(50);
        b.OwnerId = a.OwnerId;
        Assert.Contains(OwnershipRules.Validate([a, b]), e => e.Code == "error.ownership_duplicate_owner");
    }

    [Fact]
    public void CheckEffectiveDate_TransferBeforeCurrentStart_Refused()
    {
        var current = Ownership.Start(Guid.NewGuid(), Line(100, primary: true), new DateOnly(2020, 5, 1));
        Assert.NotNull(OwnershipRules.CheckEffectiveDate([current], new DateOnly(2019, 1, 1), isTransfer: true));
        Assert.NotNull(OwnershipRules.CheckEffectiveDate([current], new DateOnly(2020, 5, 1), isTransfer: true));
        Assert.Null(OwnershipRules.CheckEffectiveDate([current], new DateOnly(2020, 5, 2), isTransfer: true));
        Assert.Null(OwnershipRules.CheckEffectiveDate([current], new DateOnly(2020, 5, 1), isTransfer: false));
    }

    [Fact]
    public void Ownership_ActiveWindow_EndIsExclusive()
    {
        var o = Ownership.Start(Guid.NewGuid(), Line(100, primary: true), new DateOnly(2020, 1, 1));
        o.End(new DateOnly(2024, 6, 30));
        Assert.True(o.IsActiveOn(new DateOnly(2024, 6, 29)));
        Assert.False(o.IsActiveOn(new DateOnly(2024, 6, 30)));
        Assert.Throws<BusinessRuleException>(() => o.End(new DateOnly(2019, 1, 1)));
    }

    [Theory]
    [InlineData(1000, 900, 0, 100, true)]
    [InlineData(1000, 900, 0, 101, false)]
    [InlineData(1000, 1000, 50, 50, true)]    // editing a unit keeps its own shares
    [InlineData(1000, 1000, 50, 51, false)]
    public void ShareRules_CheckFits(int total, int allocated, int oldShares, int newShares, bool fits)
    {
        var error = ShareRules.CheckFits(total, allocated, oldShares, newShares);
        Assert.Equal(fits, error is null);
        if (error is not null)
            Assert.Equal(total - allocated + oldShares, error.Args[1]);
    }

    [Fact]
    public void BuildingInput_BadFields_EachReported()
    {
        var input = new BuildingInput { Name = "", Street = "x", PostalCode = "0123", City = "Bxl", TotalShares = 0, WorkingFundIban = "BE00", EnterpriseNumber = "1", Slug = "Not OK" };
        var fields = input.Validate(2026).Errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Name", "PostalCode", "TotalShares", "WorkingFundIban", "EnterpriseNumber", "Slug" }, fields);
        Assert.Equal(6, fields.Count);
    }
}
