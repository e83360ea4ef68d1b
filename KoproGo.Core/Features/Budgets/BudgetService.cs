using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Calls;

namespace KoproGo.Core.Features.Budgets;

public sealed record BudgetRow(Guid Id, Guid FiscalYearId, int Year, DateOnly YearStart, DateOnly YearEnd, BudgetStatus Status,
    decimal Ordinary, decimal Extraordinary, decimal Reserve, decimal Total);

public sealed record BudgetLineRow(Guid AccountId, string Code, string AccountLabel, BudgetLineKind Kind, decimal Amount, string? Label);

/// <summary>A budget as its page shows it; <see cref="MinimumReserve"/> is 5 % of last year's ordinary charges when a previous year has any.</summary>
public sealed record BudgetDetail(BudgetRow Budget, IReadOnlyList<BudgetLineRow> Lines, decimal[] OrdinaryByMonth, decimal[] ExtraordinaryByMonth, decimal[] ReserveByMonth,
    decimal? LastYearOrdinary, decimal? MinimumReserve, DateOnly? AssemblyDate, string? AssemblyReference, string? RejectionReason, bool CanEdit, bool CanDecide)
{
    public bool ReserveBelowMinimum => MinimumReserve is { } minimum && Budget.Reserve < minimum;
}

public sealed record VarianceReport(Guid BudgetId, DateOnly YearStart, int MonthsElapsed, IReadOnlyList<VarianceLine> Lines, IReadOnlyList<VarianceLine> Unbudgeted, VarianceLine Total);

/// <summary>A slot of the calls schedule and the call already made from it, if any.</summary>
public sealed record ScheduleRow(ScheduleSlot Slot, Guid? CallId, CallState? CallState);

public interface IBudgetService
{
    Task<Result<IReadOnlyList<BudgetRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result<BudgetDetail>> GetAsync(Actor actor, Guid budgetId, CancellationToken ct);
    /// <summary>Creates the draft of a fiscal year (one budget per year) or replaces the lines of a draft.</summary>
    Task<Result<Guid>> SaveDraftAsync(Actor actor, Guid buildingId, Guid? budgetId, BudgetInput input, CancellationToken ct);
    Task<Result> DeleteAsync(Actor actor, Guid budgetId, CancellationToken ct);
    Task<Result> SubmitAsync(Actor actor, Guid budgetId, CancellationToken ct);
    Task<Result> RejectAsync(Actor actor, Guid budgetId, string? reason, CancellationToken ct);
    Task<Result> ReopenAsync(Actor actor, Guid budgetId, CancellationToken ct);
    /// <summary>Records the general assembly's approval (date and minutes reference).</summary>
    Task<Result> VoteAsync(Actor actor, Guid budgetId, BudgetVoteInput input, CancellationToken ct);
    Task<Result> ActivateAsync(Actor actor, Guid budgetId, CancellationToken ct);
    Task<Result> CloseAsync(Actor actor, Guid budgetId, CancellationToken ct);
}

public sealed class BudgetService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IBudgetService
{
    private static readonly BudgetStatus[] Public = [BudgetStatus.Voted, BudgetStatus.Active, BudgetStatus.Closed];

