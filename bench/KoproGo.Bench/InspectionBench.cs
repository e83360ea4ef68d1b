using System.Diagnostics;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Inspections;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Bench;

/// <summary>
/// Issue #17 on the 50 generated buildings: 5,000 current inspections (100 installations per building, each with its
/// last passed inspection, validities spread over five years so a tenth fall within the 90-day window). Measured: the
/// certificate-expiry job's first run of the day (it writes every notice due) and a second run (nothing left to send),
/// the organisation's "inspections due" list and the office's to-do list (issue #17's dashboard) on the same data. Fresh rows each run, written by SQL, not timed.
/// </summary>
public static class InspectionBench
{
    public const int PerBuilding = 100;

    public static async Task<(double FirstRunSeconds, int Notices, double SecondRunSeconds, double DueP95, int DueRows, double ToDoP95, int ToDoRows)> RunAsync(
        IKoproGoDbFactory dbFactory, IInspectionService inspections, KoproGo.Core.Features.Dashboard.IDashboardService dashboard, Func<CertificateExpiryJob> job,
        Actor syndic, Guid organisationId, TimeProvider clock, int seconds)
    {
        var today = clock.Today();
        await using (var db = await dbFactory.CreateAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM inspections WHERE inspector_name = 'bench'; DELETE FROM equipment WHERE name LIKE 'bench %';");
            var buildings = await db.Buildings.Where(b => b.OrganisationId == organisationId && b.Street.StartsWith("Rue du Bench")).Select(b => b.Id).ToListAsync();
            // one fire-equipment installation and its passed inspection per row; valid until today − 100 … today + 1,825
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                WITH e AS (
                    INSERT INTO equipment (id, organisation_id, building_id, kind, name, certified_maintenance)
                    SELECT gen_random_uuid(), {organisationId}, b, 'FireEquipment', 'bench ' || n, false
                    FROM unnest({buildings.ToArray()}) AS b, generate_series(1, {PerBuilding}) AS n
                    RETURNING id, building_id)
                INSERT INTO inspections (id, organisation_id, building_id, equipment_id, type, status, scheduled_on, inspector_name, inspected_on, valid_until, due_on, superseded, created_at, completed_at)
                SELECT gen_random_uuid(), {organisationId}, e.building_id, e.id, 'FireSafety', 'Passed', d - 365, 'bench', d - 365, d, d, false, now(), now()
                FROM (SELECT id, building_id, {today} - 100 + (random() * 1925)::int AS d FROM e) AS e
                """);
        }
        var first = Stopwatch.StartNew();
        var notices = await job().RunAsync(CancellationToken.None);
        first.Stop();
        var second = Stopwatch.StartNew();
        var again = await job().RunAsync(CancellationToken.None);
        second.Stop();
        if (again != 0)
            throw new InvalidOperationException($"the second run sent {again} notices");

        var (dueP95, dueRows) = await P95Async(async () => Count(await inspections.DueAsync(syndic, organisationId, CancellationToken.None)), seconds);
        var (toDoP95, toDoRows) = await P95Async(async () => Count(await dashboard.ToDoAsync(syndic, organisationId, CancellationToken.None)), seconds);
        return (Math.Round(first.Elapsed.TotalSeconds, 2), notices, Math.Round(second.Elapsed.TotalSeconds, 2), dueP95, dueRows, toDoP95, toDoRows);
    }

    private static int Count<T>(Result<IReadOnlyList<T>> result) => result.Succeeded ? result.Value.Count : throw new InvalidOperationException(result.FirstError!.Code);

    /// <summary>p95 of one read, repeated for <paramref name="seconds"/> (20 times at least), and the rows it returned.</summary>
    private static async Task<(double P95, int Rows)> P95Async(Func<Task<int>> read, int seconds)
    {
        var times = new List<double>();
        var rows = 0;
        var until = Stopwatch.StartNew();
        while (until.Elapsed.TotalSeconds < seconds || times.Count < 20)
        {
            var start = Stopwatch.GetTimestamp();
            rows = await read();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return (Math.Round(times[(int)Math.Ceiling(times.Count * 0.95) - 1], 1), rows);
    }
}
