using KoproGo.Core.Features.Accounting;

namespace KoproGo.Core.Features.Calls;

public sealed record UnmatchedRow(Guid Id, DateOnly ValueDate, decimal Amount, string? Communication, string? CounterpartyName, string? CounterpartyAccount)
{
    public Fund Account { get; init; }
}

/// <summary>The bank view of a building: its two accounts, what was imported, what waits.</summary>
public sealed record BankOverview(IReadOnlyList<BankAccountRow> Accounts, IReadOnlyList<StatementRow> Statements, IReadOnlyList<MovementRow> Movements,
    IReadOnlyList<TransferDueRow> TransfersDue);

/// <param name="LastStatementBalance">The balance on the newest imported statement of that account, as the bank printed it.</param>
/// <param name="LedgerBalance">The bank account in the books (550 reserve, 551 working), all open years.</param>
public sealed record BankAccountRow(Fund Fund, string? Iban, string Holder, decimal? LastStatementBalance, DateOnly? LastStatementDate, decimal LedgerBalance);

public sealed record StatementRow(Guid Id, Fund Account, string FileName, DateOnly Date, int Movements, decimal? NewBalance, DateTimeOffset ImportedAt);

public sealed record MovementRow(Guid Id, Fund Account, DateOnly Date, decimal Amount, string? Communication, string? Counterparty, BankTransactionStatus Status,
    MatchRule Rule, string? OwnerName);

/// <summary>Money on the wrong account: matched to the owner, to be moved to the other fund's account.</summary>
public sealed record TransferDueRow(Guid PaymentId, DateOnly Date, string OwnerName, Fund ArrivedOn, decimal Amount);

/// <summary>After the import: what waits for the syndic, the bank overview, transfers between the two accounts, the payers' accounts.</summary>
public interface IBankReconciliationService
{
    Task<Result<IReadOnlyList<UnmatchedRow>>> UnmatchedAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The syndic says whose payment it is: booked like any payment of that owner, on the account it arrived on.</summary>
    Task<Result> MatchAsync(Actor actor, Guid transactionId, Guid ownerId, CancellationToken ct);
    Task<Result<BankOverview>> OverviewAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>
    /// One click for money that arrived on the wrong account: books the transfer order to the other account
    /// (580 internal transfers against the bank it leaves); the statement of the account it reaches books the other half.
    /// </summary>
    Task<Result> BookTransferAsync(Actor actor, Guid paymentId, DateOnly date, CancellationToken ct);
    /// <summary>The accounts the owner paid from, learnt by the reconciliation (shown on the owner's page).</summary>
    Task<Result<IReadOnlyList<string>>> OwnerAccountsAsync(Actor actor, Guid ownerId, CancellationToken ct);
    /// <summary>
    /// Forgets an account learnt for the owner (a neighbour or a notary paid once for them): its later payments without a
    /// valid communication wait for the syndic again instead of landing on this owner.
    /// </summary>
    Task<Result> ForgetOwnerAccountAsync(Actor actor, Guid ownerId, string iban, CancellationToken ct);
}

public sealed class BankReconciliationService(IKoproGoDbFactory dbFactory, PaymentPosting payments, JournalPoster poster, TimeProvider clock) : IBankReconciliationService
{
    public Task<Result<IReadOnlyList<UnmatchedRow>>> UnmatchedAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<UnmatchedRow>>(actor, buildingId, BuildingRight.Books, clock.Today(), async (db, _) =>
        {
            return await db.BankTransactions.AsNoTracking().Where(t => t.BuildingId == buildingId && t.Status == BankTransactionStatus.Unmatched)
                .OrderBy(t => t.ValueDate)
                .Select(t => new UnmatchedRow(t.Id, t.ValueDate, t.Amount, t.StructuredCommunication ?? t.Communication, t.CounterpartyName, t.CounterpartyAccount) { Account = t.Account })
                .ToListAsync(ct);
        }, ct);

