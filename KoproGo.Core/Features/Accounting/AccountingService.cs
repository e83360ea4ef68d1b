namespace KoproGo.Core.Features.Accounting;

public sealed record AccountRow(Guid Id, string Code, string Label, bool IsStandard, bool HasPostings)
{
    public bool IsWorks { get; init; }
}

public sealed record FiscalYearRow(Guid Id, int Label, DateOnly StartDate, DateOnly EndDate, bool IsClosed);

public sealed record EntryRow(Guid Id, string Reference, DateOnly Date, Journal Journal, EntryKind Kind, string Description, string? DocumentRef,
    decimal Total, bool IsReversed, Guid? ReversalOfId);

public sealed record EntryLineRow(string AccountCode, string AccountLabel, string? SubLedger, decimal Debit, decimal Credit, string? Label);

public sealed record EntryDetail(EntryRow Entry, IReadOnlyList<EntryLineRow> Lines, string? ReversedByReference, string? ReversalOfReference);

public sealed record JournalQuery(Guid? FiscalYearId = null, Journal? Journal = null);

public sealed class YearEndInput
{
    /// <summary>The fund that receives the year's result, as the general assembly decided: 100 working or 160 reserve.</summary>
    public string FundCode { get; set; } = StandardChart.WorkingFund;
}

public interface IAccountingService
{
    Task<Result<IReadOnlyList<AccountRow>>> ChartAsync(Actor actor, Guid organisationId, string culture, CancellationToken ct);
    Task<Result<Guid>> AddAccountAsync(Actor actor, Guid organisationId, AccountInput input, CancellationToken ct);
    Task<Result> DeleteAccountAsync(Actor actor, Guid accountId, CancellationToken ct);
    /// <summary>Marks a charge account as works and major repairs (bare owner's charge, not an ordinary charge) or not.</summary>
    Task<Result> SetWorksAsync(Actor actor, Guid accountId, bool isWorks, CancellationToken ct);
    Task<Result<IReadOnlyList<FiscalYearRow>>> FiscalYearsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The year after the last one, or the one that contains today when the building has none yet.</summary>
    /// <summary>
    /// Opens the year after the last one. Only one year may lie ahead: while the last year has not started, another is
    /// refused (three clicks used to open three years with no way back).
    /// </summary>
    Task<Result<FiscalYearRow>> OpenNextFiscalYearAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>Removes a year opened by mistake: the building's last year, not closed, with no entry and no budget.</summary>
    Task<Result> RemoveFiscalYearAsync(Actor actor, Guid fiscalYearId, CancellationToken ct);
    Task<Result<string>> PostAsync(Actor actor, EntryDraft draft, CancellationToken ct);
    /// <summary>Posts the mirrored entry (debits become credits) and links both; the original stays as it was.</summary>
    Task<Result<string>> ReverseAsync(Actor actor, Guid entryId, DateOnly date, CancellationToken ct);
    Task<Result<Page<EntryRow>>> JournalAsync(Actor actor, Guid buildingId, JournalQuery query, PageRequest page, CancellationToken ct);
    Task<Result<EntryDetail>> EntryAsync(Actor actor, Guid entryId, string culture, CancellationToken ct);
    /// <summary>Year-end: the result of classes 6/7 goes to the chosen fund, balances open the next year, the year locks.</summary>
    Task<Result<string>> CloseYearAsync(Actor actor, Guid fiscalYearId, YearEndInput input, CancellationToken ct);
}

