
namespace KoproGo.Core.Features.Calls;

/// <summary>A movement of a bank statement: what the reconciliation needs.</summary>
public sealed record BankMovement(
    int Line,
    string BankReference,
    /// <summary>The value date; when the bank does not know it (CODA 000000), the entry date.</summary>
    DateOnly ValueDate,
    /// <summary>Positive: money in (a credit on the account); negative: money out.</summary>
    decimal Amount,
    string? StructuredCommunication,
    string? FreeCommunication,
    string? CounterpartyAccount,
    string? CounterpartyName)
{
    /// <summary>The day the bank booked it (CODA positions 116–121): the date of the payment in the books.</summary>
    public DateOnly EntryDate { get; init; } = ValueDate;
}

/// <summary>One account's statement; a bank file may hold several (the working and the reserve account, say).</summary>
public sealed record BankStatement(string AccountIban, DateOnly Date, IReadOnlyList<BankMovement> Movements)
{
    /// <summary>The balances the bank printed (CODA records 1 and 8); CSV exports have none.</summary>
    public decimal? OldBalance { get; init; }
    public decimal? NewBalance { get; init; }
}

/// <summary>Why a file was refused: its line and the reason as a text key with arguments.</summary>
public sealed class StatementFormatException(int line, string reasonKey, params object?[] args) : Exception(reasonKey)
{
    public int LineNumber { get; } = line;
    public string ReasonKey { get; } = reasonKey;
    public object?[] Args { get; } = args;
}

/// <summary>
/// Reads Belgian CODA bank files (Febelfin 2.x): 128-character records 0 (header), 1 (old balance), 21/22/23 (movement
/// and its continuations), 31/32/33 and 4 (information, skipped), 8 (new balance), 9 (trailer). A file may hold several
/// statements, each from its 0 to its 9 (position 128 of record 9: 1 = another follows, 2 = the last).
/// <para>Globalisation: a bank that groups payments sends the total as a 2.1 with detail number 0000 and a
/// globalisation code (position 125), then one 2.1 per payment with the same sequence number and detail numbers
/// 0001… Record 9 totals count detail-0000 records only. The payments are the movements; the global record is their
/// sum (checked) and is not a movement of its own, so nothing books twice. A global without details is one movement.</para>
/// Anything malformed is refused with its line number.
/// </summary>
public static class Coda
{
    public const int RecordLength = 128;

    /// <summary>The only statement of a file that must hold one.</summary>
    public static BankStatement Parse(string content) => ParseAll(content) is [var only] ? only : throw new StatementFormatException(1, "error.coda_several");

    public static IReadOnlyList<BankStatement> ParseAll(string content)
    {
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var records = lines.Select((text, i) => (Text: text, Number: i + 1)).Where(r => r.Text.Length > 0).ToList();
        if (records.Count == 0)
            throw new StatementFormatException(1, "error.coda_empty");
        foreach (var (text, number) in records)
            if (text.Length != RecordLength)
                throw new StatementFormatException(number, "error.coda_length", text.Length, RecordLength);
        var statements = new List<BankStatement>();
        var start = 0;
        while (start < records.Count)
        {
            if (records[start].Text[0] != '0')
                throw new StatementFormatException(records[start].Number, "error.coda_header");
            var end = records.FindIndex(start, r => r.Text[0] == '9');
            if (end < 0)
                throw new StatementFormatException(records[^1].Number, "error.coda_trailer");
            statements.Add(ParseStatement(records.GetRange(start, end - start + 1)));
            var more = records[end].Text[127] == '1';
            start = end + 1;
            if (!more && start < records.Count)
                throw new StatementFormatException(records[start].Number, "error.coda_after_last");
            if (more && start >= records.Count)
                throw new StatementFormatException(records[end].Number, "error.coda_missing_next");
        }
        return statements;
    }