    public async Task<Result> MatchAsync(Actor actor, Guid transactionId, Guid ownerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.LockedBooksRecordAsync<BankTransaction>(actor, transactionId, t => t.BuildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (transaction, building) = found.Value;
        if (transaction.Status != BankTransactionStatus.Unmatched)
            return new Error("error.bank_already_matched");
        var owner = await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownerId && o.OrganisationId == building.OrganisationId, ct);
        if (owner is null)
            return new Error(Errors.NotFound, [], "OwnerId");
        var payment = await payments.RecordAsync(db, actor, building, owner, transaction.EntryDate, transaction.Amount, PaymentMethod.Transfer,
            transaction.Communication ?? transaction.CounterpartyName, transaction.Account, null, ct);
        if (!payment.Succeeded)
            return Result.Fail(payment.Errors);
        transaction.Match(payment.Value.Id, MatchRule.Manual);
        if (BelgianIdentifiers.NormaliseIban(transaction.CounterpartyAccount) is { } iban)
            await BankImportService.LearnAsync(db, [(owner.Id, iban)], clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public Task<Result<BankOverview>> OverviewAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<BankOverview>(actor, buildingId, BuildingRight.Books, clock.Today(), async (db, building) =>
        {
            var statements = await db.Set<ImportedStatement>().AsNoTracking().Where(s => s.BuildingId == buildingId)
                .OrderByDescending(s => s.Date).ThenByDescending(s => s.ImportedAt).Take(50)
                .Select(s => new StatementRow(s.Id, s.Account, s.FileName, s.Date, s.Movements, s.NewBalance, s.ImportedAt)).ToListAsync(ct);
            var movements = await (from t in db.BankTransactions.AsNoTracking()
                                   where t.BuildingId == buildingId
                                   orderby t.ValueDate descending, t.ImportedAt descending
                                   select new MovementRow(t.Id, t.Account, t.EntryDate, t.Amount, t.StructuredCommunication ?? t.Communication, t.CounterpartyName, t.Status, t.Rule,
                                       db.Set<Payment>().Where(p => p.Id == t.PaymentId).Join(db.Set<Owner>(), p => p.OwnerId, o => o.Id, (p, o) => o.DisplayName).FirstOrDefault()))
                .Take(200).ToListAsync(ct);
            var transfers = await (from p in db.Payments.AsNoTracking()
                                   join o in db.Owners on p.OwnerId equals o.Id
                                   where p.BuildingId == buildingId && p.TransferDue > 0 && p.TransferEntryId == null
                                   orderby p.Date
                                   select new TransferDueRow(p.Id, p.Date, o.DisplayName, p.Account, p.TransferDue)).ToListAsync(ct);
            var ledger = await (from l in db.JournalLines
                                join a in db.Accounts on l.AccountId equals a.Id
                                join e in db.JournalEntries on l.EntryId equals e.Id
                                join y in db.FiscalYears on e.FiscalYearId equals y.Id
                                where e.BuildingId == buildingId && y.ClosedAt == null && (a.Code == StandardChart.BankReserve || a.Code == StandardChart.BankCurrent)
                                group l by a.Code into g
                                select new { Code = g.Key, Balance = g.Sum(x => x.Debit - x.Credit) }).ToDictionaryAsync(x => x.Code, x => x.Balance, ct);
            BankAccountRow Row(Fund fund)
            {
                var last = statements.Where(s => s.Account == fund).FirstOrDefault();
                return new BankAccountRow(fund, building.IbanOf(fund), building.HolderOf(fund), last?.NewBalance, last?.Date,
                    ledger.GetValueOrDefault(fund == Fund.Reserve ? StandardChart.BankReserve : StandardChart.BankCurrent));
            }
            return new BankOverview([Row(Fund.Working), Row(Fund.Reserve)], statements, movements, transfers);
        }, ct);

    public async Task<Result> BookTransferAsync(Actor actor, Guid paymentId, DateOnly date, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.LockedBooksRecordAsync<Payment>(actor, paymentId, p => p.BuildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (payment, building) = found.Value;
        if (payment.TransferDue <= 0 || payment.TransferEntryId is not null)
            return new Error("error.transfer_not_due");
        var accounts = await BankImportService.AccountsAsync(db, building.OrganisationId, ct);
        var leaving = accounts[payment.Account == Fund.Reserve ? StandardChart.BankReserve : StandardChart.BankCurrent];
        var posted = await poster.PostAsync(db, actor, building.OrganisationId, new EntryDraft
        {
            BuildingId = building.Id,
            Date = date,
            Journal = Journal.FIN,
            Kind = EntryKind.TransferBetweenAccounts,
            Description = Texts.Get("accounting.transfer_ordered", building.Language),
            Lines = [new() { AccountId = accounts[StandardChart.InternalTransfers], Debit = payment.TransferDue }, new() { AccountId = leaving, Credit = payment.TransferDue }],
        }, ct);
        if (!posted.Succeeded)
            return Result.Fail(posted.Errors);
        payment.TransferBooked(posted.Value.Id);
        db.Audit(actor, clock, "bank.transfer_ordered", nameof(Payment), payment.Id, building.OrganisationId, building.Id, $"{payment.TransferDue:0.00} from {payment.Account}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<IReadOnlyList<string>>> OwnerAccountsAsync(Actor actor, Guid ownerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var owner = await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownerId, ct);
        if (owner is null || !actor.IsStaffOf(owner.OrganisationId))
            return Errors.NotFoundError;
        if (!actor.CanKeepBooks(owner.OrganisationId))
            return Errors.ForbiddenError;
        return await db.Set<OwnerBankAccount>().Where(a => a.OwnerId == ownerId).OrderBy(a => a.LearnedAt).Select(a => a.Iban).ToListAsync(ct);
    }

    public async Task<Result> ForgetOwnerAccountAsync(Actor actor, Guid ownerId, string iban, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var owner = await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownerId, ct);
        if (owner is null || !actor.IsStaffOf(owner.OrganisationId))
            return Errors.NotFoundError;
        if (!actor.CanKeepBooks(owner.OrganisationId))
            return Errors.ForbiddenError;
        var normalised = BelgianIdentifiers.NormaliseIban(iban);
        var known = normalised is null ? null : await db.Set<OwnerBankAccount>().FirstOrDefaultAsync(a => a.OwnerId == ownerId && a.Iban == normalised, ct);
        if (known is null)
            return Errors.NotFoundError;
        db.Set<OwnerBankAccount>().Remove(known);
        db.Audit(actor, clock, "bank.owner_account_forgotten", nameof(OwnerBankAccount), known.Id, owner.OrganisationId);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
