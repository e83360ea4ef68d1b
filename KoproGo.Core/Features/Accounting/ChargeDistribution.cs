
namespace KoproGo.Core.Features.Accounting;

/// <summary>Who pays for a lot and in which proportion (percent of the lot).</summary>
public sealed record Payer(Guid OwnerId, decimal Percentage);

public sealed record UnitCharge(Guid UnitId, string UnitNumber, decimal Weight, IReadOnlyList<Payer> Payers);

public static class ChargeDistribution
{
    /// <summary>
    /// Spreads <paramref name="total"/> over the lots by weight, then each lot's part over its payers, to the cent:
    /// the owners' amounts add up exactly to the total. Null when a weighted lot has nobody to pay for it.
    /// </summary>
    public static IReadOnlyList<(Guid UnitId, Guid OwnerId, decimal Amount)>? Allocate(decimal total, IReadOnlyList<UnitCharge> units)
    {
        var weighted = units.Where(u => u.Weight > 0).ToList();
        if (weighted.Count == 0 || weighted.Any(u => u.Payers.Count == 0 || u.Payers.Sum(p => p.Percentage) <= 0))
            return null;
        var perUnit = Money.Distribute(total, weighted.Select(u => u.Weight).ToList());
        var result = new List<(Guid, Guid, decimal)>();
        for (var i = 0; i < weighted.Count; i++)
        {
            var payers = weighted[i].Payers;
            var parts = Money.Distribute(perUnit[i], payers.Select(p => p.Percentage).ToList());
            for (var j = 0; j < payers.Count; j++)
                if (parts[j] != 0)
                    result.Add((weighted[i].UnitId, payers[j].OwnerId, parts[j]));
        }
        return result;
    }
}
