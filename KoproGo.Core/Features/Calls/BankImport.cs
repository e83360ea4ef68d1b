using System.Security.Cryptography;
using System.Text;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Core.Features.Calls;

public enum BankTransactionStatus { Matched, Unmatched, Outgoing }

/// <summary>
/// A movement imported from a bank statement, once: <see cref="ImportKey"/> (account, bank reference, date, amount,
/// communication) is unique, so the same file — or the same movement in two files — never books twice.
/// </summary>
public sealed class BankTransaction
{
    public const int TextMax = 140;

    private BankTransaction() { }

    public Guid Id { get; private set; }
    public Guid BuildingId { get; private set; }
    public string ImportKey { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public DateOnly ValueDate { get; private set; }
    public decimal Amount { get; private set; }
    public string? StructuredCommunication { get; private set; }
    public string? Communication { get; private set; }
    public string? CounterpartyName { get; private set; }
    public string? CounterpartyAccount { get; private set; }
    public BankTransactionStatus Status { get; private set; }
    public Guid? PaymentId { get; private set; }
    public DateTimeOffset ImportedAt { get; private set; }

    public static string KeyOf(string iban, BankMovement m) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{iban}|{m.BankReference}|{m.ValueDate:yyyyMMdd}|{m.Amount:0.00}|{m.StructuredCommunication}|{m.FreeCommunication}")));

    public static BankTransaction From(Guid buildingId, string iban, string fileName, BankMovement m, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        BuildingId = buildingId,
        ImportKey = KeyOf(iban, m),
        FileName = Cut(fileName)!,
        ValueDate = m.ValueDate,
        Amount = m.Amount,
        StructuredCommunication = m.StructuredCommunication,
        Communication = Cut(m.FreeCommunication),
        CounterpartyName = Cut(m.CounterpartyName),
        CounterpartyAccount = Cut(m.CounterpartyAccount),
        Status = m.Amount > 0 ? BankTransactionStatus.Unmatched : BankTransactionStatus.Outgoing,
        ImportedAt = now,
    };

    public void Match(Guid paymentId)
    {
        if (Status != BankTransactionStatus.Unmatched)
            throw new BusinessRuleException(new Error("error.bank_already_matched"));
        Status = BankTransactionStatus.Matched;
        PaymentId = paymentId;
    }

    private static string? Cut(string? s) => s is { Length: > TextMax } ? s[..TextMax] : s;
}

public sealed record ImportSummary(int Movements, int Matched, int Unmatched, int Outgoing, int AlreadyImported);

public sealed record UnmatchedRow(Guid Id, DateOnly ValueDate, decimal Amount, string? Communication, string? CounterpartyName, string? CounterpartyAccount);

public interface IBankImportService
{
    /// <summary>
    /// Imports a CODA file of one of the building accounts the actor keeps the books of: payments whose structured
    /// communication names a call line are booked at once, the others wait for manual matching. All or nothing.
    /// </summary>
    Task<Result<ImportSummary>> ImportCodaAsync(Actor actor, string fileName, string content, CancellationToken ct);
    /// <summary>The same for a statement exported as CSV (<see cref="BankCsv"/>).</summary>
    Task<Result<ImportSummary>> ImportCsvAsync(Actor actor, string fileName, string content, CancellationToken ct);
    Task<Result<IReadOnlyList<UnmatchedRow>>> UnmatchedAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The syndic says whose payment it is: booked like any payment of that owner.</summary>
    Task<Result> MatchAsync(Actor actor, Guid transactionId, Guid ownerId, CancellationToken ct);
}

public sealed class BankImportService(IKoproGoDbFactory dbFactory, PaymentPosting payments, TimeProvider clock) : IBankImportService
{
    public Task<Result<ImportSummary>> ImportCodaAsync(Actor actor, string fileName, string content, CancellationToken ct) =>
        ImportAsync(actor, fileName, () => Coda.Parse(content), ct);

    public Task<Result<ImportSummary>> ImportCsvAsync(Actor actor, string fileName, string content, CancellationToken ct) =>
        ImportAsync(actor, fileName, () => BankCsv.Parse(content), ct);

