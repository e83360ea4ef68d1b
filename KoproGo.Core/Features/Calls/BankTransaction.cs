using System.Security.Cryptography;
using System.Text;

namespace KoproGo.Core.Features.Calls;

/// <summary>Matched: booked as an owner's payment. Transfer: money moved between the building's own two accounts.</summary>
public enum BankTransactionStatus { Matched, Unmatched, Outgoing, Transfer }

/// <summary>How a movement was recognised, for the bank view and the audit.</summary>
public enum MatchRule { None, StructuredCommunication, OwnerAccount, Manual, OwnAccount }

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
    public Guid? StatementId { get; private set; }
    public string ImportKey { get; private set; } = "";
    public string FileName { get; private set; } = "";
    /// <summary>The building's account the movement is on, and so the fund it belongs to.</summary>
    public string? AccountIban { get; private set; }
    public Fund Account { get; private set; }
    public DateOnly ValueDate { get; private set; }
    public DateOnly EntryDate { get; private set; }
    public decimal Amount { get; private set; }
    public string? StructuredCommunication { get; private set; }
    public string? Communication { get; private set; }
    public string? CounterpartyName { get; private set; }
    public string? CounterpartyAccount { get; private set; }
    public BankTransactionStatus Status { get; private set; }
    public MatchRule Rule { get; private set; }
    public Guid? PaymentId { get; private set; }
    public Guid? EntryId { get; private set; }
    public DateTimeOffset ImportedAt { get; private set; }

    public static string KeyOf(string iban, BankMovement m) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{iban}|{m.BankReference}|{m.ValueDate:yyyyMMdd}|{m.Amount:0.00}|{m.StructuredCommunication}|{m.FreeCommunication}")));

    public static BankTransaction From(Guid buildingId, Guid statementId, string iban, Fund account, string fileName, BankMovement m, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        BuildingId = buildingId,
        StatementId = statementId,
        ImportKey = KeyOf(iban, m),
        FileName = Cut(fileName)!,
        AccountIban = iban,
        Account = account,
        ValueDate = m.ValueDate,
        EntryDate = m.EntryDate,
        Amount = m.Amount,
        StructuredCommunication = m.StructuredCommunication,
        Communication = Cut(m.FreeCommunication),
        CounterpartyName = Cut(m.CounterpartyName),
        CounterpartyAccount = Cut(m.CounterpartyAccount),
        Status = m.Amount > 0 ? BankTransactionStatus.Unmatched : BankTransactionStatus.Outgoing,
        ImportedAt = now,
    };

    public void Match(Guid paymentId, MatchRule rule)
    {
        if (Status != BankTransactionStatus.Unmatched)
            throw new BusinessRuleException(new Error("error.bank_already_matched"));
        Status = BankTransactionStatus.Matched;
        PaymentId = paymentId;
        Rule = rule;
    }

    public void BookTransfer(Guid? entryId)
    {
        Status = BankTransactionStatus.Transfer;
        EntryId = entryId;
        Rule = MatchRule.OwnAccount;
    }

    private static string? Cut(string? s) => s is { Length: > TextMax } ? s[..TextMax] : s;
}

/// <summary>A statement as imported: which account, which file, the bank's balances.</summary>
public sealed class ImportedStatement
{
    private ImportedStatement() { }

    public Guid Id { get; private set; }
    public Guid BuildingId { get; private set; }
    public string AccountIban { get; private set; } = "";
    public Fund Account { get; private set; }
    public string FileName { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public decimal? OldBalance { get; private set; }
    public decimal? NewBalance { get; private set; }
    public int Movements { get; private set; }
    public DateTimeOffset ImportedAt { get; private set; }

    public static ImportedStatement From(Guid buildingId, Fund account, string fileName, BankStatement s, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        BuildingId = buildingId,
        AccountIban = s.AccountIban,
        Account = account,
        FileName = fileName.Length > BankTransaction.TextMax ? fileName[..BankTransaction.TextMax] : fileName,
        Date = s.Date,
        OldBalance = s.OldBalance,
        NewBalance = s.NewBalance,
        Movements = s.Movements.Count,
        ImportedAt = now,
    };
}
