namespace KoproGo.Core.Features.Calls;

/// <summary>A lot and who holds it today.</summary>
public sealed record LotHolding(Guid UnitId, string Number, int Shares, IReadOnlyList<(Guid OwnerId, OwnershipKind Kind, decimal Percentage)> Rights);

public sealed record OwnerCallShare(Guid OwnerId, decimal Ordinary, decimal Extraordinary, decimal Reserve, string Lots)
{
    public decimal Total => Ordinary + Extraordinary + Reserve;
}

/// <summary>
/// Owner amount = fund total × lot shares / building shares × owner's part of the lot, to the cent by largest
/// remainder, fund by fund, so that every fund and the whole call add up exactly and each owner is within a cent of
/// their exact share per fund. On a split lot the usufructuary
/// pays the ordinary charges, the bare owner the extraordinary ones and the reserve fund.
/// </summary>
public static class CallAllocation
{
    public static IReadOnlyList<OwnerCallShare>? Compute(IReadOnlyList<LotHolding> lots, int buildingShares, decimal ordinary, decimal extraordinary, decimal reserve)
    {
        if (lots.Any(l => l.Shares > 0 && l.Rights.Count == 0))
            return null;
        // each owner's weight in a fund: Σ lot shares × their part of the lot; one split per fund keeps every owner
        // within a cent of their exact share
        Dictionary<Guid, decimal> Weights(OwnershipKind splitPayer) => lots
            .SelectMany(l => (l.Rights.Any(r => r.Kind == OwnershipKind.Full) ? l.Rights.Where(r => r.Kind == OwnershipKind.Full) : l.Rights.Where(r => r.Kind == splitPayer))
                .Select(r => (r.OwnerId, Weight: l.Shares * r.Percentage / 100m)))
            .GroupBy(x => x.OwnerId).ToDictionary(g => g.Key, g => g.Sum(x => x.Weight));
        Dictionary<Guid, decimal>? Fund(decimal amount, OwnershipKind splitPayer)
        {
            var weights = Weights(splitPayer);
            if (amount == 0)
                return [];
            if (weights.Values.Sum() <= 0)
                return null;
            var ids = weights.Keys.OrderBy(k => k).ToList();
            var parts = Money.Distribute(amount, ids.Select(id => weights[id]).ToList());
            return ids.Select((id, i) => (id, parts[i])).ToDictionary(x => x.id, x => x.Item2);
        }
        var o = Fund(ordinary, OwnershipKind.Usufruct);
        var e = Fund(extraordinary, OwnershipKind.BareOwnership);
        var r = Fund(reserve, OwnershipKind.BareOwnership);
        if (o is null || e is null || r is null)
            return null;
        var lotsOf = lots.SelectMany(l => l.Rights.Select(x => (x.OwnerId, Text: $"{l.Number} ({l.Shares}/{buildingShares})")))
            .GroupBy(x => x.OwnerId).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(x => x.Text).Distinct()));
        return o.Keys.Concat(e.Keys).Concat(r.Keys).Distinct()
            .Select(id => new OwnerCallShare(id, o.GetValueOrDefault(id), e.GetValueOrDefault(id), r.GetValueOrDefault(id), lotsOf.GetValueOrDefault(id, "")))
            .Where(s => s.Total > 0)
            .OrderBy(s => s.Lots, StringComparer.Ordinal).ToList();
    }
}
