using System.Diagnostics;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Owners;
using KoproGo.IntegrationTests;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Bench;

/// <summary>
/// Issue #12's bank figure: one CODA file of 10,000 movements imported through the service, on a fresh building of
/// 1,000 lots with four sent quarterly calls (8,000 open parts, working and reserve): 8,000 payments by structured
/// communication, each to its fund's account (3,000 of them inside 100 globalised groups of 30), 1,500 without a
/// communication from unknown accounts (the manual queue) and 500 outgoing payments. The counts are checked, then the seconds reported.
/// </summary>
public static class CodaBench
{
    public const int Lots = 1_000;

    /// <summary>A file of 200 movements first (JIT, the bulk writer's mapping), then the measured one of 10,000.</summary>
    public static async Task<(double Seconds, double PerSecond)> RunAsync(IKoproGoDbFactory dbFactory, JournalPoster poster, IBankImportService bank, Guid organisationId, Actor syndic)
    {
        await ImportAsync(dbFactory, poster, bank, organisationId, syndic, lots: 20);
        var seconds = await ImportAsync(dbFactory, poster, bank, organisationId, syndic, Lots);
        return (Math.Round(seconds, 2), Math.Round(Lots * 10 / seconds, 0));
    }

    /// <summary>A fresh building of that many lots, its calls, and one file of 10 movements per lot imported; the seconds of the import.</summary>
    private static async Task<double> ImportAsync(IKoproGoDbFactory dbFactory, JournalPoster poster, IBankImportService bank, Guid organisationId, Actor syndic, int lots)
    {
        var account = 1_000_000_000L + Random.Shared.NextInt64(0, 4_000_000_000L);
        var building = Building.Create(organisationId, new BuildingInput
        {
            Name = $"CODA bench {DateTime.UtcNow:HHmmss}",
            Street = "Rue des Extraits 1",
            PostalCode = "1000",
            City = "Bruxelles",
            TotalShares = lots * 10,
            Slug = $"coda-{Guid.NewGuid():N}"[..30],
            WorkingFundIban = BelgianIdentifierFactory.Iban(account),
            ReserveFundIban = BelgianIdentifierFactory.Iban(account + 1),
        });
        // communications unique to this run: 4 calls × lots × 2 parts, in a block of 10,000 numbers of its own
        var ogmBase = 1_000_000_000L + Random.Shared.NextInt64(0, 800_000) * 10_000;
        var parts = new List<(string Ogm, decimal Amount, Fund Fund, int Owner)>();
        await using (var db = await dbFactory.CreateAsync())
        {
            db.Buildings.Add(building);
            db.FiscalYears.Add(FiscalYear.Starting(building.Id, new DateOnly(2026, 1, 1)));
            var owners = Enumerable.Range(0, lots).Select(i => Owner.Create(organisationId, new OwnerInput { LastName = $"Payeur {i}", FirstName = "Coda", PreferredLanguage = "fr-BE" })).ToList();
            db.Owners.AddRange(owners);
            for (var i = 0; i < lots; i++)
            {
                var unit = Unit.Create(building.Id, new UnitInput { Number = $"{i + 1}", Type = UnitType.Apartment, Floor = i / 20, Area = 80, Shares = 10 });
                db.Units.Add(unit);
                db.Ownerships.Add(Ownership.Start(unit.Id, new OwnershipLine { OwnerId = owners[i].Id, Percentage = 100, IsPrimaryContact = true }, new DateOnly(2020, 1, 1)));
            }
            await db.SaveChangesAsync();
            var now = DateTimeOffset.UtcNow;
            var accounts = await db.Accounts.Where(a => a.OrganisationId == organisationId).ToDictionaryAsync(a => a.Code, a => a.Id);
            await using var tx = await db.Database.BeginTransactionAsync();
            for (var q = 0; q < 4; q++)
            {
                var date = new DateOnly(2026, 1 + 3 * q, 1);
                var call = CallForFunds.Create(organisationId, building.Id, new CallInput { Title = $"T{q + 1}", CallDate = date, DueDate = date.AddDays(30), Ordinary = 100m * lots, Reserve = 25m * lots }, now);
                var lines = owners.Select((o, i) => CallLine.Create(call.Id, o.Id, 100m, 0m, 25m, StructuredCommunication.FromNumber(ogmBase + q * 2 * lots + 2 * i), $"{i + 1}",
                    StructuredCommunication.FromNumber(ogmBase + q * 2 * lots + 2 * i + 1))).ToList();
                // the call's VEN entry, as sending books it (without the letters, which are not what is measured here)
                var entry = await poster.PostAsync(db, syndic, organisationId, new EntryDraft
                {
                    BuildingId = building.Id,
                    Date = date,
                    Journal = Journal.VEN,
                    Kind = EntryKind.CallForFunds,
                    Description = call.Title,
                    Lines =
                    [
                        .. owners.SelectMany(o => new LineDraft[] { new() { AccountId = accounts[StandardChart.OwnersWorking], OwnerId = o.Id, Debit = 100m }, new() { AccountId = accounts[StandardChart.OwnersReserve], OwnerId = o.Id, Debit = 25m } }),
                        new() { AccountId = accounts[StandardChart.CallsWorking], Credit = 100m * lots },
                        new() { AccountId = accounts[StandardChart.CallsReserve], Credit = 25m * lots },
                    ],
                }, CancellationToken.None);
                call.MarkSent(entry.Value.Id, lines, now);
                db.CallsForFunds.Add(call);
                db.CallLines.AddRange(lines);
                parts.AddRange(lines.SelectMany((l, i) => new[] { (l.StructuredCommunication, 100m, Fund.Working, i), (l.ReserveCommunication!, 25m, Fund.Reserve, i) }));
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        // one file, two statements as a bank download gives them: the working account (4,000 working parts, 3,000 of them
        // in globalised groups, the manual queue, supplier payments) and the reserve account (4,000 reserve parts);
        // each owner pays from their own account every time
        static string PayerOf(int owner) => BelgianIdentifierFactory.Iban(2_000_000_000L + owner);
        var working = parts.Where(p => p.Fund == Fund.Working).ToList();
        var workingMoves = new List<object>();
        workingMoves.AddRange(working.Take(lots * 3).Chunk(30).Select((group, g) => (object)new CodaFile.Global(
            group.Select(p => new CodaFile.Move(p.Amount, p.Ogm, Reference: $"G{g:D4}", Account: PayerOf(p.Owner))).ToList(), $"GLOBAL{g:D4}")));
        workingMoves.AddRange(working.Skip(lots * 3).Select((p, i) => new CodaFile.Move(p.Amount, p.Ogm, Reference: $"S{i:D6}", Account: PayerOf(p.Owner))));
        workingMoves.AddRange(Enumerable.Range(0, lots * 3 / 2).Select(i => new CodaFile.Move(40m + i % 7, Free: "charges", Reference: $"U{i:D6}", Account: BelgianIdentifierFactory.Iban(4_000_000_000L + i))));
        workingMoves.AddRange(Enumerable.Range(0, lots / 2).Select(i => new CodaFile.Move(-(200m + i), Free: "facture fournisseur", Reference: $"O{i:D6}", Account: BelgianIdentifierFactory.Iban(5_000_000_000L + i))));
        var reserveMoves = parts.Where(p => p.Fund == Fund.Reserve).Select((p, i) => (object)new CodaFile.Move(p.Amount, p.Ogm, Reference: $"R{i:D6}", Account: PayerOf(p.Owner))).ToList();
        var file = CodaFile.File(CodaFile.Statement(building.WorkingFundIban!, new DateOnly(2026, 11, 30), workingMoves),
            CodaFile.Statement(building.ReserveFundIban!, new DateOnly(2026, 11, 30), reserveMoves));

        var sw = Stopwatch.StartNew();
        var result = await bank.ImportCodaAsync(syndic, "bench.cod", file, CancellationToken.None);
        var seconds = sw.Elapsed.TotalSeconds;
        if (!result.Succeeded)
            throw new InvalidOperationException("CODA bench: " + result.FirstError!.Code);
        var s = result.Value;
        if (s.Movements != lots * 10 || s.Matched != lots * 8 || s.Unmatched != lots * 3 / 2 || s.Outgoing != lots / 2)
            throw new InvalidOperationException($"CODA bench counts: {s.Movements} movements, {s.Matched} matched, {s.Unmatched} unmatched, {s.Outgoing} outgoing");
        return seconds;
    }
}
