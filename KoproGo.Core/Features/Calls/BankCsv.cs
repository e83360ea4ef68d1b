using CsvHelper;
using CsvHelper.Configuration;

namespace KoproGo.Core.Features.Calls;

/// <summary>
/// Reads a bank statement exported as CSV (what Belgian banks offer beside CODA): a header line, then one movement per
/// line, separated by ";" or ",". The header names the columns, in French, Dutch or English; a column it does not know
/// is refused rather than ignored, so that a file from another bank is never half-read. Required: the account, the date
/// and the amount (negative for money out). Optional: communication (a structured one is recognised), counterparty,
/// counterparty account, bank reference. Every line names the same account: one file, one statement.
/// </summary>
public static class BankCsv
{
    private enum Column { Account, Date, Amount, Communication, Counterparty, CounterpartyAccount, Reference }

    private static readonly Dictionary<string, Column> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["account"] = Column.Account,
        ["iban"] = Column.Account,
        ["compte"] = Column.Account,
        ["rekening"] = Column.Account,
        ["date"] = Column.Date,
        ["value_date"] = Column.Date,
        ["date_valeur"] = Column.Date,
        ["datum"] = Column.Date,
        ["valutadatum"] = Column.Date,
        ["amount"] = Column.Amount,
        ["montant"] = Column.Amount,
        ["bedrag"] = Column.Amount,
        ["communication"] = Column.Communication,
        ["mededeling"] = Column.Communication,
        ["counterparty"] = Column.Counterparty,
        ["contrepartie"] = Column.Counterparty,
        ["tegenpartij"] = Column.Counterparty,
        ["counterparty_account"] = Column.CounterpartyAccount,
        ["compte_contrepartie"] = Column.CounterpartyAccount,
        ["rekening_tegenpartij"] = Column.CounterpartyAccount,
        ["reference"] = Column.Reference,
        ["référence"] = Column.Reference,
        ["referentie"] = Column.Reference,
    };

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy", "d/M/yyyy"];

    public static BankStatement Parse(string content)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, DetectDelimiterValues = [";", ","], BadDataFound = null };
        using var parser = new CsvParser(new StringReader(content.TrimStart('\uFEFF')), config);
        if (!parser.Read())
            throw new StatementFormatException(1, "error.coda_empty");
        var header = parser.Record!;
        var columns = new Dictionary<Column, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().Replace(' ', '_');
            if (!Names.TryGetValue(name, out var column))
                throw new StatementFormatException(1, "error.csv_column", header[i].Trim());
            if (!columns.TryAdd(column, i))
                throw new StatementFormatException(1, "error.csv_column_twice", header[i].Trim());
        }
        foreach (var required in new[] { Column.Account, Column.Date, Column.Amount })
            if (!columns.ContainsKey(required))
                throw new StatementFormatException(1, "error.csv_missing_column", required.ToString().ToLowerInvariant());

        string? account = null;
        var movements = new List<BankMovement>();
        var occurrences = new Dictionary<string, int>();
        while (parser.Read())
        {
            var line = parser.Row;
            var record = parser.Record!;
            if (record.All(string.IsNullOrWhiteSpace))
                continue;
            string? Field(Column c) => columns.TryGetValue(c, out var i) && i < record.Length ? Text.Clean(record[i]) : null;
            var iban = BelgianIdentifiers.NormaliseIban(Field(Column.Account))
                       ?? throw new StatementFormatException(line, "error.coda_account", Field(Column.Account) ?? "");
            if (account is not null && iban != account)
                throw new StatementFormatException(line, "error.csv_accounts", BelgianIdentifiers.FormatIban(iban), BelgianIdentifiers.FormatIban(account));
            account = iban;
            if (!DateOnly.TryParseExact(Field(Column.Date), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || !BusinessTime.InRange(date))
                throw new StatementFormatException(line, "error.coda_date", Field(Column.Date) ?? "");
            var amount = ParseAmount(Field(Column.Amount)) ?? throw new StatementFormatException(line, "error.coda_amount", Field(Column.Amount) ?? "");
            var communication = Field(Column.Communication);
            // a bank's export keeps SEPA's limits: longer text is not a movement of a bank, and cutting it would lose words silently
            foreach (var (column, text) in new[] { (Column.Communication, communication), (Column.Counterparty, Field(Column.Counterparty)), (Column.Reference, Field(Column.Reference)) })
            {
                if (text is { Length: > BankTransaction.TextMax })
                    throw new StatementFormatException(line, "error.csv_text_too_long", column.ToString().ToLowerInvariant(), BankTransaction.TextMax, text.Length);
            }
            var structured = StructuredCommunication.Digits(communication);
            // without a bank reference, the n-th identical line of the file is told apart by n, so a second import finds the same keys
            var reference = Field(Column.Reference);
            if (reference is null)
            {
                var same = $"{date:yyyyMMdd}|{amount}|{communication}|{Field(Column.Counterparty)}";
                occurrences[same] = occurrences.GetValueOrDefault(same) + 1;
                reference = $"csv#{occurrences[same]}";
            }
            movements.Add(new BankMovement(line, reference, date, amount, structured, structured is null ? communication : null,
                BelgianIdentifiers.NormaliseIban(Field(Column.CounterpartyAccount)) ?? Field(Column.CounterpartyAccount), Field(Column.Counterparty)));
        }
        if (account is null)
            throw new StatementFormatException(2, "error.coda_empty");
        return new BankStatement(account, movements.Max(m => m.ValueDate), movements);
    }

    /// <summary>"1.234,56", "1234,56", "1234.56", "-50" → decimal, to the cent; anything else is unreadable.</summary>
    private static decimal? ParseAmount(string? text)
    {
        if (text is null)
            return null;
        var s = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace("€", "", StringComparison.Ordinal);
        if (s.Contains(',', StringComparison.Ordinal))
            s = s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && Money.HasAtMostCents(amount) && amount != 0
            ? amount : null;
    }
}

public static class BankFiles
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A statement is a few kilobytes; a year of daily statements of a large building stays far below this.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The file's bytes, or null when it is larger than <see cref="MaxBytes"/> (reading stops there).</summary>
    public static async Task<byte[]?> ReadAsync(Stream content, CancellationToken ct)
    {
        using var bytes = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            if (bytes.Length + read > MaxBytes)
                return null;
            bytes.Write(buffer, 0, read);
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// A CODA file opens with its header record: "0" then "0000" (Febelfin, record 0, positions 1–5); a CSV export opens
    /// with its column names. Read from the content, not the file name (a bank's download may be called anything).
    /// </summary>
    public static bool IsCoda(string content)
    {
        var first = content.AsSpan().TrimStart("\uFEFF\r\n \t".AsSpan());
        return first.StartsWith("00000", StringComparison.Ordinal);
    }

    /// <summary>Bank files come in UTF-8 (recent CSV exports) or Latin-1 (CODA, older exports): UTF-8 when the bytes are valid UTF-8.</summary>
    public static string Decode(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return System.Text.Encoding.Latin1.GetString(bytes);
        }
    }
}
