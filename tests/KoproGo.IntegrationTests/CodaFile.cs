using System.Globalization;
using KoproGo.Core.Common;

namespace KoproGo.IntegrationTests;

/// <summary>Hand-made CODA files (Febelfin 2.x): what a Belgian bank sends, with the positions the parser reads.</summary>
public static class CodaFile
{
    public sealed record Move(decimal Amount, string? Ogm = null, string Free = "", string Reference = "", string Name = "Dupont Jean", string Account = "BE71096123456769");

    private static string Fit(string s, int length) => s.PadRight(length)[..length];
    private static string Amount(decimal a) => ((long)(Math.Abs(a) * 1000)).ToString("D15", CultureInfo.InvariantCulture);

    public static string Build(string iban, DateOnly date, IReadOnlyList<Move> moves, decimal? announcedDebit = null, decimal? announcedCredit = null)
    {
        var d = date.ToString("ddMMyy", CultureInfo.InvariantCulture);
        var lines = new List<string> { Fit("00000" + d + "725" + "05", 127) + "2", Fit("12001" + Fit(iban + " EUR", 37) + "0" + Amount(1000m) + d, 128) };
        var seq = 1;
        foreach (var m in moves)
        {
            var reference = Fit(m.Reference.Length > 0 ? m.Reference : $"REF{seq:D6}", 21);
            var communication = m.Ogm is { } ogm ? "1" + Fit("101" + StructuredCommunication.Digits(ogm), 53) : "0" + Fit(m.Free, 53);
            lines.Add("21" + seq.ToString("D4", CultureInfo.InvariantCulture) + "0000" + reference + (m.Amount < 0 ? "1" : "0") + Amount(m.Amount) + d + "00150000" + communication + d + "001" + "0" + "0" + " " + "0");
            lines.Add(Fit("23" + seq.ToString("D4", CultureInfo.InvariantCulture) + "0000" + Fit(m.Account, 37) + Fit(m.Name, 35) + Fit("", 43), 128));
            seq++;
        }
        lines.Add(Fit("8001" + Fit(iban + " EUR", 37) + "0" + Amount(1000m) + d, 128));
        var debit = announcedDebit ?? -moves.Where(m => m.Amount < 0).Sum(m => m.Amount);
        var credit = announcedCredit ?? moves.Where(m => m.Amount > 0).Sum(m => m.Amount);
        lines.Add(Fit("9" + new string(' ', 15) + (lines.Count - 1).ToString("D6", CultureInfo.InvariantCulture) + Amount(debit) + Amount(credit), 127) + "2");
        return string.Join("\r\n", lines) + "\r\n";
    }
}
