using KoproGo.Core.Common;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Calls;

namespace KoproGo.Core.Tests;

public class BudgetTests
{
    [Fact]
    public void MonthlyProvisions_AreAnnualOverTwelve_AndAddUpToTheCent()
    {
        Assert.Equal([83.34m, 83.34m, 83.34m, 83.34m, 83.33m, 83.33m, 83.33m, 83.33m, 83.33m, 83.33m, 83.33m, 83.33m], BudgetPlan.MonthlyProvisions(1_000m));
        Assert.All(BudgetPlan.MonthlyProvisions(0m), m => Assert.Equal(0m, m));
        var random = new Random(42);
        for (var i = 0; i < 2_000; i++)
        {
            var annual = random.Next(0, 10_000_000) / 100m;
            var months = BudgetPlan.MonthlyProvisions(annual);
            Assert.Equal(annual, months.Sum());
            Assert.True(months.Max() - months.Min() <= 0.01m);
        }
    }

    [Fact]
    public void Schedule_SumsTheProvisionsOfEachPeriod_AndTheYearIsTheBudget()
    {
        var start = new DateOnly(2026, 1, 1);
        var quarterly = BudgetPlan.Schedule(start, 10_000m, 5_000m, 1_000m, CallPeriod.Quarterly);
        Assert.Equal(4, quarterly.Count);
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)), (quarterly[1].From, quarterly[1].To));
        Assert.Equal([2_500.02m, 2_500.00m, 2_499.99m, 2_499.99m], quarterly.Select(q => q.Ordinary).ToArray());    // months: 833.34 ×4 then 833.33 ×8
        Assert.Equal(16_000m, quarterly.Sum(q => q.Total));
        Assert.Equal(1_000m, quarterly.Sum(q => q.Reserve));
        var monthly = BudgetPlan.Schedule(new DateOnly(2026, 7, 1), 1_200m, 0m, 0m, CallPeriod.Monthly);
        Assert.Equal(12, monthly.Count);
        Assert.Equal(new DateOnly(2027, 6, 30), monthly[^1].To);
        Assert.All(monthly, m => Assert.Equal(100m, m.Total));
        Assert.Equal(1_234.56m, Assert.Single(BudgetPlan.Schedule(start, 1_000m, 234.56m, 0m, CallPeriod.Yearly)).Total);
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetPlan.Schedule(start, 1m, 0m, 0m, CallPeriod.OneTime));
    }

    [Theory]
    [InlineData("2026-01-01", "2025-12-31", 0)]
    [InlineData("2026-01-01", "2026-01-01", 1)]
    [InlineData("2026-01-01", "2026-11-25", 11)]
    [InlineData("2026-01-01", "2027-03-01", 12)]
    [InlineData("2026-07-01", "2026-11-25", 5)]
    [InlineData("2026-07-01", "2027-06-30", 12)]
    public void MonthsElapsed_CountsTheCurrentMonth(string start, string today, int expected) =>
        Assert.Equal(expected, BudgetPlan.MonthsElapsed(DateOnly.Parse(start), DateOnly.Parse(today)));

    [Theory]
    [InlineData(1_000, 1_100, 10)]
    [InlineData(1_000, 950, -5)]
    [InlineData(3_000, 3_100, 3.33)]
    [InlineData(1_000, 0, -100)]
    public void VariancePercent_IsActualMinusBudgetOverBudget(decimal budgeted, decimal actual, decimal expected) =>
        Assert.Equal(expected, BudgetPlan.VariancePercent(budgeted, actual));

    [Fact]
    public void VariancePercent_IsNone_WhenNothingWasBudgeted() => Assert.Null(BudgetPlan.VariancePercent(0m, 250m));

    [Fact]
    public void Line_ComparesTheMonthsElapsed_AndProjectsTheYear()
    {
        var actual = new decimal[12];
        actual[0] = 3_000m;     // the yearly insurance paid in January
        actual[4] = 1_400m;
        var line = BudgetPlan.Line(null, "610", "Assurance", BudgetLineKind.Ordinary, 12_000m, actual, monthsElapsed: 6);
        Assert.Equal(6_000m, line.BudgetedToDate);
        Assert.Equal(4_400m, line.ActualToDate);
        Assert.Equal(-26.67m, line.VariancePercent);
        Assert.Equal(8_800m, line.Projection);
        Assert.Equal(12_000m, BudgetPlan.Line(null, "610", "x", null, 12_000m, actual, 0).Projection);     // before the year: the budget
        Assert.Equal(4_400m, BudgetPlan.Line(null, "610", "x", null, 12_000m, actual, 12).Projection);     // after it: what was spent
        var total = BudgetPlan.Total("Total", [line, BudgetPlan.Line(null, "620", "x", null, 0m, actual, 6)], 6);
        Assert.Equal((6_000m, 8_800m, 12_000m), (total.BudgetedToDate, total.ActualToDate, total.Budgeted));
        Assert.Equal(46.67m, total.VariancePercent);
    }

    [Fact]
    public void MinimumReserve_IsFivePercentOfLastYearsOrdinaryCharges() => Assert.Equal(617.28m, BudgetPlan.MinimumReserve(12_345.67m));

    [Fact]
    public void States_FollowTheLifeOfABudget()
    {
        var now = DateTimeOffset.UtcNow;
        var budget = Budget.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), now);
        Assert.False(budget.Can(BudgetStatus.Voted));
        Assert.Throws<InvalidOperationException>(() => budget.Vote(new DateOnly(2026, 3, 1), "PV 2026-1", now));
        budget.Submit(now);
        Assert.Throws<InvalidOperationException>(() => budget.SetReserve(1m));      // edit only in draft
        budget.Reject("Trop cher");
        budget.Reopen();
        budget.SetReserve(10m);
        budget.Submit(now);
        budget.Vote(new DateOnly(2026, 3, 1), " PV 2026-1 ", now);
        Assert.Equal("PV 2026-1", budget.AssemblyReference);
        Assert.False(budget.Can(BudgetStatus.Closed));
        budget.Activate(now);
        budget.Close(now);
        Assert.Equal(BudgetStatus.Closed, budget.Status);
        Assert.False(budget.Can(BudgetStatus.Active));
    }

    [Fact]
    public void Input_IsRefused_WhenNegativeZeroDuplicatedOrIncomplete()
    {
        var account = Guid.NewGuid();
        static string[] Codes(BudgetInput i) => i.Validate().Errors.Select(e => e.Code).ToArray();
        Assert.Contains("error.budget_negative", Codes(new BudgetInput { FiscalYearId = Guid.NewGuid(), Lines = [new() { AccountId = account, Amount = -1m }, new() { AccountId = Guid.NewGuid(), Amount = 100m }] }));
        Assert.Contains("error.budget_zero", Codes(new BudgetInput { FiscalYearId = Guid.NewGuid(), Lines = [new() { AccountId = account, Amount = 0m }] }));
        Assert.Contains("error.budget_zero", Codes(new BudgetInput { FiscalYearId = Guid.NewGuid() }));
        Assert.Contains("error.budget_line_twice", Codes(new BudgetInput { FiscalYearId = Guid.NewGuid(), Lines = [new() { AccountId = account, Amount = 1m }, new() { AccountId = account, Kind = BudgetLineKind.Extraordinary, Amount = 2m }] }));
        Assert.Contains("error.amount_cents", Codes(new BudgetInput { FiscalYearId = Guid.NewGuid(), Lines = [new() { AccountId = account, Amount = 1.005m }] }));
        Assert.Contains(Errors.Required, Codes(new BudgetInput { Lines = [new() { AccountId = account, Amount = 1m }] }));
        Assert.Contains("error.budget_line_account", Codes(new BudgetInput { FiscalYearId = Guid.NewGuid(), Lines = [new() { Amount = 1m }] }));
        Assert.True(new BudgetInput { FiscalYearId = Guid.NewGuid(), Reserve = 500m }.Validate().IsValid);
    }
}