public sealed class AccountingService(IKoproGoDbFactory dbFactory, JournalPoster poster, TimeProvider clock) : IAccountingService
{
    public async Task<Result<IReadOnlyList<AccountRow>>> ChartAsync(Actor actor, Guid organisationId, string culture, CancellationToken ct)
    {
        if (!actor.CanKeepBooks(organisationId) && !actor.IsStaffOf(organisationId))
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.OrganisationId == organisationId)
            .Select(a => new { Account = a, Used = db.Set<JournalLine>().Any(l => l.AccountId == a.Id) })
            .ToListAsync(ct);
        return accounts.OrderBy(a => a.Account.Code, StringComparer.Ordinal)
            .Select(a => new AccountRow(a.Account.Id, a.Account.Code, a.Account.DisplayLabel(culture), a.Account.IsStandard, a.Used) { IsWorks = a.Account.IsWorks }).ToList();
    }

    public async Task<Result<Guid>> AddAccountAsync(Actor actor, Guid organisationId, AccountInput input, CancellationToken ct)
    {
        if (!actor.CanKeepBooks(organisationId))
            return Errors.ForbiddenError;
        var validation = input.Validate();
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        var code = input.Code!.Trim();
        await using var db = await dbFactory.CreateAsync(ct);
        var existing = await db.Accounts.Where(a => a.OrganisationId == organisationId).Select(a => new { a.Code, a.IsWorks }).ToListAsync(ct);
        var codes = existing.Select(a => a.Code).ToList();
        if (codes.Contains(code))
            return new Error("error.account_exists", [code], nameof(AccountInput.Code));
        // a sub-account extends an existing account of its class (6105 under 610, 4102 under 410…); off-balance class 0 stands alone
        if (code[0] != '0' && !codes.Any(c => code.StartsWith(c, StringComparison.Ordinal) || c.StartsWith(code[..3], StringComparison.Ordinal)))
            return new Error("error.account_parent", [code], nameof(AccountInput.Code));
        var parent = existing.Where(a => code.StartsWith(a.Code, StringComparison.Ordinal)).MaxBy(a => a.Code.Length);
        var account = Account.Custom(organisationId, code, input.Label!, parent?.IsWorks ?? false);
        db.Accounts.Add(account);
        db.Audit(actor, clock, "account.created", nameof(Account), account.Id, organisationId, details: $"{code} {account.Label}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.account_exists", [code], nameof(AccountInput.Code));
        }
        return account.Id;
    }

    public async Task<Result> SetWorksAsync(Actor actor, Guid accountId, bool isWorks, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || !actor.IsStaffOf(account.OrganisationId))
            return Errors.NotFoundError;
        if (!actor.CanKeepBooks(account.OrganisationId))
            return Errors.ForbiddenError;
        if (account.Class != 6)
            return new Error("error.account_works_class");
        account.MarkWorks(isWorks);
        db.Audit(actor, clock, "account.works", nameof(Account), account.Id, account.OrganisationId, details: $"{account.Code} {isWorks}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> DeleteAccountAsync(Actor actor, Guid accountId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || !actor.IsStaffOf(account.OrganisationId) && !actor.CanKeepBooks(account.OrganisationId))
            return Errors.NotFoundError;
        if (!actor.CanKeepBooks(account.OrganisationId))
            return Errors.ForbiddenError;
        if (account.IsStandard)
            return new Error("error.account_standard", [account.Code]);
        if (await db.JournalLines.AnyAsync(l => l.AccountId == accountId, ct))
            return new Error("error.account_used", [account.Code]);
        db.Accounts.Remove(account);
        db.Audit(actor, clock, "account.deleted", nameof(Account), account.Id, account.OrganisationId, details: account.Code);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

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

    public async Task<Result<string>> PostAsync(Actor actor, EntryDraft draft, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.BooksBuildingAsync(actor, draft.BuildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<string>.Fail(found.Errors);
        draft.Kind = EntryKind.Manual;      // the form posts manual entries; features post their own kinds through JournalPoster
        draft.ReversalOf = null;
        var posted = await poster.PostAsync(db, actor, found.Value.OrganisationId, draft, ct);
        if (!posted.Succeeded)
            return Result<string>.Fail(posted.Errors);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ReferenceAsync(db, posted.Value.Id, ct);
    }

    /// <summary>An entry's reference, which the database gives at COMMIT (DatabaseRules.EntryNumbering).</summary>
    private static Task<string> ReferenceAsync(IKoproGoDb db, Guid entryId, CancellationToken ct) =>
        db.JournalEntries.Where(e => e.Id == entryId).Select(e => e.Reference).SingleAsync(ct);

    public async Task<Result<string>> ReverseAsync(Actor actor, Guid entryId, DateOnly date, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var buildingId = await db.JournalEntries.Where(e => e.Id == entryId).Select(e => (Guid?)e.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null)
            return Errors.NotFoundError;
        var found = await db.BooksBuildingAsync(actor, buildingId.Value, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<string>.Fail(found.Errors);
        // one reversal per entry, even when two people click at once: lock, then read
        await db.LockAsync<JournalEntry>(entryId, ct);
        var entry = await db.JournalEntries.Include(e => e.Lines).FirstAsync(e => e.Id == entryId, ct);
        if (entry.ReversedById is not null)
            return new Error("error.entry_already_reversed");
        if (entry.ReversalOfId is not null)
            return new Error("error.entry_is_reversal");
        var draft = new EntryDraft
        {
            BuildingId = entry.BuildingId,
            Date = date,
            Journal = entry.Journal,
            Kind = EntryKind.Reversal,
            Description = Texts.Get("accounting.reversal_of", "fr-BE", entry.Reference),
            DocumentRef = entry.Reference,
            ReversalOf = entry.Id,
            Lines = entry.Lines.Select(l => new LineDraft { AccountId = l.AccountId, OwnerId = l.OwnerId, SupplierId = l.SupplierId, Debit = l.Credit, Credit = l.Debit, Label = l.Label }).ToList(),
        };
        var posted = await poster.PostAsync(db, actor, entry.OrganisationId, draft, ct);
        if (!posted.Succeeded)
            return Result<string>.Fail(posted.Errors);
        entry.MarkReversedBy(posted.Value.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ReferenceAsync(db, posted.Value.Id, ct);
    }

    public Task<Result<Page<EntryRow>>> JournalAsync(Actor actor, Guid buildingId, JournalQuery query, PageRequest page, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Page<EntryRow>>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, _) =>
        {
            var entries = db.JournalEntries.AsNoTracking().Where(e => e.BuildingId == buildingId);
            if (query.FiscalYearId is { } yearId)
                entries = entries.Where(e => e.FiscalYearId == yearId);
            if (query.Journal is { } journal)
                entries = entries.Where(e => e.Journal == journal);
            if (!string.IsNullOrWhiteSpace(page.Search))
            {
                var p = SearchText.Pattern(page.Search);
                entries = entries.Where(e => EF.Functions.Like(e.Description.ToLower(), p) || EF.Functions.Like(e.Reference.ToLower(), p)
                                             || EF.Functions.Like((e.DocumentRef ?? "").ToLower(), p));
            }
            var total = await entries.CountAsync(ct);
            var rows = await entries.OrderByDescending(e => e.Date).ThenByDescending(e => e.Reference)
                .Skip(page.Skip).Take(page.Size)
                .Select(e => new EntryRow(e.Id, e.Reference, e.Date, e.Journal, e.Kind, e.Description, e.DocumentRef,
                    e.Lines.Sum(l => l.Debit), e.ReversedById != null, e.ReversalOfId))
                .ToListAsync(ct);
            return new Page<EntryRow>(rows, total);
        }, ct);

    public async Task<Result<EntryDetail>> EntryAsync(Actor actor, Guid entryId, string culture, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.JournalEntries.AsNoTracking().Include(e => e.Lines).Where(e => e.Id == entryId).FindInBuildingAsync(db, actor, e => e.BuildingId, BuildingRight.Staff, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<EntryDetail>.Fail(found.Errors);
        var (entry, _) = found.Value;
        var accountIds = entry.Lines.Select(l => l.AccountId).ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var names = await SubLedgerNamesAsync(db, entry.Lines, ct);
        var linked = await db.JournalEntries.AsNoTracking().Where(e => e.Id == entry.ReversedById || e.Id == entry.ReversalOfId)
            .Select(e => new { e.Id, e.Reference }).ToListAsync(ct);
        var row = new EntryRow(entry.Id, entry.Reference, entry.Date, entry.Journal, entry.Kind, entry.Description, entry.DocumentRef,
            entry.Lines.Sum(l => l.Debit), entry.ReversedById is not null, entry.ReversalOfId);
        var lines = entry.Lines.OrderBy(l => l.Id).Select(l => new EntryLineRow(accounts[l.AccountId].Code, accounts[l.AccountId].DisplayLabel(culture),
            names.GetValueOrDefault(l.OwnerId ?? l.SupplierId ?? Guid.Empty), l.Debit, l.Credit, l.Label)).ToList();
        return new EntryDetail(row, lines, linked.FirstOrDefault(e => e.Id == entry.ReversedById)?.Reference,
            linked.FirstOrDefault(e => e.Id == entry.ReversalOfId)?.Reference);
    }

    internal static async Task<Dictionary<Guid, string>> SubLedgerNamesAsync(IKoproGoDb db, IEnumerable<JournalLine> lines, CancellationToken ct)
    {
        var ownerIds = lines.Where(l => l.OwnerId is not null).Select(l => l.OwnerId!.Value).Distinct().ToList();
        var supplierIds = lines.Where(l => l.SupplierId is not null).Select(l => l.SupplierId!.Value).Distinct().ToList();
        var owners = await db.Owners.AsNoTracking().Where(o => ownerIds.Contains(o.Id)).ToListAsync(ct);
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => supplierIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var names = owners.ToDictionary(o => o.Id, o => o.DisplayName);
        foreach (var (id, name) in suppliers)
            names[id] = name;
        return names;
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
        return closingEntry is null ? "" : await ReferenceAsync(db, closingEntry.Id, ct);
    }

    private static FiscalYearRow Row(FiscalYear y) => new(y.Id, y.Label, y.StartDate, y.EndDate, y.IsClosed);
}
