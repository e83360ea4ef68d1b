using System.Diagnostics;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KoproGo.Bench;

/// <summary>
/// 8 concurrent writers post two-line entries through the posting service on one fresh building for a fixed time;
/// afterwards the journal's numbers are checked for gaps and duplicates. The same run then writes the same entries
/// with plain Npgsql (<see cref="RawAsync"/>): the ratio says what the service's checks and EF cost.
/// </summary>
public static class PostingBench
{
    private static readonly DateOnly Day = new(2026, 6, 1);

    public static async Task<(double PerSecond, int Gaps)> RunAsync(IServiceProvider services, IKoproGoDbFactory dbFactory, Guid organisationId, Actor syndic, int writers, int seconds)
    {
        var buildingId = await FreshBuildingAsync(dbFactory, organisationId);
        var accounts = await AccountsAsync(dbFactory, organisationId);
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
                    Date = Day,
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
        return (Math.Round(posted / elapsed, 1), await GapsAsync(dbFactory, buildingId));
    }

    /// <summary>
    /// The floor: the same entry (two lines and its audit row) with plain Npgsql, one transaction each — the fiscal year
    /// read FOR SHARE, the three inserts in one batch (number 0: the same trigger numbers it at COMMIT), the same deferred
    /// balance triggers at COMMIT. No access check, no validation query, no EF.
    /// </summary>
    public static async Task<(double PerSecond, int Gaps)> RawAsync(IKoproGoDbFactory dbFactory, string connectionString, Guid organisationId, string userId, int writers, int seconds)
    {
        var buildingId = await FreshBuildingAsync(dbFactory, organisationId);
        var accounts = await AccountsAsync(dbFactory, organisationId);
        await using var source = NpgsqlDataSource.Create(connectionString);
        var posted = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var conn = await source.OpenConnectionAsync();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                await using var tx = await conn.BeginTransactionAsync();
                Guid yearId;
                await using (var year = new NpgsqlCommand("SELECT id FROM fiscal_years WHERE building_id = @b AND start_date <= @d AND end_date >= @d FOR SHARE", conn, tx))
                {
                    year.Parameters.AddWithValue("b", buildingId);
                    year.Parameters.AddWithValue("d", Day);
                    yearId = (Guid)(await year.ExecuteScalarAsync())!;
                }
                var entryId = Guid.CreateVersion7();
                await using var batch = new NpgsqlBatch(conn, tx);
                batch.BatchCommands.Add(Command("""
                    INSERT INTO journal_entries (id, organisation_id, building_id, fiscal_year_id, journal, kind, number, reference, date, description, posted_at, posted_by_user_id)
                    VALUES (@id, @o, @b, @y, 'OD', 'Manual', 0, '', @d, @desc, now(), @u)
                    """, ("id", entryId), ("o", organisationId), ("b", buildingId), ("y", yearId), ("d", Day),
                    ("desc", $"raw {w}"), ("u", userId)));
                batch.BatchCommands.Add(Command("""
                    INSERT INTO journal_lines (entry_id, fiscal_year_id, date, account_id, debit, credit) VALUES (@e, @y, @d, @a1, 12.34, 0), (@e, @y, @d, @a2, 0, 12.34)
                    """, ("e", entryId), ("y", yearId), ("d", Day), ("a1", accounts["610"]), ("a2", accounts["440"])));
                batch.BatchCommands.Add(Command("""
                    INSERT INTO audit_entries (at, user_id, actor_name, action, entity_type, entity_id, organisation_id, building_id, details)
                    VALUES (now(), @u, 'bench', 'entry.posted', 'JournalEntry', @e, @o, @b, '12.34')
                    """, ("u", userId), ("e", entryId.ToString()), ("o", organisationId), ("b", buildingId)));
                await batch.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                Interlocked.Increment(ref posted);
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        return (Math.Round(posted / elapsed, 1), await GapsAsync(dbFactory, buildingId));
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static async Task<Guid> FreshBuildingAsync(IKoproGoDbFactory dbFactory, Guid organisationId)
    {
        await using var db = await dbFactory.CreateAsync();
        var building = Building.Create(organisationId, new BuildingInput { Name = $"Posting bench {DateTime.UtcNow:HHmmss}", Street = "Rue 1", PostalCode = "1000", City = "Bruxelles", TotalShares = 1000, Slug = $"posting-{Guid.NewGuid():N}"[..30] });
        db.Buildings.Add(building);
        db.FiscalYears.Add(FiscalYear.Starting(building.Id, new DateOnly(2026, 1, 1)));
        await db.SaveChangesAsync();
        return building.Id;
    }

    private static async Task<Dictionary<string, Guid>> AccountsAsync(IKoproGoDbFactory dbFactory, Guid organisationId)
    {
        await using var db = await dbFactory.CreateAsync();
        return await db.Accounts.Where(a => a.OrganisationId == organisationId).ToDictionaryAsync(a => a.Code, a => a.Id);
    }

    private static async Task<int> GapsAsync(IKoproGoDbFactory dbFactory, Guid buildingId)
    {
        await using var check = await dbFactory.CreateAsync();
        var numbers = await check.JournalEntries.Where(e => e.BuildingId == buildingId).Select(e => e.Number).OrderBy(n => n).ToListAsync();
        return numbers.Select((n, i) => n == i + 1 ? 0 : 1).Sum();
    }
}
