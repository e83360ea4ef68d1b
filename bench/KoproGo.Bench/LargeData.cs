using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Bench;

/// <summary>
/// Deterministic large data (fixed seed): 50 buildings of the demo organisation, one of them with 500 units, and
/// 5,000 owners, each unit of the big building owned by one of them. Same input, same rows, every run.
/// </summary>
public static class LargeData
{
    public const int Seed = 20261125, Buildings = 50, BigUnits = 500, Owners = 5000;
    public const string BigSlug = "bench-tour-midi";

    private static readonly string[] LastNames = ["Dubois", "Peeters", "Janssens", "Maes", "Lambert", "Dupont", "Martin", "Claes", "Goossens", "Wouters", "Simon", "Laurent", "Mertens", "Willems", "Leroy", "Hermans", "Renard", "Jacobs", "Vermeulen", "Lefèvre"];
    private static readonly string[] FirstNames = ["Marie", "Jan", "Sophie", "Luc", "Anne", "Pieter", "Élodie", "Koen", "Nadia", "Thomas", "Els", "François", "Sarah", "Wim", "Chloé", "Bart"];
    private static readonly string[] Cities = ["Bruxelles", "Gent", "Liège", "Antwerpen", "Namur", "Brugge", "Mons", "Leuven"];

    public static async Task<Guid> EnsureAsync(IKoproGoDbFactory dbFactory, Guid organisationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var existing = await db.Buildings.Where(b => b.Slug == BigSlug).Select(b => b.Id).FirstOrDefaultAsync(ct);
        if (existing != Guid.Empty)
            return existing;
        var random = new Random(Seed);
        var buildings = Enumerable.Range(0, Buildings).Select(i => Building.Create(organisationId, new BuildingInput
        {
            Name = i == 0 ? "Tour Midi (bench)" : $"Résidence {LastNames[i % LastNames.Length]} {i}",
            Street = $"Rue du Bench {i + 1}",
            PostalCode = (1000 + random.Next(0, 8999)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            City = Cities[random.Next(Cities.Length)],
            TotalShares = i == 0 ? 100_000 : 1000,
            Slug = i == 0 ? BigSlug : $"bench-{i}",
        })).ToList();
        db.Buildings.AddRange(buildings);
        var big = buildings[0];
        var units = Enumerable.Range(0, BigUnits).Select(i => Unit.Create(big.Id, new UnitInput
        {
            Number = $"{i / 20 + 1}.{i % 20 + 1:D2}",
            Type = i % 10 == 9 ? UnitType.Parking : UnitType.Apartment,
            Floor = i / 20,
            Area = 40 + random.Next(0, 90),
            Shares = 100 + random.Next(0, 100),
        })).ToList();
        db.Units.AddRange(units);
        var owners = Enumerable.Range(0, Owners).Select(i => Owner.Create(organisationId, new OwnerInput
        {
            LastName = LastNames[random.Next(LastNames.Length)],
            FirstName = FirstNames[random.Next(FirstNames.Length)],
            Email = $"owner{i}@bench.example.be",
            PreferredLanguage = i % 3 == 0 ? "nl-BE" : "fr-BE",
        })).ToList();
        db.Owners.AddRange(owners);
        var start = new DateOnly(2018, 1, 1);
        foreach (var unit in units)
            db.Ownerships.Add(Ownership.Start(unit.Id, new OwnershipLine { OwnerId = owners[random.Next(Owners)].Id, Percentage = 100, IsPrimaryContact = true }, start));
        await db.SaveChangesAsync(ct);
        return big.Id;
    }
}

/// <summary>
/// A ledger of 100,000 lines for the accounting benchmarks: building "bench-ledger" with one fiscal year, 10,000 OD
/// entries and 40,000 VEN entries of two lines each, written in one SQL statement per table (the database still
/// checks every entry's balance at COMMIT). Created once; later runs reuse it.
/// </summary>
public static class LedgerData
{
    public const string Slug = "bench-ledger";
    public const int OdEntries = 10_000, VenEntries = 40_000;

    public static async Task<(Guid Building, Guid Year)> EnsureAsync(IKoproGoDbFactory dbFactory, Guid organisationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var existing = await db.Buildings.Where(b => b.Slug == Slug).Select(b => b.Id).FirstOrDefaultAsync(ct);
        if (existing != Guid.Empty)
            return (existing, await db.FiscalYears.Where(y => y.BuildingId == existing).Select(y => y.Id).FirstAsync(ct));
        var building = Building.Create(organisationId, new BuildingInput { Name = "Ledger (bench)", Street = "Rue des Comptes 1", PostalCode = "1000", City = "Bruxelles", TotalShares = 1000, Slug = Slug });
        db.Buildings.Add(building);
        var year = KoproGo.Core.Features.Accounting.FiscalYear.Starting(building.Id, new DateOnly(2026, 1, 1));
        db.FiscalYears.Add(year);
        await db.SaveChangesAsync(ct);
        var accounts = await db.Accounts.Where(a => a.OrganisationId == organisationId).ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO journal_entries (id, organisation_id, building_id, fiscal_year_id, journal, kind, number, reference, date, description, posted_at)
            SELECT gen_random_uuid(), {organisationId}, {building.Id}, {year.Id},
                   CASE WHEN g <= {OdEntries} THEN 'OD' ELSE 'VEN' END, 'Manual',
                   CASE WHEN g <= {OdEntries} THEN g ELSE g - {OdEntries} END,
                   '2026-' || CASE WHEN g <= {OdEntries} THEN 'OD-' || lpad(g::text, 6, '0') ELSE 'VEN-' || lpad((g - {OdEntries})::text, 6, '0') END,
                   DATE '2026-01-01' + (g % 365), 'Bench entry ' || g, now()
              FROM generate_series(1, {OdEntries + VenEntries}) g
            """, ct);
        Guid[] charges = [accounts["610"], accounts["611"], accounts["612"], accounts["613"], accounts["614"]];
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO journal_lines (entry_id, account_id, debit, credit)
            SELECT e.id, ({charges})[1 + (e.number % 5)], 10 + (e.number % 1000), 0 FROM journal_entries e WHERE e.building_id = {building.Id}
            UNION ALL
            SELECT e.id, {accounts["440"]}, 0, 10 + (e.number % 1000) FROM journal_entries e WHERE e.building_id = {building.Id}
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO journal_counters (fiscal_year_id, journal, last_number) VALUES ({year.Id}, 'OD', {OdEntries}), ({year.Id}, 'VEN', {VenEntries})
            """, ct);
        await tx.CommitAsync(ct);
        // as a production database would be after autovacuum: visibility map and statistics up to date
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE journal_lines, journal_entries", ct);
        return (building.Id, year.Id);
    }
}