    private async Task<Result<ImportSummary>> ImportAsync(Actor actor, string fileName, Func<BankStatement> parse, CancellationToken ct)
    {
        BankStatement statement;
        try
        {
            statement = parse();
        }
        catch (StatementFormatException e)
        {
            return new Error(e.ReasonKey, [e.LineNumber, .. e.Args]);
        }
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        var buildings = await db.ReadableBuildings(actor, today).AsNoTracking()
            .Where(b => b.WorkingFundIban == statement.AccountIban || b.ReserveFundIban == statement.AccountIban).Take(2).ToListAsync(ct);
        // a statement belongs to one building: an account shared by two is a data error, not a guess
        if (buildings.Count > 1)
            return Error.Of("error.coda_shared_account", BelgianIdentifiers.FormatIban(statement.AccountIban));
        var building = buildings.SingleOrDefault();
        if (building is null || !actor.CanKeepBooks(building.OrganisationId, building.Id))
            return Error.NotFoundAs("error.coda_unknown_account", BelgianIdentifiers.FormatIban(statement.AccountIban));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int matched = 0, unmatched = 0, outgoing = 0, known = 0;
        var now = clock.GetUtcNow();
        foreach (var movement in statement.Movements)
        {
            var transaction = BankTransaction.From(building.Id, statement.AccountIban, fileName, movement, now);
            // the database decides what is new: a concurrent import of the same file waits here, then finds it taken
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO bank_transactions (id, building_id, import_key, file_name, value_date, amount, structured_communication, communication,
                                               counterparty_name, counterparty_account, status, imported_at)
                VALUES ({transaction.Id}, {transaction.BuildingId}, {transaction.ImportKey}, {transaction.FileName}, {transaction.ValueDate}, {transaction.Amount},
                        {transaction.StructuredCommunication}, {transaction.Communication}, {transaction.CounterpartyName}, {transaction.CounterpartyAccount},
                        {transaction.Status.ToString()}, {transaction.ImportedAt})
                ON CONFLICT (import_key) DO NOTHING
                """, ct);
            if (inserted == 0)
            {
                known++;
                continue;
            }
            if (transaction.Status == BankTransactionStatus.Outgoing)
            {
                outgoing++;
                continue;
            }
            var ogm = movement.StructuredCommunication is { } digits
                ? StructuredCommunication.FromNumber(long.Parse(digits[..10], System.Globalization.CultureInfo.InvariantCulture))
                : null;
            var line = ogm is null ? null
                : await (from l in db.CallLines
                         join c in db.CallsForFunds on l.CallId equals c.Id
                         where c.BuildingId == building.Id && c.Status == CallStatus.Sent && l.StructuredCommunication == ogm
                         select l).AsNoTracking().FirstOrDefaultAsync(ct);
            if (line is null)
            {
                unmatched++;
                continue;
            }
            var owner = await db.Owners.AsNoTracking().FirstAsync(o => o.Id == line.OwnerId, ct);
            var payment = await payments.RecordAsync(db, actor, building, owner, movement.ValueDate, movement.Amount, PaymentMethod.Transfer, ogm, line.Id, ct);
            if (!payment.Succeeded)
                return Result<ImportSummary>.Fail(payment.Errors);
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE bank_transactions SET status = 'Matched', payment_id = {payment.Value.Id} WHERE id = {transaction.Id}", ct);
            matched++;
        }
        var summary = new ImportSummary(statement.Movements.Count, matched, unmatched, outgoing, known);
        db.Audit(actor, clock, "bank.imported", nameof(BankTransaction), fileName, building.OrganisationId, building.Id,
            $"{summary.Movements} movements: {matched} matched, {unmatched} to match, {outgoing} outgoing, {known} already imported");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return summary;
    }

    public async Task<Result<IReadOnlyList<UnmatchedRow>>> UnmatchedAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.BooksBuildingAsync(actor, buildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<IReadOnlyList<UnmatchedRow>>.Fail(found.Errors);
        return await db.BankTransactions.AsNoTracking().Where(t => t.BuildingId == buildingId && t.Status == BankTransactionStatus.Unmatched)
            .OrderBy(t => t.ValueDate)
            .Select(t => new UnmatchedRow(t.Id, t.ValueDate, t.Amount, t.StructuredCommunication ?? t.Communication, t.CounterpartyName, t.CounterpartyAccount))
            .ToListAsync(ct);
    }

    public async Task<Result> MatchAsync(Actor actor, Guid transactionId, Guid ownerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var buildingId = await db.BankTransactions.Where(t => t.Id == transactionId).Select(t => (Guid?)t.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null)
            return Errors.NotFoundError;
        var found = await db.BooksBuildingAsync(actor, buildingId.Value, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM bank_transactions WHERE id = {transactionId} FOR UPDATE", ct);
        var transaction = await db.BankTransactions.FirstAsync(t => t.Id == transactionId, ct);
        if (transaction.Status != BankTransactionStatus.Unmatched)
            return new Error("error.bank_already_matched");
        var owner = await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownerId && o.OrganisationId == found.Value.OrganisationId, ct);
        if (owner is null)
            return new Error(Errors.NotFound, [], "OwnerId");
        var payment = await payments.RecordAsync(db, actor, found.Value, owner, transaction.ValueDate, transaction.Amount, PaymentMethod.Transfer,
            transaction.Communication ?? transaction.CounterpartyName, null, ct);
        if (!payment.Succeeded)
            return Result.Fail(payment.Errors);
        transaction.Match(payment.Value.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }
}
