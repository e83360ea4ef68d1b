namespace KoproGo.Core.Features.Accounting;

/// <summary>A report's period: one fiscal year of a building, optionally up to a date inside it.</summary>
public sealed record ReportPeriod(Guid BuildingId, Guid FiscalYearId, DateOnly? Until = null);

public sealed record TrialBalanceRow(Guid AccountId, string Code, string Label, decimal Debit, decimal Credit)
{
    public decimal Balance => Debit - Credit;
    public int Class => Code[0] - '0';
}

/// <param name="Closing">What the year-end closing entry put on each account (empty while the year is open).</param>
public sealed record TrialBalance(string BuildingName, int Year, DateOnly From, DateOnly To, IReadOnlyList<TrialBalanceRow> Rows, IReadOnlyList<TrialBalanceRow> Closing)
{
    public TrialBalance(string BuildingName, int Year, DateOnly From, DateOnly To, IReadOnlyList<TrialBalanceRow> Rows) : this(BuildingName, Year, From, To, Rows, []) { }

    public decimal TotalDebit => Rows.Sum(r => r.Debit);
    public decimal TotalCredit => Rows.Sum(r => r.Credit);

    /// <summary>
    /// Income statement: the year's real charges (class 6) and income (class 7), result = income − charges. The closing
    /// entry, which brings them back to zero, is left out: a closed year still shows what happened in it.
    /// </summary>
    public IReadOnlyList<TrialBalanceRow> Charges => Operations(6);
    public IReadOnlyList<TrialBalanceRow> Income => Operations(7);
    public decimal Result => -Income.Sum(r => r.Balance) - Charges.Sum(r => r.Balance);

    private List<TrialBalanceRow> Operations(int @class) => Rows.Where(r => r.Class == @class)
        .Select(r => Closing.FirstOrDefault(c => c.AccountId == r.AccountId) is { } c ? r with { Debit = r.Debit - c.Debit, Credit = r.Credit - c.Credit } : r)
        .Where(r => r.Debit != 0 || r.Credit != 0).ToList();

    /// <summary>Balance sheet: debit balances of classes 1–5 are assets, credit balances liabilities.</summary>
    public IReadOnlyList<TrialBalanceRow> Assets => Rows.Where(r => r.Class is >= 1 and <= 5 && r.Balance > 0).ToList();
    public IReadOnlyList<TrialBalanceRow> Liabilities => Rows.Where(r => r.Class is >= 1 and <= 5 && r.Balance < 0).ToList();
    /// <summary>The result not carried to the funds yet (zero once the year is closed: the closing put it there).</summary>
    public decimal OpenResult => -Rows.Where(r => r.Class is 6 or 7).Sum(r => r.Balance);
}

public sealed record LedgerLine(DateOnly Date, string Reference, string Description, string? SubLedger, decimal Debit, decimal Credit, decimal Running);

public sealed record LedgerAccount(string Code, string Label, IReadOnlyList<LedgerLine> Lines)
{
    public decimal Debit => Lines.Sum(l => l.Debit);
    public decimal Credit => Lines.Sum(l => l.Credit);
}

public sealed record OwnerStatement(string OwnerName, string BuildingName, int Year, IReadOnlyList<LedgerLine> Lines)
{
    /// <summary>Positive: the owner owes this; negative: a credit in their favour.</summary>
    public decimal Balance => Lines.Sum(l => l.Debit - l.Credit);
}

public sealed record OwnerChoice(Guid Id, string Name);

/// <summary>An owner's share of an approved supplier invoice, for one of their lots.</summary>
public sealed record ChargeLine(DateOnly Date, string Supplier, string InvoiceNumber, string UnitNumber, string Account, decimal Amount);

