using KoproGo.Core.Features.Accounting;

namespace KoproGo.Core.Features.Calls;

public sealed record ImportSummary(int Movements, int Matched, int Unmatched, int Outgoing, int AlreadyImported)
{
    /// <summary>Moves between the building's own accounts, booked on 580.</summary>
    public int Transfers { get; init; }
    /// <summary>Payments that arrived on the other fund's account: matched, and waiting for a transfer.</summary>
    public int WrongAccount { get; init; }
}

public interface IBankImportService
{
    /// <summary>
    /// Imports a CODA file of the building accounts the actor keeps the books of (one or several statements): payments
    /// are recognised by their structured communication (working or reserve part), then by the payer's known account
    /// when the amount is one open call or the whole open balance; moves between the building's two accounts are booked
    /// on 580; the rest waits for manual matching. All or nothing.
    /// </summary>
    Task<Result<ImportSummary>> ImportCodaAsync(Actor actor, string fileName, string content, CancellationToken ct);
    /// <summary>The same for a statement exported as CSV (<see cref="BankCsv"/>).</summary>
    Task<Result<ImportSummary>> ImportCsvAsync(Actor actor, string fileName, string content, CancellationToken ct);

    /// <summary>
    /// A bank file as uploaded: read up to <see cref="BankFiles.MaxBytes"/> (a larger one is refused with a message),
    /// decoded, and imported as CODA or CSV after its content, whatever its name says.
    /// </summary>
    Task<Result<ImportSummary>> ImportFileAsync(Actor actor, string fileName, Stream content, CancellationToken ct);
}

public sealed class BankImportService(IKoproGoDbFactory dbFactory, PaymentPosting payments, JournalPoster poster, TimeProvider clock) : IBankImportService
{
    public Task<Result<ImportSummary>> ImportCodaAsync(Actor actor, string fileName, string content, CancellationToken ct) =>
        ImportAsync(actor, fileName, () => Coda.ParseAll(content), ct);

    public Task<Result<ImportSummary>> ImportCsvAsync(Actor actor, string fileName, string content, CancellationToken ct) =>
        ImportAsync(actor, fileName, () => [BankCsv.Parse(content)], ct);

    public async Task<Result<ImportSummary>> ImportFileAsync(Actor actor, string fileName, Stream content, CancellationToken ct)
    {
        var bytes = await BankFiles.ReadAsync(content, ct);
        if (bytes is null)
            return new Error("error.file_too_large", [BankFiles.MaxBytes / (1024 * 1024)]);
        var text = BankFiles.Decode(bytes);
        return BankFiles.IsCoda(text) ? await ImportCodaAsync(actor, fileName, text, ct) : await ImportCsvAsync(actor, fileName, text, ct);
    }

