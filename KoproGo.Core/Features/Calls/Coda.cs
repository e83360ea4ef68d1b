using System.Globalization;
using KoproGo.Core.Common;

namespace KoproGo.Core.Features.Calls;

/// <summary>A movement of a bank statement: what the reconciliation needs.</summary>
public sealed record BankMovement(
    int Line,
    string BankReference,
    DateOnly ValueDate,
    /// <summary>Positive: money in (a credit on the account); negative: money out.</summary>
    decimal Amount,
    string? StructuredCommunication,
    string? FreeCommunication,
    string? CounterpartyAccount,
    string? CounterpartyName);

public sealed record BankStatement(string AccountIban, DateOnly Date, IReadOnlyList<BankMovement> Movements);

/// <summary>Why a file was refused: its line and the reason as a text key with arguments.</summary>
public sealed class StatementFormatException(int line, string reasonKey, params object?[] args) : Exception(reasonKey)
{
    public int LineNumber { get; } = line;
    public string ReasonKey { get; } = reasonKey;
    public object?[] Args { get; } = args;
}

/// <summary>
/// Reads Belgian CODA bank statements (Febelfin 2.x): 128-character records 0 (header), 1 (old balance), 21/22/23
/// (movement and its continuations), 31/32/33 and 4 (information, skipped), 8 (new balance), 9 (trailer, whose debit
/// and credit totals are checked against the movements). Anything malformed is refused with its line number.
/// </summary>
public static class Coda
{
    public const int RecordLength = 128;

    public static BankStatement Parse(string content)
    {
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var records = lines.Select((text, i) => (Text: text, Number: i + 1)).Where(r => r.Text.Length > 0).ToList();
        if (records.Count == 0)
            throw new StatementFormatException(1, "error.coda_empty");
        foreach (var (text, number) in records)
            if (text.Length != RecordLength)
                throw new StatementFormatException(number, "error.coda_length", text.Length, RecordLength);
        if (records[0].Text[0] != '0')
            throw new StatementFormatException(records[0].Number, "error.coda_header");
        if (records[^1].Text[0] != '9')
            throw new StatementFormatException(records[^1].Number, "error.coda_trailer");

        string? iban = null;
        DateOnly? date = null;
        var movements = new List<BankMovement>();
        (int Line, string Reference, DateOnly ValueDate, decimal Amount, string? Structured, string Free)? current = null;
        string? counterpartyAccount = null, counterpartyName = null;
        decimal debit = 0, credit = 0;

        void Flush()
        {
            if (current is { } c)
                movements.Add(new BankMovement(c.Line, c.Reference, c.ValueDate, c.Amount, c.Structured, Text.Clean(c.Free), Text.Clean(counterpartyAccount), Text.Clean(counterpartyName)));
            current = null;
            counterpartyAccount = counterpartyName = null;
        }

        foreach (var (text, number) in records)
        {
            switch (text[0])
            {
                case '0':
                    if (number != records[0].Number)
                        throw new StatementFormatException(number, "error.coda_header");
                    date = ParseDate(text.Substring(5, 6), number);
                    break;
                case '1':
                    // account structure 2 = IBAN (Belgian or foreign): the number in positions 5–38
                    var account = text.Substring(5, 34).Trim();
                    iban = BelgianIdentifiers.NormaliseIban(account.Split(' ')[0]) ?? throw new StatementFormatException(number, "error.coda_account", account);
                    break;
                case '2':
                    switch (text[1])
                    {
                        case '1':
                            Flush();
                            var sign = text[31];
                            var amount = ParseAmount(text.Substring(32, 15), number);
                            if (sign == '1') { amount = -amount; debit -= amount; } else credit += amount;
                            var structured = text[61] == '1' && text.Substring(62, 3) == "101" ? StructuredCommunication.Digits(text.Substring(65, 12)) : null;
                            current = (number, text.Substring(10, 21).Trim(), ParseDate(text.Substring(47, 6), number), amount, structured,
                                structured is null ? text.Substring(62, 53) : "");
                            break;
                        case '2':
                            if (current is { } c2 && c2.Structured is null)
                                current = c2 with { Free = c2.Free + text.Substring(10, 53) };
                            break;
                        case '3':
                            counterpartyAccount = text.Substring(10, 37).Trim().Split(' ')[0];
                            counterpartyName = text.Substring(47, 35);
                            if (current is { } c3 && c3.Structured is null)
                                current = c3 with { Free = c3.Free + text.Substring(82, 43) };
                            break;
                        default:
                            throw new StatementFormatException(number, "error.coda_record", text[..2]);
                    }
                    break;
                case '3':
                case '4':
                    break;      // information records: nothing to reconcile
                case '8':
                    Flush();
                    break;
                case '9':
                    Flush();
                    if (number != records[^1].Number)
                        throw new StatementFormatException(number, "error.coda_trailer");
                    var totalDebit = ParseAmount(text.Substring(22, 15), number);
                    var totalCredit = ParseAmount(text.Substring(37, 15), number);
                    if (totalDebit != debit || totalCredit != credit)
                        throw new StatementFormatException(number, "error.coda_totals", totalDebit, totalCredit, debit, credit);
                    break;
                default:
                    throw new StatementFormatException(number, "error.coda_record", text[..1]);
            }
        }
        if (iban is null)
            throw new StatementFormatException(records[0].Number, "error.coda_no_balance");
        return new BankStatement(iban, date!.Value, movements);
    }

    private static decimal ParseAmount(string digits, int line) =>
        digits.All(char.IsAsciiDigit) ? long.Parse(digits, CultureInfo.InvariantCulture) / 1000m : throw new StatementFormatException(line, "error.coda_amount", digits);

    private static DateOnly ParseDate(string ddmmyy, int line) =>
        DateOnly.TryParseExact(ddmmyy, "ddMMyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new StatementFormatException(line, "error.coda_date", ddmmyy);
}
