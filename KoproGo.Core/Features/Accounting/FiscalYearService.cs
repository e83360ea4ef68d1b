namespace KoproGo.Core.Features.Accounting;

/// <summary>A building's fiscal years: opening the next, removing one opened by mistake, the year-end closing.</summary>
public interface IFiscalYearService
{
    Task<Result<IReadOnlyList<FiscalYearRow>>> FiscalYearsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>
    /// Opens the year after the last one (or the one that contains today when the building has none yet). Only one year may lie ahead: while the last year has not started, another is
    /// refused (three clicks used to open three years with no way back).
    /// </summary>
    Task<Result<FiscalYearRow>> OpenNextFiscalYearAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>Removes a year opened by mistake: the building's last year, not closed, with no entry and no budget.</summary>
    Task<Result> RemoveFiscalYearAsync(Actor actor, Guid fiscalYearId, CancellationToken ct);
    /// <summary>Year-end: the result of classes 6/7 goes to the chosen fund, balances open the next year, the year locks.</summary>
    Task<Result<string>> CloseYearAsync(Actor actor, Guid fiscalYearId, YearEndInput input, CancellationToken ct);
}

public sealed class FiscalYearService(IKoproGoDbFactory dbFactory, JournalPoster poster, TimeProvider clock) : IFiscalYearService
{
    public async Task<Result<IReadOnlyList<FiscalYearRow>>> FiscalYearsAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var building = await db.StaffBuildingAsync(actor, buildingId, clock.Today(), ct);
        if (!building.Succeeded)
            return Result<IReadOnlyList<FiscalYearRow>>.Fail(building.Errors);
        var years = await db.FiscalYears.AsNoTracking().Where(y => y.BuildingId == buildingId).OrderByDescending(y => y.StartDate).ToListAsync(ct);
        return years.Select(Row).ToList();
    }

    public async Task<Result<FiscalYearRow>> OpenNextFiscalYearAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.BooksBuildingAsync(actor, buildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<FiscalYearRow>.Fail(found.Errors);
        await db.LockBuildingAsync(buildingId, ct);
        var last = await db.FiscalYears.AsNoTracking().Where(y => y.BuildingId == buildingId).OrderByDescending(y => y.StartDate).FirstOrDefaultAsync(ct);
        if (last is not null && last.StartDate > clock.Today())
            return Error.Of("error.fiscal_year_ahead", last.Label);
        var year = await NextYearAsync(db, found.Value, ct);
        db.Audit(actor, clock, "fiscal_year.opened", nameof(FiscalYear), year.Id, found.Value.OrganisationId, buildingId, $"{year.StartDate:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Row(year);
    }

    public async Task<Result> RemoveFiscalYearAsync(Actor actor, Guid fiscalYearId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.FiscalYears.AsNoTracking().Where(y => y.Id == fiscalYearId).FindInBuildingAsync(db, actor, y => y.BuildingId, BuildingRight.Books, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (year, building) = found.Value;
        // the lock that opening and posting take: nothing lands in the year while it goes
        await db.LockBuildingAsync(year.BuildingId, ct);
        var isLast = !await db.FiscalYears.AnyAsync(y => y.BuildingId == year.BuildingId && y.StartDate > year.StartDate, ct);
        if (!isLast || year.IsClosed)
            return Error.Of("error.fiscal_year_not_last", year.Label);
        if (await db.Set<JournalEntry>().AnyAsync(e => e.FiscalYearId == fiscalYearId, ct)
            || await db.Set<Budgets.Budget>().AnyAsync(b => b.FiscalYearId == fiscalYearId, ct))
            return Error.Of("error.fiscal_year_not_empty", year.Label);
        try
        {
            await db.FiscalYears.Where(y => y.Id == fiscalYearId).ExecuteDeleteAsync(ct);
        }
        catch (Exception e) when (e.SqlState() == "23503")
        {
            return Error.Of("error.fiscal_year_not_empty", year.Label);   // something else points to it (a settlement…)
        }
        db.Audit(actor, clock, "fiscal_year.removed", nameof(FiscalYear), year.Id, building.OrganisationId, year.BuildingId, $"{year.StartDate:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    private async Task<FiscalYear> NextYearAsync(IKoproGoDb db, Building building, CancellationToken ct)
    {
        var last = await db.FiscalYears.Where(y => y.BuildingId == building.Id).OrderByDescending(y => y.StartDate).FirstOrDefaultAsync(ct);
        DateOnly start;
        if (last is not null)
            start = last.EndDate.AddDays(1);
        else
        {
            var today = clock.Today();
            start = new DateOnly(today.Year, building.FiscalYearStartMonth, 1);
            if (start > today)
                start = start.AddYears(-1);
        }
        var year = FiscalYear.Starting(building.Id, start);
        db.FiscalYears.Add(year);
        return year;
    }

    public async Task<Result<string>> CloseYearAsync(Actor actor, Guid fiscalYearId, YearEndInput input, CancellationToken ct)
    {
        if (input.FundCode is not (StandardChart.WorkingFund or StandardChart.ReserveFund))
            return new Error("error.closing_fund", [], nameof(YearEndInput.FundCode));
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var yearBuilding = await db.FiscalYears.Where(y => y.Id == fiscalYearId).Select(y => (Guid?)y.BuildingId).FirstOrDefaultAsync(ct);
        if (yearBuilding is null)
            return Errors.NotFoundError;
        var found = await db.BooksBuildingAsync(actor, yearBuilding.Value, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<string>.Fail(found.Errors);
        var building = found.Value;
        // exclusive on the year: postings in progress (share locks) finish first, later ones wait and then find it closed
        var year = await db.FiscalYears.FromSqlInterpolated($"SELECT * FROM fiscal_years WHERE id = {fiscalYearId} FOR UPDATE").FirstAsync(ct);
        if (year.IsClosed)
            return new Error("error.fiscal_year_closed", [year.Label]);

        // balances per account and sub-ledger at the end of the year
        var balances = await (from l in db.JournalLines
                              join e in db.JournalEntries on l.EntryId equals e.Id
                              join a in db.Accounts on l.AccountId equals a.Id
                              where e.FiscalYearId == year.Id
                              group l by new { l.AccountId, a.Code, l.OwnerId, l.SupplierId } into g
                              select new { g.Key.AccountId, g.Key.Code, g.Key.OwnerId, g.Key.SupplierId, Balance = g.Sum(x => x.Debit) - g.Sum(x => x.Credit) })
            .ToListAsync(ct);
        var accounts = await db.Accounts.Where(a => a.OrganisationId == building.OrganisationId).ToDictionaryAsync(a => a.Code, ct);
        var fund = accounts[input.FundCode];
        var description = Texts.Get("accounting.closing", building.Language, year.Label);

        // 1. closing: classes 6 and 7 back to zero; what the reserve calls (700…) brought goes to the reserve fund (160), the
        // rest of the result to the fund the assembly chose (100 by default)
        var result = balances.Where(b => b.Code[0] is '6' or '7' && b.Balance != 0).ToList();
        var reserveFund = accounts[StandardChart.ReserveFund];
        var toFund = new Dictionary<Guid, decimal>
        {
            [reserveFund.Id] = result.Where(b => b.Code.StartsWith(StandardChart.CallsReserve, StringComparison.Ordinal)).Sum(b => b.Balance),
        };
        toFund[fund.Id] = toFund.GetValueOrDefault(fund.Id) + result.Where(b => !b.Code.StartsWith(StandardChart.CallsReserve, StringComparison.Ordinal)).Sum(b => b.Balance);
        JournalEntry? closingEntry = null;
        if (result.Count > 0)
        {
            var lines = result.Select(b => new LineDraft { AccountId = b.AccountId, Debit = b.Balance < 0 ? -b.Balance : 0, Credit = b.Balance > 0 ? b.Balance : 0 }).ToList();
            // > 0: charges exceed income (a loss, taken from the fund)
            foreach (var (account, net) in toFund.Where(f => f.Value != 0))
                lines.Add(new LineDraft { AccountId = account, Debit = net > 0 ? net : 0, Credit = net < 0 ? -net : 0 });
            var closing = await poster.PostAsync(db, actor, building.OrganisationId, new EntryDraft
            {
                BuildingId = building.Id,
                Date = year.EndDate,
                Journal = Journal.OD,
                Kind = EntryKind.YearEndClosing,
                Description = description,
                Lines = lines,
            }, ct);
            if (!closing.Succeeded)
                return Result<string>.Fail(closing.Errors);
            closingEntry = closing.Value;
        }

        // 2. opening of the next year: every balance-sheet balance (classes 1–5), per sub-ledger, after the result went to the funds
        var next = await db.FiscalYears.FirstOrDefaultAsync(y => y.BuildingId == building.Id && y.StartDate == year.EndDate.AddDays(1), ct)
                   ?? await NextYearAsync(db, building, ct);
        await db.SaveChangesAsync(ct);
        var carried = balances.Where(b => b.Code[0] is >= '1' and <= '5')
            .Select(b => new { b.AccountId, b.OwnerId, b.SupplierId, Balance = b.Balance + (b.OwnerId is null && b.SupplierId is null ? toFund.GetValueOrDefault(b.AccountId) : 0) })
            .Where(b => b.Balance != 0).ToList();
        foreach (var (account, net) in toFund.Where(f => f.Value != 0 && !balances.Any(b => b.AccountId == f.Key && b.OwnerId is null && b.SupplierId is null)))
            carried.Add(new { AccountId = account, OwnerId = (Guid?)null, SupplierId = (Guid?)null, Balance = net });
        if (carried.Count >= 2)
        {
            var opening = await poster.PostAsync(db, actor, building.OrganisationId, new EntryDraft
            {
                BuildingId = building.Id,
                Date = next.StartDate,
                Journal = Journal.OD,
                Kind = EntryKind.Opening,
                Description = Texts.Get("accounting.opening", building.Language, next.Label),
                Lines = carried.Select(b => new LineDraft { AccountId = b.AccountId, OwnerId = b.OwnerId, SupplierId = b.SupplierId, Debit = b.Balance > 0 ? b.Balance : 0, Credit = b.Balance < 0 ? -b.Balance : 0 }).ToList(),
            }, ct);
            if (!opening.Succeeded)
                return Result<string>.Fail(opening.Errors);
        }
        year.Close(clock.GetUtcNow());
        db.Audit(actor, clock, "fiscal_year.closed", nameof(FiscalYear), year.Id, building.OrganisationId, building.Id, $"{year.Label} → {input.FundCode}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return closingEntry is null ? "" : await AccountingService.ReferenceAsync(db, closingEntry.Id, ct);
    }

    private static FiscalYearRow Row(FiscalYear y) => new(y.Id, y.Label, y.StartDate, y.EndDate, y.IsClosed);
}
