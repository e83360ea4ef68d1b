using System.Diagnostics;
using System.Text.Json;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Polls;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KoproGo.Bench;

/// <summary>
/// Issue #6: poll results over 10,000 ballots and a month of one resource's calendar among 100,000 bookings. The data
/// is written once in SQL (ballots of an anonymous poll; 100 resources × 1,000 bookings, none overlapping) and reused.
/// </summary>
public static class CommunityBench
{
    public const int Ballots = 10_000, Resources = 100, BookingsPerResource = 1_000;

    public static async Task<(double PollP95, double PollDbMs, double MonthP95, double MonthDbMs, bool UsesGist)> RunAsync(
        IKoproGoDbFactory dbFactory, IPollService polls, IBookingService bookings, Actor syndic, Guid buildingId, string cs)
    {
        var (pollId, resourceId) = await EnsureAsync(dbFactory, buildingId);

        var pollTimes = Time(40, async () =>
        {
            var detail = await polls.GetAsync(syndic, pollId, CancellationToken.None);
            if (!detail.Succeeded || detail.Value.Results!.Options.Sum(o => o.Count) < Ballots)
                throw new InvalidOperationException("poll results failed");
        });
        var from = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var monthTimes = Time(60, async () =>
        {
            var busy = await bookings.BusyAsync(syndic, resourceId, from, from.AddMonths(1), CancellationToken.None);
            if (!busy.Succeeded || busy.Value.Count == 0)
                throw new InvalidOperationException("calendar failed");
        });

        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        async Task<JsonElement> ExplainAsync(string sql, params (string Name, object Value)[] parameters)
        {
            await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql, conn);
            foreach (var (name, value) in parameters)
                cmd.Parameters.AddWithValue(name, value);
            return JsonDocument.Parse((string)(await cmd.ExecuteScalarAsync())!).RootElement[0];
        }
        var pollPlan = await ExplainAsync("SELECT o, count(*) FROM poll_ballots b, unnest(b.option_ids) o WHERE b.poll_id = @p GROUP BY o", ("p", pollId));
        var monthPlan = await ExplainAsync("""
            SELECT * FROM bookings WHERE resource_id = @r AND status IN ('Pending', 'Confirmed', 'CheckedIn')
               AND tstzrange(starts_at, ends_at, '[)') && tstzrange(@f, @t, '[)')
            """, ("r", resourceId), ("f", from), ("t", from.AddMonths(1)));
        return (await pollTimes, pollPlan.GetProperty("Execution Time").GetDouble(), await monthTimes, monthPlan.GetProperty("Execution Time").GetDouble(),
            monthPlan.ToString().Contains("ex_bookings_no_overlap", StringComparison.Ordinal));
    }

    private static async Task<double> Time(int runs, Func<Task> run)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await run();
            if (i >= runs / 8)
                times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return Math.Round(times[(int)(times.Count * 0.95) - 1], 1);
    }

    private static async Task<(Guid Poll, Guid Resource)> EnsureAsync(IKoproGoDbFactory dbFactory, Guid buildingId)
    {
        await using var db = await dbFactory.CreateAsync();
        var poll = await db.Polls.Where(p => p.BuildingId == buildingId && p.Title == "Bench poll").Select(p => p.Id).FirstOrDefaultAsync();
        var resource = await db.Resources.Where(r => r.BuildingId == buildingId && r.Name == "Bench room 0").Select(r => r.Id).FirstOrDefaultAsync();
        if (poll != Guid.Empty && resource != Guid.Empty)
            return (poll, resource);
        var building = await db.Buildings.FirstAsync(b => b.Id == buildingId);
        var owner = await db.CurrentOwnerIds(buildingId, new DateOnly(2026, 1, 1)).FirstAsync();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));

        var created = Poll.Create(building.OrganisationId, buildingId, new PollInput
        {
            Title = "Bench poll",
            Type = PollType.MultipleChoice,
            Anonymous = true,
            AllowMultiple = true,
            EndsAt = DateTimeOffset.UtcNow.AddDays(60)
        }, ["A", "B", "C", "D"], null, DateTimeOffset.UtcNow);
        created.Publish(DateTimeOffset.UtcNow);
        db.Polls.Add(created);
        db.PollOptions.AddRange(created.Options);
        var rooms = Enumerable.Range(0, Resources).Select(i => Resource.Create(building.OrganisationId, buildingId, new ResourceInput { Name = $"Bench room {i}" })).ToList();
        db.Resources.AddRange(rooms);
        await db.SaveChangesAsync();
        var options = created.Options.Select(o => o.Id).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO poll_ballots (id, poll_id, owner_id, option_ids)
            SELECT gen_random_uuid(), {created.Id}, NULL, ARRAY[({options})[1 + g % 4], ({options})[1 + (g / 4) % 4]]
              FROM generate_series(1, {Ballots}) g
            """);
        // per resource, 1,000 bookings of two hours every six hours from 1 January 2026: 250 days, none overlapping
        var ids = rooms.Select(r => r.Id).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO bookings (id, resource_id, building_id, owner_id, starts_at, ends_at, status, price, deposit, deposit_retained, late_cancellation, created_at)
            SELECT gen_random_uuid(), r, {buildingId}, {owner}, TIMESTAMPTZ '2026-01-01 08:00Z' + i * interval '6 hours',
                   TIMESTAMPTZ '2026-01-01 10:00Z' + i * interval '6 hours', CASE WHEN i % 10 = 0 THEN 'Cancelled' ELSE 'Confirmed' END, 0, 0, false, false, now()
              FROM unnest({ids}) r, generate_series(0, {BookingsPerResource - 1}) i
            """);
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE poll_ballots, bookings");
        return (created.Id, rooms[0].Id);
    }
}
