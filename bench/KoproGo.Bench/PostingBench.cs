using System.Diagnostics;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Bench;

/// <summary>
/// 8 concurrent writers post two-line entries through the posting service on one fresh building for a fixed time;
/// afterwards the journal's numbers are checked for gaps and duplicates.
/// </summary>
public static class PostingBench
{
    public static async Task<(double PerSecond, int Gaps)> RunAsync(IServiceProvider services, IKoproGoDbFactory dbFactory, Guid organisationId, Actor syndic, int writers, int seconds)
    {
        Guid buildingId;
        await using (var db = await dbFactory.CreateAsync())
        {
            var building = Building.Create(organisationId, new BuildingInput { Name = $"Posting bench {DateTime.UtcNow:HHmmss}", Street = "Rue 1", PostalCode = "1000", City = "Bruxelles", TotalShares = 1000, Slug = $"posting-{Guid.NewGuid():N}"[..30] });
            db.Buildings.Add(building);
            db.FiscalYears.Add(FiscalYear.Starting(building.Id, new DateOnly(2026, 1, 1)));
            await db.SaveChangesAsync();
            buildingId = building.Id;
        }
        Dictionary<string, Guid> accounts;
        await using (var db = await dbFactory.CreateAsync())
            accounts = await db.Accounts.Where(a => a.OrganisationId == organisationId).ToDictionaryAsync(a => a.Code, a => a.Id);

        var posted = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var accounting = scope.ServiceProvider.GetRequiredService<IAccountingService>();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var result = await accounting.PostAsync(syndic, new EntryDraft
                {
                    BuildingId = buildingId,
                    Date = new DateOnly(2026, 6, 1),
                    Journal = Journal.OD,
                    Description = $"bench {w}",
                    Lines = [new() { AccountId = accounts["610"], Debit = 12.34m }, new() { AccountId = accounts["440"], Credit = 12.34m }],
                }, CancellationToken.None);
                if (!result.Succeeded)
                    throw new InvalidOperationException(result.FirstError!.Code);
                Interlocked.Increment(ref posted);
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        await using var check = await dbFactory.CreateAsync();
        var numbers = await check.JournalEntries.Where(e => e.BuildingId == buildingId).Select(e => e.Number).OrderBy(n => n).ToListAsync();
        var gaps = numbers.Select((n, i) => n == i + 1 ? 0 : 1).Sum();
        return (Math.Round(posted / elapsed, 1), gaps);
    }
}
