using System.Globalization;
using KoproGo.Core.Common;

namespace KoproGo.IntegrationTests;

/// <summary>Hand-made CODA files (Febelfin 2.x): what a Belgian bank sends, with the positions the parser reads.</summary>
public static class CodaFile
{
    /// <param name="OgmType">101, or 102 (a structured communication the bank reconstituted).</param>
    /// <param name="ValueDateUnknown">The bank writes 000000 as value date: the entry date counts.</param>
    public sealed record Move(decimal Amount, string? Ogm = null, string Free = "", string Reference = "", string Name = "Dupont Jean", string Account = "BE71096123456769",
        string OgmType = "101", bool ValueDateUnknown = false, DateOnly? EntryDate = null);

    /// <summary>A globalised movement: one 2.1 for the total (detail 0000, globalisation code 1), then one per payment.</summary>
    public sealed record Global(IReadOnlyList<Move> Payments, string Reference = "GLOBAL");

    private static string Fit(string s, int length) => s.PadRight(length)[..length];
    private static string Amount(decimal a) => ((long)(Math.Abs(a) * 1000)).ToString("D15", CultureInfo.InvariantCulture);
    private static string Date(DateOnly d) => d.ToString("ddMMyy", CultureInfo.InvariantCulture);

    public static string Build(string iban, DateOnly date, IReadOnlyList<Move> moves, decimal? announcedDebit = null, decimal? announcedCredit = null) =>
        File(Statement(iban, date, moves.Cast<object>().ToList(), 1000m, announcedDebit, announcedCredit));

    /// <summary>Several statements in one file: record 9 of each but the last says another follows (position 128 = 1).</summary>
    public static string File(params string[] statements) =>
        string.Concat(statements.Select((s, i) => i < statements.Length - 1 ? s[..^3] + "1\r\n" : s));

    /// <summary>One statement (records 0 to 9) of movements and globalised groups; balances consistent with them.</summary>
    public static string Statement(string iban, DateOnly date, IReadOnlyList<object> items, decimal oldBalance = 0m, decimal? announcedDebit = null, decimal? announcedCredit = null)
    {
        var d = Date(date);
        string Balance(decimal b) => (b < 0 ? "1" : "0") + Amount(b);
        var lines = new List<string> { Fit("00000" + d + "725" + "05", 127) + "2", Fit("12001" + Fit(iban + " EUR", 37) + Balance(oldBalance) + d, 128) };
        var seq = 1;
        decimal debit = 0, credit = 0;
        string Record21(int sequence, int detail, string reference, decimal amount, string communication, DateOnly? value, DateOnly entry, char globalisation) =>
            "21" + sequence.ToString("D4", CultureInfo.InvariantCulture) + detail.ToString("D4", CultureInfo.InvariantCulture) + Fit(reference, 21)
            + (amount < 0 ? "1" : "0") + Amount(amount) + (value is { } v ? Date(v) : "000000") + "00150000" + communication + Date(entry) + "001" + globalisation + "0" + " " + "0";
        string Communication(Move m) => m.Ogm is { } ogm ? "1" + Fit(m.OgmType + StructuredCommunication.Digits(ogm), 53) : "0" + Fit(m.Free, 53);
        void Counterparty(int sequence, int detail, Move m) =>
            lines.Add(Fit("23" + sequence.ToString("D4", CultureInfo.InvariantCulture) + detail.ToString("D4", CultureInfo.InvariantCulture) + Fit(m.Account, 37) + Fit(m.Name, 35) + Fit("", 43), 128));
        foreach (var item in items)
        {
            if (item is Move m)
            {
                lines.Add(Record21(seq, 0, m.Reference.Length > 0 ? m.Reference : $"REF{seq:D6}", m.Amount, Communication(m), m.ValueDateUnknown ? null : date, m.EntryDate ?? date, '0'));
                Counterparty(seq, 0, m);
                if (m.Amount < 0) debit -= m.Amount; else credit += m.Amount;
            }
            else if (item is Global g)
            {
                var total = g.Payments.Sum(p => p.Amount);
                lines.Add(Record21(seq, 0, g.Reference, total, "0" + Fit("GROUPED PAYMENTS", 53), date, date, '1'));
                if (total < 0) debit -= total; else credit += total;       // the trailer counts the global record only
                for (var i = 0; i < g.Payments.Count; i++)
                {
                    var p = g.Payments[i];
                    lines.Add(Record21(seq, i + 1, g.Reference, p.Amount, Communication(p), date, date, '0'));
                    Counterparty(seq, i + 1, p);
                }
            }
            seq++;
        }
        lines.Add(Fit("8001" + Fit(iban + " EUR", 37) + Balance(oldBalance + credit - debit) + d, 128));
        lines.Add(Fit("9" + new string(' ', 15) + (lines.Count - 1).ToString("D6", CultureInfo.InvariantCulture) + Amount(announcedDebit ?? debit) + Amount(announcedCredit ?? credit), 127) + "2");
        return string.Join("\r\n", lines) + "\r\n";
    }
}
