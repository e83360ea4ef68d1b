using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Calls;

namespace KoproGo.Core.Features.Budgets;

/// <summary>A voted budget through its year: spending against it (variance), the provisions it schedules and the calls for funds made from them.</summary>
public interface IBudgetFollowUpService
{
    Task<Result<VarianceReport>> VarianceAsync(Actor actor, Guid budgetId, CancellationToken ct);
    Task<Result<IReadOnlyList<ScheduleRow>>> ScheduleAsync(Actor actor, Guid budgetId, CallPeriod period, CancellationToken ct);
    /// <summary>A draft call for one slot of the schedule of a voted or active budget (once per slot unless cancelled).</summary>
    Task<Result<Guid>> CreateCallAsync(Actor actor, Guid budgetId, CallPeriod period, int slot, CancellationToken ct);
}

public sealed class BudgetFollowUpService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IBudgetFollowUpService
{
    /// <summary>Days between a scheduled call and its due date.</summary>
    public const int CallPaymentDays = 30;

    public async Task<Result<VarianceReport>> VarianceAsync(Actor actor, Guid budgetId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await BudgetService.ReadableAsync(db, actor, budgetId, clock.Today(), ct) is not { } readable)
            return Errors.NotFoundError;
        var (budget, building, year) = readable;
        return await ComputeVarianceAsync(db, budget, building.OrganisationId, year, clock.Today(), CultureInfo.CurrentUICulture.Name, ct);
    }

    public async Task<Result<IReadOnlyList<ScheduleRow>>> ScheduleAsync(Actor actor, Guid budgetId, CallPeriod period, CancellationToken ct)
    {
        if (period == CallPeriod.OneTime || !Enum.IsDefined(period))
            return new Error("error.budget_schedule_period", [], "Period");
        await using var db = await dbFactory.CreateAsync(ct);
        if (await BudgetService.ReadableAsync(db, actor, budgetId, clock.Today(), ct) is not { } readable || !actor.IsStaffOf(readable.Building.OrganisationId, readable.Building.Id))
            return Errors.NotFoundError;
        var (budget, _, year) = readable;
        var calls = await db.CallsForFunds.AsNoTracking().Include(c => c.Lines)
            .Where(c => c.BudgetId == budgetId && c.Period == period && c.Status != CallStatus.Cancelled).ToListAsync(ct);
        var today = clock.Today();
        return BudgetPlan.Schedule(year.StartDate, budget.Ordinary, budget.Extraordinary, budget.Reserve, period).Select(s =>
        {
            var call = calls.FirstOrDefault(c => c.BudgetSlot == s.Index);
            return new ScheduleRow(s, call?.Id, call?.StateOn(today));
        }).ToList();
    }

    public async Task<Result<Guid>> CreateCallAsync(Actor actor, Guid budgetId, CallPeriod period, int slot, CancellationToken ct)
    {
        if (period == CallPeriod.OneTime || !Enum.IsDefined(period))
            return new Error("error.budget_schedule_period", [], "Period");
        await using var db = await dbFactory.CreateAsync(ct);
        var budget = await db.Budgets.AsNoTracking().Include(b => b.Lines).FirstOrDefaultAsync(b => b.Id == budgetId, ct);
        if (budget is null)
            return Errors.NotFoundError;
        var found = await db.BooksBuildingAsync(actor, budget.BuildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<Guid>.Fail(found.Errors);
        if (budget.Status is not (BudgetStatus.Voted or BudgetStatus.Active))
            return new Error("error.budget_not_approved");
        var year = await db.FiscalYears.AsNoTracking().FirstAsync(y => y.Id == budget.FiscalYearId, ct);
        var s = BudgetPlan.Schedule(year.StartDate, budget.Ordinary, budget.Extraordinary, budget.Reserve, period).FirstOrDefault(x => x.Index == slot);
        if (s is null)
            return Errors.NotFoundError;
        var building = found.Value;
        var culture = CultureInfo.GetCultureInfo(building.Language);
        var name = period switch
        {
            CallPeriod.Monthly => s.From.ToString("MMMM yyyy", culture),
            CallPeriod.Quarterly => Texts.Get("budget.quarter", culture, slot, year.Label),
            _ => year.Label.ToString(CultureInfo.InvariantCulture),
        };
        var callDate = s.From < clock.Today() ? clock.Today() : s.From;
        var input = new CallInput
        {
            Title = Texts.Get("budget.call_title", culture, name),
            Period = period,
            CallDate = callDate,
            DueDate = callDate.AddDays(CallPaymentDays),
            Ordinary = s.Ordinary,
            Extraordinary = s.Extraordinary,
            Reserve = s.Reserve,
        };
        var call = CallForFunds.Create(building.OrganisationId, building.Id, input, clock.GetUtcNow());
        call.FollowBudget(budget.Id, slot);
        db.CallsForFunds.Add(call);
        db.Audit(actor, clock, "call.created", nameof(CallForFunds), call.Id, building.OrganisationId, building.Id, $"{call.Title} {call.Total:0.00} ← {year.Label} {period} {slot}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.budget_slot_called", [slot]);
        }
        return call.Id;
    }

    /// <summary>
    /// Budgeted vs actual per line and month. Actual = what was posted on the line's account and its sub-accounts (codes
    /// that start with it) in the fiscal year, debit − credit, leaving out the year-end closing entry that zeroes class 6.
    /// Charges posted on accounts the budget does not name are listed apart.
    /// </summary>
    internal static async Task<VarianceReport> ComputeVarianceAsync(IKoproGoDb db, Budget budget, Guid organisationId, FiscalYear year, DateOnly today, string culture, CancellationToken ct)
    {
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.OrganisationId == organisationId && a.Code.StartsWith("6")).ToDictionaryAsync(a => a.Id, ct);
        var charges = await ChargesAsync(db, organisationId, year.Id, ct);
        var budgeted = budget.Lines.ToDictionary(l => accounts[l.AccountId].Code);
        // each posted account goes to the budget line of the longest code it starts with (6100.01 → 6100 → 61)
        string? LineOf(string code) => budgeted.Keys.Where(code.StartsWith).OrderByDescending(k => k.Length).FirstOrDefault();
        var actual = new Dictionary<string, decimal[]>();
        foreach (var c in charges)
        {
            var code = accounts[c.AccountId].Code;
            var key = LineOf(code) ?? code;
            if (!actual.TryGetValue(key, out var months))
                actual[key] = months = new decimal[BudgetPlan.Months];
            months[BudgetPlan.MonthIndex(year.StartDate, new DateOnly(c.Year, c.Month, 1).AddDays(year.StartDate.Day - 1))] += c.Amount;
        }
        var elapsed = BudgetPlan.MonthsElapsed(year.StartDate, today);
        var lines = budget.Lines.Select(l => accounts[l.AccountId]).OrderBy(a => a.Code, StringComparer.Ordinal).Select(a =>
        {
            var line = budgeted[a.Code];
            return BudgetPlan.Line(a.Id, a.Code, line.Label ?? a.DisplayLabel(culture), line.Kind, line.Amount, actual.GetValueOrDefault(a.Code) ?? new decimal[BudgetPlan.Months], elapsed);
        }).ToList();
        var byCode = accounts.Values.ToDictionary(a => a.Code);
        var unbudgeted = actual.Where(kv => !budgeted.ContainsKey(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => BudgetPlan.Line(byCode[kv.Key].Id, kv.Key, byCode[kv.Key].DisplayLabel(culture), null, 0m, kv.Value, elapsed)).ToList();
        var total = BudgetPlan.Total(Texts.Get("budget.total", culture), [.. lines, .. unbudgeted], elapsed);
        return new VarianceReport(budget.Id, year.StartDate, elapsed, lines, unbudgeted, total);
    }

    internal sealed record Charge(Guid AccountId, int Year, int Month, decimal Amount);

    /// <summary>Class-6 amounts of a fiscal year per account and calendar month, without the year-end closing entry.</summary>
    internal static async Task<List<Charge>> ChargesAsync(IKoproGoDb db, Guid organisationId, Guid fiscalYearId, CancellationToken ct)
    {
        var ids = await db.Accounts.Where(a => a.OrganisationId == organisationId && a.Code.StartsWith("6")).Select(a => a.Id).ToListAsync(ct);
        // grouped by account and day, the order of the (fiscal_year_id, account_id, date) index that carries debit and
        // credit: one index-only scan aggregated as it streams; the days are folded into months here (at most 366 per account)
        var posted = await db.JournalLines.Where(l => l.FiscalYearId == fiscalYearId && ids.Contains(l.AccountId))
            .GroupBy(l => new { l.AccountId, l.Date })
            .Select(g => new { g.Key.AccountId, g.Key.Date, Amount = g.Sum(x => x.Debit) - g.Sum(x => x.Credit) })
            .ToListAsync(ct);
        var closing = await (from l in db.JournalLines
                             join e in db.JournalEntries on l.EntryId equals e.Id
                             where e.FiscalYearId == fiscalYearId && e.Kind == EntryKind.YearEndClosing && ids.Contains(l.AccountId)
                             select new { l.AccountId, l.Date, Amount = l.Debit - l.Credit }).ToListAsync(ct);
        return posted.Concat(closing.Select(c => new { c.AccountId, c.Date, Amount = -c.Amount }))
            .GroupBy(p => (p.AccountId, p.Date.Year, p.Date.Month))
            .Select(g => new Charge(g.Key.AccountId, g.Key.Year, g.Key.Month, g.Sum(x => x.Amount)))
            .Where(c => c.Amount != 0).ToList();
    }
}