    private async Task<Result<ImportSummary>> ImportAsync(Actor actor, string fileName, Func<IReadOnlyList<BankStatement>> parse, CancellationToken ct)
    {
        IReadOnlyList<BankStatement> statements;
        try
        {
            statements = parse();
        }
        catch (StatementFormatException e)
        {
            return new Error(e.ReasonKey, [e.LineNumber, .. e.Args]);
        }
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        // every statement of the file names an account the actor keeps the books of, or nothing is imported
        var targets = new List<(BankStatement Statement, Building Building, Fund Fund)>();
        foreach (var statement in statements)
        {
            var buildings = await db.ReadableBuildings(actor, today).AsNoTracking()
                .Where(b => b.WorkingFundIban == statement.AccountIban || b.ReserveFundIban == statement.AccountIban).OrderBy(b => b.Id).Take(2).ToListAsync(ct);
            // a statement belongs to one building: an account shared by two is a data error, not a guess
            if (buildings.Count > 1)
                return Error.Of("error.coda_shared_account", BelgianIdentifiers.FormatIban(statement.AccountIban));
            var building = buildings.SingleOrDefault();
            if (building is null || !actor.CanKeepBooks(building.OrganisationId, building.Id))
                return Error.NotFoundAs("error.coda_unknown_account", BelgianIdentifiers.FormatIban(statement.AccountIban));
            targets.Add((statement, building, building.FundOfAccount(statement.AccountIban)!.Value));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var counts = new Counts();
        var now = clock.GetUtcNow();
        foreach (var (statement, building, fund) in targets)
        {
            var record = ImportedStatement.From(building.Id, fund, fileName, statement, now);
            db.Set<ImportedStatement>().Add(record);
            await db.SaveChangesAsync(ct);
            var result = await ImportStatementAsync(db, actor, building, fund, record.Id, fileName, statement, counts, now, ct);
            if (!result.Succeeded)
                return Result<ImportSummary>.Fail(result.Errors);
            db.Audit(actor, clock, "bank.imported", nameof(BankTransaction), record.Id, building.OrganisationId, building.Id,
                $"{fileName} {BelgianIdentifiers.FormatIban(statement.AccountIban)}: {statement.Movements.Count} movements");
            await db.SaveChangesAsync(ct);
            // what is saved is not needed again: the next statement starts with an empty change tracker
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(ct);
        return new ImportSummary(statements.Sum(s => s.Movements.Count), counts.Matched, counts.Unmatched, counts.Outgoing, counts.Known)
        {
            Transfers = counts.Transfers,
            WrongAccount = counts.WrongAccount,
        };
    }

    private sealed class Counts
    {
        public int Matched, Unmatched, Outgoing, Known, Transfers, WrongAccount;
    }

    /// <summary>
    /// One statement, in set operations so that a bank file of thousands of movements costs a few statements: the new
    /// movements are registered at once (the database decides which are new), their communications and payers are
    /// looked up at once, the payers' open lines are locked at once, then each movement is applied in the statement's
    /// order (each sees what the previous ones paid) and the payments are posted together.
    /// </summary>
    private async Task<Result> ImportStatementAsync(IKoproGoDb db, Actor actor, Building building, Fund fund, Guid statementId, string fileName,
        BankStatement statement, Counts counts, DateTimeOffset now, CancellationToken ct)
    {
        var iban = statement.AccountIban;
        var fresh = await NewMovementsAsync(db, building, fund, statementId, fileName, statement, now, ct);
        counts.Known += statement.Movements.Count - fresh.Count;

        // money between the building's own two accounts: the leg arriving is booked against 580 (the leg leaving was
        // booked when the transfer was ordered, or is booked now if it was not)
        var incoming = new List<(BankTransaction Transaction, BankMovement Movement, string? Counterparty)>();
        foreach (var (transaction, movement) in fresh)
        {
            var counterparty = BelgianIdentifiers.NormaliseIban(movement.CounterpartyAccount);
            if (counterparty is not null && building.FundOfAccount(counterparty) is { } from && from != fund)
            {
                var entry = await BookOwnTransferAsync(db, actor, building, fund, movement, ct);
                if (!entry.Succeeded)
                    return entry;
                transaction.BookTransfer(entry.Value == Guid.Empty ? null : entry.Value);
                counts.Transfers++;
            }
            else if (transaction.Status == BankTransactionStatus.Outgoing)
                counts.Outgoing++;
            else
                incoming.Add((transaction, movement, counterparty));
        }

        // SPEC §4.3, first rule: the structured communication of a call line's working or reserve part
        var ogms = incoming.Where(i => i.Movement.StructuredCommunication is not null).Select(i => Communication(i.Movement.StructuredCommunication!)).Distinct().ToList();
        var named = ogms.Count == 0 ? [] : await (from l in db.CallLines.AsNoTracking()
                                                  join c in db.CallsForFunds on l.CallId equals c.Id
                                                  where c.BuildingId == building.Id && c.Status == CallStatus.Sent
                                                        && (ogms.Contains(l.StructuredCommunication) || (l.ReserveCommunication != null && ogms.Contains(l.ReserveCommunication)))
                                                  select new { l.Id, l.OwnerId, l.StructuredCommunication, l.ReserveCommunication }).ToListAsync(ct);
        var byOgm = new Dictionary<string, (Guid Owner, PaymentTarget Target)>();
        foreach (var l in named)
        {
            byOgm[l.StructuredCommunication] = (l.OwnerId, new PaymentTarget(l.Id, Fund.Working));
            if (l.ReserveCommunication is not null)
                byOgm[l.ReserveCommunication] = (l.OwnerId, new PaymentTarget(l.Id, Fund.Reserve));
        }
        // second rule: no valid communication, but an account the payer used before, known for exactly one owner
        var payers = incoming.Where(i => i.Counterparty is not null && (i.Movement.StructuredCommunication is null || !byOgm.ContainsKey(Communication(i.Movement.StructuredCommunication))))
            .Select(i => i.Counterparty!).Distinct().ToList();
        var knownPayers = payers.Count == 0 ? [] : await (from a in db.Set<OwnerBankAccount>()
                                                          join o in db.Owners on a.OwnerId equals o.Id
                                                          where payers.Contains(a.Iban) && o.OrganisationId == building.OrganisationId && o.ErasedAt == null
                                                          select new { a.Iban, OwnerId = o.Id }).Distinct().ToListAsync(ct);
        var ownerOfAccount = knownPayers.GroupBy(k => k.Iban).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().OwnerId);

        var ownerIds = byOgm.Values.Select(v => v.Owner).Concat(ownerOfAccount.Values).Distinct().ToList();
        var owners = ownerIds.Count == 0 ? [] : await db.Owners.AsNoTracking().Where(o => ownerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var batch = await payments.BeginAsync(db, building, ownerIds, ct);
        var learnt = new HashSet<(Guid Owner, string Iban)>();
        var matched = new List<(BankTransaction Transaction, MatchRule Rule)>();
        foreach (var (transaction, movement, counterparty) in incoming)
        {
            var match = Find(batch, byOgm, ownerOfAccount, fund, movement, counterparty);
            if (match is null)
            {
                counts.Unmatched++;
                continue;
            }
            batch.Add(owners[match.Value.OwnerId], movement.EntryDate, movement.Amount, PaymentMethod.Transfer,
                movement.StructuredCommunication is { } digits ? Communication(digits) : movement.FreeCommunication, fund, match.Value.Target);
            matched.Add((transaction, match.Value.Rule));
            if (counterparty is not null)
                learnt.Add((match.Value.OwnerId, counterparty));
        }
        var posted = await payments.PostAsync(db, actor, batch, ct);
        if (!posted.Succeeded)
            return Result.Fail(posted.Errors);
        for (var i = 0; i < matched.Count; i++)
        {
            matched[i].Transaction.Match(posted.Value[i].Id, matched[i].Rule);
            counts.Matched++;
            if (posted.Value[i].TransferDue > 0)
                counts.WrongAccount++;
        }
        // the movements are written last, with what became of them, once their payments and entries are saved
        await db.SaveChangesAsync(ct);
        await db.InsertManyAsync(fresh.Select(f => f.Transaction).ToList(), ct);
        await LearnAsync(db, learnt, now, ct);
        return Result.Ok();
    }

    /// <summary>
    /// The statement's movements not imported before (nor twice in this file). One import per account at a time, decided
    /// by the database (a transaction-scoped advisory lock on the account): a concurrent import of the same file waits
    /// here, then finds every movement known; the unique import key stays as the last guard.
    /// </summary>
    private static async Task<List<(BankTransaction Transaction, BankMovement Movement)>> NewMovementsAsync(IKoproGoDb db, Building building, Fund fund, Guid statementId,
        string fileName, BankStatement statement, DateTimeOffset now, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"bank-account:" + statement.AccountIban}, 0))", ct);
        var rows = statement.Movements.Select(m => (Transaction: BankTransaction.From(building.Id, statementId, statement.AccountIban, fund, fileName, m, now), Movement: m))
            .DistinctBy(r => r.Transaction.ImportKey).ToList();
        var keys = rows.Select(r => r.Transaction.ImportKey).ToList();
        var known = (await db.BankTransactions.Where(t => keys.Contains(t.ImportKey)).Select(t => t.ImportKey).ToListAsync(ct)).ToHashSet();
        return rows.Where(r => !known.Contains(r.Transaction.ImportKey)).ToList();
    }

    private static string Communication(string digits) => StructuredCommunication.FromNumber(long.Parse(digits[..10], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// SPEC §4.3: first the structured communication (of the working or the reserve part of a call line); without a
    /// valid one, the payer's account if it belongs to exactly one owner of the organisation, and only when the amount is
    /// one of their open parts on this account's fund or all of it (anything else is a guess: the manual queue). The
    /// open parts are the batch's: what earlier movements of the statement paid counts.
    /// </summary>
    private static (Guid OwnerId, PaymentTarget? Target, MatchRule Rule)? Find(PaymentBatch batch, Dictionary<string, (Guid Owner, PaymentTarget Target)> byOgm,
        Dictionary<string, Guid> ownerOfAccount, Fund fund, BankMovement movement, string? counterparty)
    {
        if (movement.StructuredCommunication is { } digits && byOgm.TryGetValue(Communication(digits), out var named))
            return (named.Owner, named.Target, MatchRule.StructuredCommunication);
        if (counterparty is null || !ownerOfAccount.TryGetValue(counterparty, out var ownerId))
            return null;
        var parts = batch.OpenLinesOf(ownerId).Select(l => (Line: l, Open: l.OpenOf(fund))).Where(p => p.Open > 0).ToList();
        if (parts.FirstOrDefault(p => p.Open == movement.Amount) is { Line: not null } one)
            return (ownerId, new PaymentTarget(one.Line.Id, fund), MatchRule.OwnerAccount);
        if (parts.Count > 0 && parts.Sum(p => p.Open) == movement.Amount)
            return (ownerId, null, MatchRule.OwnerAccount);
        return null;
    }

    internal static async Task LearnAsync(IKoproGoDb db, IReadOnlyCollection<(Guid Owner, string Iban)> accounts, DateTimeOffset now, CancellationToken ct)
    {
        if (accounts.Count == 0)
            return;
        var rows = accounts.Select(a => OwnerBankAccount.Learn(a.Owner, a.Iban, now)).ToList();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO owner_bank_accounts (id, owner_id, iban, learned_at)
            SELECT u.*, {now} FROM unnest({rows.Select(r => r.Id).ToArray()}, {rows.Select(r => r.OwnerId).ToArray()}, {rows.Select(r => r.Iban).ToArray()}) AS u
            ON CONFLICT (owner_id, iban) DO NOTHING
            """, ct);
    }

    /// <summary>The arriving leg of a move between the building's two accounts: bank of the receiving fund against 580.</summary>
    private async Task<Result<Guid>> BookOwnTransferAsync(IKoproGoDb db, Actor actor, Building building, Fund fund, BankMovement movement, CancellationToken ct)
    {
        var accounts = await AccountsAsync(db, building.OrganisationId, ct);
        var bank = accounts[fund == Fund.Reserve ? StandardChart.BankReserve : StandardChart.BankCurrent];
        var amount = Math.Abs(movement.Amount);
        // money in: bank debit; money out to the other account with no transfer order booked: bank credit
        if (movement.Amount < 0 && await TransferOrderedAsync(db, building.Id, fund, amount, ct))
            return Guid.Empty;
        List<LineDraft> lines = movement.Amount > 0
            ? [new() { AccountId = bank, Debit = amount }, new() { AccountId = accounts[StandardChart.InternalTransfers], Credit = amount }]
            : [new() { AccountId = accounts[StandardChart.InternalTransfers], Debit = amount }, new() { AccountId = bank, Credit = amount }];
        var posted = await poster.PostAsync(db, actor, building.OrganisationId, new EntryDraft
        {
            BuildingId = building.Id,
            Date = movement.EntryDate,
            Journal = Journal.FIN,
            Kind = EntryKind.TransferBetweenAccounts,
            Description = Texts.Get("accounting.own_transfer", building.Language),
            DocumentRef = movement.BankReference.Length > JournalEntry.DocumentRefMax ? movement.BankReference[..JournalEntry.DocumentRefMax] : movement.BankReference,
            Lines = lines,
        }, ct);
        return posted.Succeeded ? posted.Value.Id : Result<Guid>.Fail(posted.Errors);
    }

    /// <summary>A one-click transfer order of that amount leaving that account, not yet seen on a statement.</summary>
    private static async Task<bool> TransferOrderedAsync(IKoproGoDb db, Guid buildingId, Fund leaving, decimal amount, CancellationToken ct)
    {
        var candidate = await db.Payments.Where(p => p.BuildingId == buildingId && p.Account == leaving && p.TransferDue == amount && p.TransferEntryId != null
                                                     && !db.Set<BankTransaction>().Any(t => t.EntryId == p.TransferEntryId))
            .Select(p => p.TransferEntryId).FirstOrDefaultAsync(ct);
        return candidate is not null;
    }

    internal static Task<Dictionary<string, Guid>> AccountsAsync(IKoproGoDb db, Guid organisationId, CancellationToken ct) =>
        db.Accounts.Where(a => a.OrganisationId == organisationId && (a.Code == StandardChart.BankReserve || a.Code == StandardChart.BankCurrent
                                                                      || a.Code == StandardChart.InternalTransfers))
            .ToDictionaryAsync(a => a.Code, a => a.Id, ct);
}
