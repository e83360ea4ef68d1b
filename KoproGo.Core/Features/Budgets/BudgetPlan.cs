using KoproGo.Core.Features.Calls;

namespace KoproGo.Core.Features.Budgets;

/// <summary>One period of the calls schedule derived from a budget: the provisions of its months, per fund.</summary>
public sealed record ScheduleSlot(int Index, DateOnly From, DateOnly To, decimal Ordinary, decimal Extraordinary, decimal Reserve)
{
    public decimal Total => Ordinary + Extraordinary + Reserve;
}

/// <summary>Budgeted vs actual of one line (or the total) month by month, with the year-to-date variance and the projection.</summary>
public sealed record VarianceLine(Guid? AccountId, string Code, string Label, BudgetLineKind? Kind, decimal Budgeted, decimal[] BudgetedByMonth, decimal[] ActualByMonth,
    decimal BudgetedToDate, decimal ActualToDate, decimal? VariancePercent, decimal Projection)
{
    public decimal Actual => ActualByMonth.Sum();
}

/// <summary>
/// The arithmetic of SPEC §4.1, without the database: monthly provisions (annual / 12 to the cent, the twelve months adding
/// up to the annual amount), the calls schedule, and the variance per line and month.
/// </summary>
public static class BudgetPlan
{
    public const int Months = 12;

    private static readonly decimal[] EqualMonths = Enumerable.Repeat(1m, Months).ToArray();

    /// <summary>Annual / 12 per month; the cents left over go to the first months (largest remainder, ties to the earlier).</summary>
    public static decimal[] MonthlyProvisions(decimal annual) => annual == 0 ? new decimal[Months] : Money.Distribute(annual, EqualMonths);

    public static int MonthsPer(CallPeriod period) => period switch
    {
        CallPeriod.Monthly => 1,
        CallPeriod.Quarterly => 3,
        CallPeriod.Yearly => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "A one-time call has no schedule."),
    };

    /// <summary>The calls of the year for a period: each sums the monthly provisions of its months, so the year adds up to the budget.</summary>
    public static IReadOnlyList<ScheduleSlot> Schedule(DateOnly yearStart, decimal ordinary, decimal extraordinary, decimal reserve, CallPeriod period)
    {
        var size = MonthsPer(period);
        var o = MonthlyProvisions(ordinary);
        var e = MonthlyProvisions(extraordinary);
        var r = MonthlyProvisions(reserve);
        return Enumerable.Range(0, Months / size).Select(i =>
        {
            var months = Enumerable.Range(i * size, size).ToList();
            return new ScheduleSlot(i + 1, yearStart.AddMonths(i * size), yearStart.AddMonths((i + 1) * size).AddDays(-1),
                months.Sum(m => o[m]), months.Sum(m => e[m]), months.Sum(m => r[m]));
        }).ToList();
    }

    /// <summary>Months of the fiscal year started on <paramref name="today"/> (the current month counts), 0 to 12.</summary>
    public static int MonthsElapsed(DateOnly yearStart, DateOnly today)
    {
        if (today < yearStart)
            return 0;
        var months = (today.Year - yearStart.Year) * 12 + today.Month - yearStart.Month + (today.Day >= yearStart.Day ? 1 : 0);
        return Math.Clamp(months, 0, Months);
    }

    /// <summary>Month index (0–11) of a date within the fiscal year.</summary>
    public static int MonthIndex(DateOnly yearStart, DateOnly date) =>
        Math.Clamp((date.Year - yearStart.Year) * 12 + date.Month - yearStart.Month - (date.Day < yearStart.Day ? 1 : 0), 0, Months - 1);

    /// <summary>(actual − budgeted) / budgeted × 100, to two decimals; none when nothing was budgeted.</summary>
    public static decimal? VariancePercent(decimal budgeted, decimal actual) =>
        budgeted == 0 ? null : Math.Round((actual - budgeted) / budgeted * 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// One line of the variance: the budget spread per month, the actuals per month, the comparison year to date (the
    /// months elapsed, the current one included) and the year-end projection (actual to date extended over twelve months;
    /// the budget itself before the year starts, the actual once it has ended).
    /// </summary>
    public static VarianceLine Line(Guid? accountId, string code, string label, BudgetLineKind? kind, decimal budgeted, decimal[] actualByMonth, int monthsElapsed)
    {
        var byMonth = MonthlyProvisions(budgeted);
        var budgetedToDate = byMonth.Take(monthsElapsed).Sum();
        var actualToDate = actualByMonth.Take(monthsElapsed).Sum();
        var projection = monthsElapsed switch
        {
            0 => budgeted,
            Months => actualByMonth.Sum(),
            _ => Money.Cents(actualToDate / monthsElapsed * Months),
        };
        return new VarianceLine(accountId, code, label, kind, budgeted, byMonth, actualByMonth, budgetedToDate, actualToDate,
            VariancePercent(budgetedToDate, actualToDate), projection);
    }

    /// <summary>The total of several lines, computed the same way.</summary>
    public static VarianceLine Total(string label, IReadOnlyList<VarianceLine> lines, int monthsElapsed)
    {
        var actual = Enumerable.Range(0, Months).Select(m => lines.Sum(l => l.ActualByMonth[m])).ToArray();
        var budgetedByMonth = Enumerable.Range(0, Months).Select(m => lines.Sum(l => l.BudgetedByMonth[m])).ToArray();
        var budgetedToDate = budgetedByMonth.Take(monthsElapsed).Sum();
        var actualToDate = actual.Take(monthsElapsed).Sum();
        return new VarianceLine(null, "", label, null, lines.Sum(l => l.Budgeted), budgetedByMonth, actual, budgetedToDate, actualToDate,
            VariancePercent(budgetedToDate, actualToDate), lines.Sum(l => l.Projection));
    }

    /// <summary>The reserve contribution expected by law: 5 % of last year's ordinary charges (Civil Code Art. 3.86 §3).</summary>
    public static decimal MinimumReserve(decimal lastYearOrdinaryCharges) => Money.Cents(lastYearOrdinaryCharges * 0.05m);
}