public sealed record OwnerCharges(string OwnerName, string BuildingName, int Year, IReadOnlyList<ChargeLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>An owner's account in one building: which owner record, and the building's fiscal years.</summary>
public sealed record MyAccount(Guid BuildingId, string BuildingName, Guid OwnerId, string OwnerName, IReadOnlyList<FiscalYearRow> Years);

public interface IAccountingReports
{
    Task<Result<TrialBalance>> TrialBalanceAsync(Actor actor, ReportPeriod period, string culture, CancellationToken ct);
    Task<Result<IReadOnlyList<LedgerAccount>>> LedgerAsync(Actor actor, ReportPeriod period, string culture, CancellationToken ct);
    /// <summary>The owner sub-ledger (accounts 410…) of one owner: staff of the building, or that owner themselves.</summary>
    Task<Result<OwnerStatement>> OwnerStatementAsync(Actor actor, ReportPeriod period, Guid ownerId, CancellationToken ct);
    /// <summary>The owner's shares of the year's approved supplier invoices (the distribution of expenses): staff, or that owner.</summary>
    Task<Result<OwnerCharges>> OwnerChargesAsync(Actor actor, ReportPeriod period, Guid ownerId, string culture, CancellationToken ct);
    /// <summary>The building's owners, current and former, for the statement and payment pickers (staff only).</summary>
    Task<Result<IReadOnlyList<OwnerChoice>>> BuildingOwnersAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The signed-in owner's accounts: one per building where one of their owner records holds a lot today.</summary>
    Task<IReadOnlyList<MyAccount>> MyAccountsAsync(Actor actor, CancellationToken ct);
}

public sealed class AccountingReports(IKoproGoDbFactory dbFactory, TimeProvider clock) : IAccountingReports
{
    public async Task<Result<TrialBalance>> TrialBalanceAsync(Actor actor, ReportPeriod period, string culture, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var scope = await ScopeAsync(db, actor, period, staffOnly: true, ct);
        if (!scope.Succeeded)
            return Result<TrialBalance>.Fail(scope.Errors);
        var (building, year, to) = scope.Value;
        // one GROUP BY in PostgreSQL over the year's lines, from the index (fiscal_year_id, account_id, date) INCLUDE (debit, credit)
        var sums = await (from l in db.JournalLines
                          where l.FiscalYearId == year.Id && l.Date <= to
                          group l by l.AccountId into g
                          select new { AccountId = g.Key, Debit = g.Sum(x => x.Debit), Credit = g.Sum(x => x.Credit) })
            .ToListAsync(ct);
        var ids = sums.Select(s => s.AccountId).ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var rows = sums.Select(s => new TrialBalanceRow(s.AccountId, accounts[s.AccountId].Code, accounts[s.AccountId].DisplayLabel(culture), s.Debit, s.Credit))
            .OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var closing = await (from l in db.JournalLines
                             join e in db.JournalEntries on l.EntryId equals e.Id
                             where e.FiscalYearId == year.Id && e.Kind == EntryKind.YearEndClosing && l.Date <= to
                             group l by l.AccountId into g
                             select new { AccountId = g.Key, Debit = g.Sum(x => x.Debit), Credit = g.Sum(x => x.Credit) }).ToListAsync(ct);
        return new TrialBalance(building, year.Label, year.StartDate, to, rows,
            closing.Select(c => new TrialBalanceRow(c.AccountId, accounts[c.AccountId].Code, "", c.Debit, c.Credit)).ToList());
    }

    public async Task<Result<IReadOnlyList<LedgerAccount>>> LedgerAsync(Actor actor, ReportPeriod period, string culture, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var scope = await ScopeAsync(db, actor, period, staffOnly: true, ct);
        if (!scope.Succeeded)
            return Result<IReadOnlyList<LedgerAccount>>.Fail(scope.Errors);
        var (_, year, to) = scope.Value;
        var lines = await (from l in db.JournalLines.AsNoTracking()
                           join e in db.JournalEntries on l.EntryId equals e.Id
                           where e.FiscalYearId == year.Id && e.Date <= to
                           orderby e.Date, e.Reference, l.Id
                           select new { Line = l, e.Date, e.Reference, e.Description }).ToListAsync(ct);
        var ids = lines.Select(l => l.Line.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var names = await AccountingService.SubLedgerNamesAsync(db, lines.Select(l => l.Line), ct);
        return lines.GroupBy(l => l.Line.AccountId)
            .Select(g =>
            {
                var running = 0m;
                return new LedgerAccount(accounts[g.Key].Code, accounts[g.Key].DisplayLabel(culture), g.Select(l =>
                {
                    running += l.Line.Debit - l.Line.Credit;
                    return new LedgerLine(l.Date, l.Reference, l.Line.Label ?? l.Description, names.GetValueOrDefault(l.Line.OwnerId ?? l.Line.SupplierId ?? Guid.Empty),
                        l.Line.Debit, l.Line.Credit, running);
                }).ToList());
            })
            .OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
    }

    public async Task<Result<OwnerStatement>> OwnerStatementAsync(Actor actor, ReportPeriod period, Guid ownerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var ownSelf = actor.OwnerIds.Contains(ownerId);
        var scope = await ScopeAsync(db, actor, period, staffOnly: !ownSelf, ct);
        if (!scope.Succeeded)
            return Result<OwnerStatement>.Fail(scope.Errors);
        var (building, year, to) = scope.Value;
        var owner = await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownerId, ct);
        if (owner is null || (!ownSelf && !actor.IsStaffOf(owner.OrganisationId, period.BuildingId)))
            return Errors.NotFoundError;
        var lines = await (from l in db.JournalLines.AsNoTracking()
                           join e in db.JournalEntries on l.EntryId equals e.Id
                           join a in db.Accounts on l.AccountId equals a.Id
                           where e.FiscalYearId == year.Id && e.Date <= to && l.OwnerId == ownerId && a.Code.StartsWith("410")
                           orderby e.Date, e.Reference, l.Id
                           select new { l.Debit, l.Credit, l.Label, e.Date, e.Reference, e.Description }).ToListAsync(ct);
        var running = 0m;
        return new OwnerStatement(owner.DisplayName, building, year.Label, lines.Select(l =>
        {
            running += l.Debit - l.Credit;
            return new LedgerLine(l.Date, l.Reference, l.Label ?? l.Description, null, l.Debit, l.Credit, running);
        }).ToList());
    }

    public async Task<Result<OwnerCharges>> OwnerChargesAsync(Actor actor, ReportPeriod period, Guid ownerId, string culture, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var ownSelf = actor.OwnerIds.Contains(ownerId);
        var scope = await ScopeAsync(db, actor, period, staffOnly: !ownSelf, ct);
        if (!scope.Succeeded)
            return Result<OwnerCharges>.Fail(scope.Errors);
        var (building, year, to) = scope.Value;
        var owner = await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownerId, ct);
        if (owner is null || (!ownSelf && !actor.IsStaffOf(owner.OrganisationId, period.BuildingId)))
            return Errors.NotFoundError;
        var rows = await (from a in db.ChargeAllocations.AsNoTracking()
                          join i in db.SupplierInvoices on a.InvoiceId equals i.Id
                          join s in db.Suppliers on i.SupplierId equals s.Id
                          join u in db.Units on a.UnitId equals u.Id
                          where a.OwnerId == ownerId && i.BuildingId == period.BuildingId && i.InvoiceDate >= year.StartDate && i.InvoiceDate <= to
                                && (i.Status == InvoiceStatus.Approved || i.Status == InvoiceStatus.Paid)
                          orderby i.InvoiceDate, i.Number, u.Number
                          select new { i.InvoiceDate, Supplier = s.Name, i.Number, Unit = u.Number, AccountId = i.Lines.OrderBy(l => l.Id).Select(l => l.AccountId).First(), a.Amount })
            .ToListAsync(ct);
        var accountIds = rows.Select(r => r.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        return new OwnerCharges(owner.DisplayName, building, year.Label, rows.Select(r =>
            new ChargeLine(r.InvoiceDate, r.Supplier, r.Number, r.Unit, $"{accounts[r.AccountId].Code} {accounts[r.AccountId].DisplayLabel(culture)}", r.Amount)).ToList());
    }

    public Task<Result<IReadOnlyList<OwnerChoice>>> BuildingOwnersAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<OwnerChoice>>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, building) =>
        {
            // the building's owners (current and former), whether or not they have lines yet
            var owners = await (from o in db.Owners.AsNoTracking()
                                where db.Set<Ownership>().Any(s => s.OwnerId == o.Id && db.Set<Unit>().Any(u => u.Id == s.UnitId && u.BuildingId == buildingId))
                                select o).ToListAsync(ct);
            return owners.Select(o => new OwnerChoice(o.Id, o.DisplayName)).OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList();
        }, ct);

    public async Task<IReadOnlyList<MyAccount>> MyAccountsAsync(Actor actor, CancellationToken ct)
    {
        var ownerIds = actor.OwnerIds.ToList();
        if (ownerIds.Count == 0)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        var pairs = await (from s in db.Ownerships
                           join u in db.Units on s.UnitId equals u.Id
                           join b in db.Buildings on u.BuildingId equals b.Id
                           join o in db.Owners on s.OwnerId equals o.Id
                           where ownerIds.Contains(s.OwnerId) && s.StartDate <= today && (s.EndDate == null || s.EndDate > today)
                           select new { BuildingId = b.Id, BuildingName = b.Name, Owner = o }).AsNoTracking().ToListAsync(ct);
        var buildingIds = pairs.Select(p => p.BuildingId).Distinct().ToList();
        var years = await db.FiscalYears.AsNoTracking().Where(y => buildingIds.Contains(y.BuildingId)).OrderByDescending(y => y.StartDate).ToListAsync(ct);
        return pairs.DistinctBy(p => (p.BuildingId, p.Owner.Id))
            .Select(p => new MyAccount(p.BuildingId, p.BuildingName, p.Owner.Id, p.Owner.DisplayName,
                years.Where(y => y.BuildingId == p.BuildingId).Select(y => new FiscalYearRow(y.Id, y.Label, y.StartDate, y.EndDate, y.IsClosed)).ToList()))
            .OrderBy(a => a.BuildingName, StringComparer.CurrentCulture).ToList();
    }

    private async Task<Result<(string Building, FiscalYear Year, DateOnly To)>> ScopeAsync(IKoproGoDb db, Actor actor, ReportPeriod period, bool staffOnly, CancellationToken ct)
    {
        var today = clock.Today();
        var building = staffOnly
            ? await db.StaffBuildingAsync(actor, period.BuildingId, today, ct)
            : await db.ReadableBuildings(actor, today).AsNoTracking().FirstOrDefaultAsync(b => b.Id == period.BuildingId, ct) is { } b
                ? Result<Buildings.Building>.Ok(b) : Errors.NotFoundError;
        if (!building.Succeeded)
            return Result<(string, FiscalYear, DateOnly)>.Fail(building.Errors);
        var year = await db.FiscalYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == period.FiscalYearId && y.BuildingId == period.BuildingId, ct);
        if (year is null)
            return Errors.NotFoundError;
        var to = period.Until is { } until && until < year.EndDate ? until : year.EndDate;
        return (building.Value.Name, year, to);
    }
}