    private static BankStatement ParseStatement(List<(string Text, int Number)> records)
    {
        string? iban = null;
        DateOnly? date = null;
        decimal? oldBalance = null, newBalance = null;
        var movements = new List<BankMovement>();
        Draft? current = null;
        // a globalised total waiting for its details: its amount, and the details read so far
        (Draft Global, List<BankMovement> Details)? group = null;
        decimal debit = 0, credit = 0;

        void Flush()
        {
            if (current is not { } c)
                return;
            current = null;
            var movement = c.ToMovement();
            if (group is { } g && c.Sequence == g.Global.Sequence && c.Detail != "0000")
                g.Details.Add(movement);
            else
            {
                CloseGroup();
                if (c.Detail == "0000" && c.Globalisation != '0')
                    group = (c, []);
                else
                    movements.Add(movement);
            }
        }

        void CloseGroup()
        {
            if (group is not { } g)
                return;
            group = null;
            if (g.Details.Count == 0)
            {
                movements.Add(g.Global.ToMovement());        // the bank sent the total only
                return;
            }
            var sum = g.Details.Sum(d => d.Amount);
            if (sum != g.Global.Amount)
                throw new StatementFormatException(g.Global.Line, "error.coda_global_sum", g.Global.Amount, sum);
            movements.AddRange(g.Details);
        }

        foreach (var (text, number) in records)
        {
            switch (text[0])
            {
                case '0':
                    date = ParseDate(text.Substring(5, 6), number);
                    break;
                case '1':
                    // account structure 2 or 3 = IBAN (Belgian or foreign): the number in positions 6–39
                    var account = text.Substring(5, 34).Trim();
                    iban = BelgianIdentifiers.NormaliseIban(account.Split(' ')[0]) ?? throw new StatementFormatException(number, "error.coda_account", account);
                    oldBalance = ParseAmount(text.Substring(43, 15), number) * (text[42] == '1' ? -1 : 1);
                    break;
                case '2':
                    switch (text[1])
                    {
                        case '1':
                            Flush();
                            var amount = ParseAmount(text.Substring(32, 15), number);
                            if (text[31] == '1')
                                amount = -amount;
                            var detail = text.Substring(6, 4);
                            // the trailer counts what the bank booked: the detail-0000 records, not the payments of a group
                            if (detail == "0000")
                            {
                                if (amount < 0) debit -= amount; else credit += amount;
                            }
                            var entryDate = ParseDate(text.Substring(115, 6), number);
                            var valueText = text.Substring(47, 6);
                            var structured = text[61] == '1' && text.Substring(62, 3) is "101" or "102" ? StructuredCommunication.Digits(text.Substring(65, 12)) : null;
                            current = new Draft(number, text.Substring(2, 4), detail, text.Substring(10, 21).Trim(), amount,
                                valueText == "000000" ? entryDate : ParseDate(valueText, number), entryDate, text[124], structured,
                                structured is null ? text.Substring(62, 53) : "");
                            break;
                        case '2':
                            if (current is { } c2 && c2.Structured is null)
                                current = c2 with { Free = c2.Free + text.Substring(10, 53) };
                            break;
                        case '3':
                            if (current is { } c3)
                                current = c3 with
                                {
                                    CounterpartyAccount = text.Substring(10, 37).Trim().Split(' ')[0],
                                    CounterpartyName = text.Substring(47, 35),
                                    Free = c3.Structured is null ? c3.Free + text.Substring(82, 43) : c3.Free,
                                };
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
                    CloseGroup();
                    newBalance = ParseAmount(text.Substring(42, 15), number) * (text[41] == '1' ? -1 : 1);
                    break;
                case '9':
                    Flush();
                    CloseGroup();
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
        return new BankStatement(iban, date!.Value, movements) { OldBalance = oldBalance, NewBalance = newBalance };
    }

    /// <summary>A 2.1 record being read, with what its 2.2 and 2.3 add.</summary>
    private sealed record Draft(int Line, string Sequence, string Detail, string Reference, decimal Amount, DateOnly ValueDate, DateOnly EntryDate,
        char Globalisation, string? Structured, string Free, string? CounterpartyAccount = null, string? CounterpartyName = null)
    {
        public BankMovement ToMovement()
        {
            var free = Text.Clean(Free);
            // an OGM typed in the free communication is still an OGM
            var structured = Structured ?? StructuredCommunication.FindIn(free);
            // the payments of a group share the bank's reference: the detail number tells them apart
            var reference = Detail == "0000" ? Reference : $"{Reference}/{Detail}";
            return new BankMovement(Line, reference, ValueDate, Amount, structured, Structured is null ? free : null,
                Text.Clean(CounterpartyAccount), Text.Clean(CounterpartyName))
            { EntryDate = EntryDate };
        }
    }

    private static decimal ParseAmount(string digits, int line) =>
        digits.All(char.IsAsciiDigit) ? long.Parse(digits, CultureInfo.InvariantCulture) / 1000m : throw new StatementFormatException(line, "error.coda_amount", digits);

    private static DateOnly ParseDate(string ddmmyy, int line) =>
        DateOnly.TryParseExact(ddmmyy, "ddMMyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new StatementFormatException(line, "error.coda_date", ddmmyy);
}