    public async Task<Result<IReadOnlyList<BudgetRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null)
            return Errors.NotFoundError;
        var staff = actor.IsStaffOf(building.OrganisationId, building.Id);
        if (!staff && await db.OwnerInBuildingAsync(actor, buildingId, clock.Today(), ct) is null)
            return Errors.ForbiddenError;       // a tenant's charges come through the lease, not the association's budget
        var rows = await (from b in db.Budgets.AsNoTracking().Include(b => b.Lines)
                          join y in db.FiscalYears on b.FiscalYearId equals y.Id
                          where b.BuildingId == buildingId && (staff || Public.Contains(b.Status))
                          orderby y.StartDate descending
                          select new { Budget = b, Year = y }).ToListAsync(ct);
        return rows.Select(r => Row(r.Budget, r.Year)).ToList();
    }

    internal static BudgetRow Row(Budget b, FiscalYear y) =>
        new(b.Id, y.Id, y.Label, y.StartDate, y.EndDate, b.Status, b.Ordinary, b.Extraordinary, b.Reserve, b.Total);

    /// <summary>
    /// The budget if the actor may read it: staff of the building read every budget, its co-owners only the ones the
    /// assembly voted; tenants none (README, Decisions). Anything else is "not found".
    /// </summary>
    internal static async Task<(Budget Budget, Building Building, FiscalYear Year)?> ReadableAsync(IKoproGoDb db, Actor actor, Guid budgetId, DateOnly today, CancellationToken ct)
    {
        var budget = await db.Budgets.AsNoTracking().Include(b => b.Lines).FirstOrDefaultAsync(b => b.Id == budgetId, ct);
        if (budget is null)
            return null;
        var building = await db.ReadableBuildings(actor, today).AsNoTracking().FirstOrDefaultAsync(b => b.Id == budget.BuildingId, ct);
        if (building is null)
            return null;
        if (!actor.IsStaffOf(building.OrganisationId, building.Id)
            && (!Public.Contains(budget.Status) || await db.OwnerInBuildingAsync(actor, building.Id, today, ct) is null))
            return null;
        var year = await db.FiscalYears.AsNoTracking().FirstAsync(y => y.Id == budget.FiscalYearId, ct);
        return (budget, building, year);
    }

    public async Task<Result<BudgetDetail>> GetAsync(Actor actor, Guid budgetId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await ReadableAsync(db, actor, budgetId, clock.Today(), ct) is not { } readable)
            return Errors.NotFoundError;
        var (budget, building, year) = readable;
        var accountIds = budget.Lines.Select(l => l.AccountId).ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var culture = CultureInfo.CurrentUICulture.Name;
        var lines = budget.Lines.Select(l => new BudgetLineRow(l.AccountId, accounts[l.AccountId].Code, accounts[l.AccountId].DisplayLabel(culture), l.Kind, l.Amount, l.Label))
            .OrderBy(l => l.Kind).ThenBy(l => l.Code, StringComparer.Ordinal).ToList();
        var previous = await db.FiscalYears.AsNoTracking().FirstOrDefaultAsync(y => y.BuildingId == building.Id && y.EndDate == year.StartDate.AddDays(-1), ct);
        decimal? lastYear = null;
        // Art. 3.86 §3: 5 % of the previous year's ordinary charges — not works and major repairs, nor what last year's
        // budget called extraordinary — and only from the fifth year after the provisional acceptance of the common parts
        if (previous is not null && building.ReserveMinimumAppliesOn(year.StartDate))
        {
            var works = await db.Accounts.Where(a => a.OrganisationId == building.OrganisationId && a.IsWorks).Select(a => a.Id).ToListAsync(ct);
            var extraordinary = await (from l in db.BudgetLines
                                       join b in db.Budgets on l.BudgetId equals b.Id
                                       where b.FiscalYearId == previous.Id && l.Kind == BudgetLineKind.Extraordinary
                                       select l.AccountId).ToListAsync(ct);
            var actual = (await BudgetFollowUpService.ChargesAsync(db, building.OrganisationId, previous.Id, ct)).Where(a => !works.Contains(a.AccountId) && !extraordinary.Contains(a.AccountId)).ToList();
            if (actual.Count > 0)
                lastYear = actual.Sum(a => a.Amount);
        }
        return new BudgetDetail(Row(budget, year), lines, BudgetPlan.MonthlyProvisions(budget.Ordinary), BudgetPlan.MonthlyProvisions(budget.Extraordinary),
            BudgetPlan.MonthlyProvisions(budget.Reserve), lastYear, lastYear is { } y ? BudgetPlan.MinimumReserve(y) : null,
            budget.AssemblyDate, budget.AssemblyReference, budget.RejectionReason,
            budget.Status == BudgetStatus.Draft && actor.CanKeepBooks(building.OrganisationId, building.Id), actor.CanManage(building.OrganisationId, building.Id));
    }

    public Task<Result<Guid>> SaveDraftAsync(Actor actor, Guid buildingId, Guid? budgetId, BudgetInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Books, clock.Today(), input.Validate(), async (db, building) =>
        {
            var year = await db.FiscalYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == input.FiscalYearId && y.BuildingId == buildingId, ct);
            if (year is null)
                return new Error(Errors.NotFound, [], nameof(BudgetInput.FiscalYearId));
            if (year.IsClosed)
                return new Error("error.fiscal_year_closed", [year.Label], nameof(BudgetInput.FiscalYearId));
            var accountIds = input.Lines.Select(l => l.AccountId!.Value).ToList();
            var charges = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id) && a.OrganisationId == building.OrganisationId && a.Code.StartsWith("6")).CountAsync(ct);
            if (charges != accountIds.Count)
                return new Error("error.budget_line_account", [], nameof(BudgetInput.Lines));

            Budget budget;
            if (budgetId is { } id)
            {
                var existing = await db.Budgets.Include(b => b.Lines).FirstOrDefaultAsync(b => b.Id == id && b.BuildingId == buildingId, ct);
                if (existing is null)
                    return Errors.NotFoundError;
                if (existing.Status != BudgetStatus.Draft)
                    return StatusError(existing);
                if (existing.FiscalYearId != year.Id)
                    return new Error("error.budget_year_fixed", [], nameof(BudgetInput.FiscalYearId));
                db.BudgetLines.RemoveRange(existing.Lines);
                budget = existing;
            }
            else
            {
                if (await db.Budgets.AnyAsync(b => b.FiscalYearId == year.Id, ct))
                    return new Error("error.budget_exists", [year.Label], nameof(BudgetInput.FiscalYearId));
                budget = Budget.Create(building.OrganisationId, buildingId, year.Id, clock.GetUtcNow());
                db.Budgets.Add(budget);
            }
            budget.SetReserve(input.Reserve);
            // new rows with client-made keys: added explicitly, not through the navigation
            db.BudgetLines.AddRange(input.Lines.Select(l => BudgetLine.Create(budget.Id, l.AccountId!.Value, l.Kind, l.Amount, l.Label)));
            db.Audit(actor, clock, budgetId is null ? "budget.created" : "budget.updated", nameof(Budget), budget.Id, building.OrganisationId, buildingId,
                $"{year.Label}: {input.Lines.Sum(l => l.Amount) + input.Reserve:0.00}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                return new Error("error.budget_exists", [year.Label], nameof(BudgetInput.FiscalYearId));    // a second tab created it first
            }
            return budget.Id;
        }, ct);

    internal static Error StatusError(Budget budget) => Error.Of("error.budget_status", budget.Status.ToString());

    public async Task<Result> DeleteAsync(Actor actor, Guid budgetId, CancellationToken ct) =>
        await ChangeAsync(actor, budgetId, manage: false, BudgetStatus.Draft, (db, budget) =>
        {
            db.BudgetLines.RemoveRange(budget.Lines);
            db.Budgets.Remove(budget);
            return ("budget.deleted", null);
        }, ct);

    public Task<Result> SubmitAsync(Actor actor, Guid budgetId, CancellationToken ct) =>
        ChangeAsync(actor, budgetId, manage: false, BudgetStatus.Submitted, (_, b) => { b.Submit(clock.GetUtcNow()); return ("budget.submitted", null); }, ct);

    public Task<Result> RejectAsync(Actor actor, Guid budgetId, string? reason, CancellationToken ct)
    {
        var v = new Validation().Required(reason, "Reason", Budget.ReasonMax);
        if (!v.IsValid)
            return Task.FromResult(v.ToResult());
        return ChangeAsync(actor, budgetId, manage: true, BudgetStatus.Rejected, (_, b) => { b.Reject(reason!); return ("budget.rejected", reason); }, ct);
    }

    public Task<Result> ReopenAsync(Actor actor, Guid budgetId, CancellationToken ct) =>
        ChangeAsync(actor, budgetId, manage: false, BudgetStatus.Draft, (_, b) => { b.Reopen(); return ("budget.reopened", null); }, ct);

    public Task<Result> VoteAsync(Actor actor, Guid budgetId, BudgetVoteInput input, CancellationToken ct)
    {
        var v = input.Validate(clock.Today());
        if (!v.IsValid)
            return Task.FromResult(v.ToResult());
        return ChangeAsync(actor, budgetId, manage: true, BudgetStatus.Voted, (_, b) =>
        {
            b.Vote(input.AssemblyDate!.Value, input.Reference!, clock.GetUtcNow());
            return ("budget.voted", $"{input.AssemblyDate:yyyy-MM-dd} {input.Reference}");
        }, ct);
    }

    public Task<Result> ActivateAsync(Actor actor, Guid budgetId, CancellationToken ct) =>
        ChangeAsync(actor, budgetId, manage: true, BudgetStatus.Active, (_, b) => { b.Activate(clock.GetUtcNow()); return ("budget.activated", null); }, ct);

    public Task<Result> CloseAsync(Actor actor, Guid budgetId, CancellationToken ct) =>
        ChangeAsync(actor, budgetId, manage: true, BudgetStatus.Closed, (_, b) => { b.Close(clock.GetUtcNow()); return ("budget.closed", null); }, ct);

    /// <summary>
    /// One state change under a lock of the budget row: the actor's right (books keepers prepare, the syndic decides), the
    /// transition allowed from the current state (deleting is "staying a draft"), then the change and its audit entry.
    /// </summary>
    private async Task<Result> ChangeAsync(Actor actor, Guid budgetId, bool manage, BudgetStatus next, Func<IKoproGoDb, Budget, (string Action, string? Details)> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var buildingId = await db.Budgets.Where(b => b.Id == budgetId).Select(b => (Guid?)b.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null)
            return Errors.NotFoundError;
        var today = clock.Today();
        var found = manage ? await db.ManagedBuildingAsync(actor, buildingId.Value, today, ct) : await db.BooksBuildingAsync(actor, buildingId.Value, today, ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        await db.LockAsync<Budget>(budgetId, ct);
        var budget = await db.Budgets.Include(b => b.Lines).FirstAsync(b => b.Id == budgetId, ct);
        var allowed = next == BudgetStatus.Draft && budget.Status == BudgetStatus.Draft || budget.Can(next);
        if (!allowed)
            return StatusError(budget);
        if (next == BudgetStatus.Active)
        {
            var year = await db.FiscalYears.AsNoTracking().FirstAsync(y => y.Id == budget.FiscalYearId, ct);
            if (year.IsClosed || year.EndDate < today)
                return new Error("error.budget_year_over", [year.Label]);
        }
        var (action, details) = change(db, budget);
        db.Audit(actor, clock, action, nameof(Budget), budget.Id, budget.OrganisationId, budget.BuildingId, details);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

}
