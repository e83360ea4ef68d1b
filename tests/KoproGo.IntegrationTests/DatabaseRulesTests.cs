using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using KoproGo.Data.Migrations;

namespace KoproGo.IntegrationTests;

/// <summary>The SQL the migrations install is frozen: editing a rule used by a released migration rewrites history.</summary>
public class DatabaseRulesTests
{
    private static readonly Dictionary<string, string> Frozen = new(StringComparer.Ordinal)
    {
        // the first 16 hex digits of SHA-256 of each constant, as the migrations that use it were released
        ["AuditAppendOnly"] = "244CFC5DB50156DE",
        ["AuditRedaction"] = "B7051EA0253C1AEE",
        ["EntryNumbering"] = "AA75720E65DD56FC",
        ["Ledger"] = "9D672EE13C3B1F46",
        ["LinePlacement"] = "AF567684844A7D52",
        ["OwnershipTotals"] = "A212BC1241598736",
        ["UnitSharesWithinTotal"] = "45C1C7B18FE42F2B",
    };

    [Fact]
    public void Constants_UsedByMigrations_AreUnchanged()
    {
        var actual = typeof(DatabaseRules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(((string)f.GetRawConstantValue()!).ReplaceLineEndings("\n"))))[..16], StringComparer.Ordinal);
        Assert.True(Frozen.Count == actual.Count && Frozen.All(kv => actual.GetValueOrDefault(kv.Key) == kv.Value),
            "A rule used by a migration changed or appeared; add a new constant (e.g. LedgerV2) for a new migration instead. Now: "
            + string.Join(", ", actual.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"[\"{kv.Key}\"] = \"{kv.Value}\"")));
    }
}
