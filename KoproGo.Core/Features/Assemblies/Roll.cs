namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// One voice at the assembly: the owner who votes for a set of lots, with their shares. A lot held by several people
/// (indivision, bare ownership and usufruct) votes through one of them — the lot's primary contact, whom the syndic
/// records as the holders' appointed representative (Art. 3.87 §1) — so an indivision counts once for the quorum.
/// </summary>
/// <param name="Units">The lots' ids, for the items that only their charges' bearers vote on.</param>
public sealed record Voice(Guid OwnerId, string Name, int Shares, IReadOnlyList<string> Lots, IReadOnlyList<Guid> Units);

/// <summary>The building's voices on a day, and who is present or represented among them at an instant.</summary>
public sealed record Roll(IReadOnlyList<Voice> Voices)
{
    // looked up once per ballot and per presence when an item is counted: a dictionary, not a scan of 500 voices
    private readonly Dictionary<Guid, Voice> _byOwner = Voices.ToDictionary(v => v.OwnerId);

    public int Owners => Voices.Count;
    public int TotalShares { get; } = Voices.Sum(v => v.Shares);
    public Voice? Of(Guid ownerId) => _byOwner.GetValueOrDefault(ownerId);

    /// <summary>
    /// For each voice present or represented at <paramref name="instant"/>, who casts it: the owner when present
    /// (in person or remote), else the holder of their proxy when the holder is present. Voices of the roll only.
    /// </summary>
    public IReadOnlyDictionary<Guid, Guid> PresentAt(IEnumerable<Attendance> attendances, IEnumerable<Proxy> proxies, DateTimeOffset instant)
    {
        var here = attendances.Where(a => a.IsPresentAt(instant)).Select(a => a.OwnerId).ToHashSet();
        var voters = new Dictionary<Guid, Guid>();
        foreach (var voice in Voices.Where(v => here.Contains(v.OwnerId)))
            voters[voice.OwnerId] = voice.OwnerId;
        foreach (var proxy in proxies)
            if (!here.Contains(proxy.GrantorOwnerId) && here.Contains(proxy.HolderOwnerId) && Of(proxy.GrantorOwnerId) is not null)
                voters[proxy.GrantorOwnerId] = proxy.HolderOwnerId;
        return voters;
    }

    public int SharesOf(IEnumerable<Guid> owners) => owners.Sum(o => Of(o)?.Shares ?? 0);

    /// <summary>The building's voices on a day, from the ownerships in force.</summary>
    public static async Task<Roll> OfBuildingAsync(IKoproGoDb db, Guid buildingId, DateOnly day, CancellationToken ct)
    {
        var holdings = await db.Ownerships.Where(o => o.StartDate <= day && (o.EndDate == null || o.EndDate > day))
            .Join(db.Units.Where(u => u.BuildingId == buildingId), o => o.UnitId, u => u.Id, (o, u) => new { o.UnitId, o.OwnerId, o.IsPrimaryContact, u.Shares, u.Number })
            .ToListAsync(ct);
        var shares = holdings.GroupBy(h => h.UnitId)
            .Select(lot => (Voter: lot.OrderByDescending(h => h.IsPrimaryContact).ThenBy(h => h.OwnerId).First().OwnerId, lot.Key, lot.First().Shares, lot.First().Number))
            .GroupBy(x => x.Voter).ToDictionary(g => g.Key, g => (Shares: g.Sum(x => x.Shares), Lots: g.Select(x => x.Number).Order(StringComparer.Ordinal).ToList(),
                Units: g.Select(x => x.Key).ToList()));
        var ids = shares.Keys.ToList();
        var owners = await db.Owners.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(ct);
        return new Roll(owners.Select(o => new Voice(o.Id, o.DisplayName, shares[o.Id].Shares, shares[o.Id].Lots, shares[o.Id].Units))
            .OrderBy(v => v.Name, StringComparer.CurrentCulture).ThenBy(v => v.OwnerId).ToList());
    }
}
