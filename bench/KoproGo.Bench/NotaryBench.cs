using System.Diagnostics;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notary;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Bench;

/// <summary>
/// Issue #17's notary information on the 500-lot building with three years of books (2024–2026, written once by SQL,
/// not timed): per year four quarterly calls to every owner (2,000 call lines, their VEN entries and the payments),
/// 20 approved supplier invoices spread over the 500 lots (10,000 allocations) — 29,000 journal lines and 30,000
/// allocations in all. Measured: drawing the pack of one lot (every section read, the PDF written and stored, the
/// previous pack replaced), repeated.
/// </summary>
public static class NotaryBench
{
    public const int Years = 3, CallsPerYear = 4, InvoicesPerYear = 20;

    public static async Task<(double P95, double Kilobytes, int JournalLines)> RunAsync(IKoproGoDbFactory dbFactory, INotaryService notary, Actor syndic,
        Guid organisationId, Guid buildingId, TimeProvider clock, int seconds)
    {
        var lines = await EnsureBooksAsync(dbFactory, organisationId, buildingId);
        Guid unitId;
        await using (var db = await dbFactory.CreateAsync())
        {
            // the last run's request and its pack go: the building's documents are the pages bench's too
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                DELETE FROM notary_requests WHERE building_id = {buildingId} AND notary_name = 'Maître Bench';
                DELETE FROM files WHERE building_id = {buildingId} AND file_name LIKE '%-notaire-%';
                """);
            unitId = await db.Units.Where(u => u.BuildingId == buildingId).OrderBy(u => u.Number).Select(u => u.Id).FirstAsync();
        }
        var id = Ok(await notary.ReceiveAsync(syndic, buildingId, new NotaryRequestInput
        {
            UnitId = unitId,
            Stage = NotaryStage.Second,
            ReceivedOn = clock.Today(),
            NotaryName = "Maître Bench",
            NotaryEmail = "bench@notaire.example",
        }, CancellationToken.None));
        foreach (var s in Ok(await notary.GetAsync(syndic, id, "fr-BE", CancellationToken.None)).Missing)
            Check(await notary.StateAsync(syndic, id, new SectionStatementInput { Section = s.Number, None = true }, CancellationToken.None));

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        Guid file = default;
        while (times.Count < 20 || total.Elapsed.TotalSeconds < seconds)
        {
            var sw = Stopwatch.StartNew();
            file = Ok(await notary.GenerateAsync(syndic, id, CancellationToken.None));
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        long bytes;
        await using (var db = await dbFactory.CreateAsync())
            bytes = await db.Files.Where(f => f.Id == file).Select(f => f.Size).FirstAsync();
        times.Sort();
        return (Math.Round(times[(int)Math.Ceiling(times.Count * 0.95) - 1], 1), Math.Round(bytes / 1024.0, 1), lines);
    }

    /// <summary>The three years of books of the building, once (a later run finds them); the journal lines it holds.</summary>
    private static async Task<int> EnsureBooksAsync(IKoproGoDbFactory dbFactory, Guid organisationId, Guid buildingId)
    {
        await using var db = await dbFactory.CreateAsync();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (!await db.FiscalYears.AnyAsync(y => y.BuildingId == buildingId))
        {
            var accounts = await db.Accounts.Where(a => a.OrganisationId == organisationId).ToDictionaryAsync(a => a.Code, a => a.Id);
            await using var tx = await db.Database.BeginTransactionAsync();
            var supplier = Guid.NewGuid();
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO suppliers (id, organisation_id, name) VALUES ({supplier}, {organisationId}, 'Bench Entretien SRL')");
            for (var year = 2024; year < 2024 + Years; year++)
            {
                var yearId = Guid.NewGuid();
                var start = new DateOnly(year, 1, 1);
                await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO fiscal_years (id, building_id, start_date, end_date) VALUES ({yearId}, {buildingId}, {start}, {start.AddYears(1).AddDays(-1)})");
                // four quarterly calls; a line per owner of a lot (100 + 20 reserve), paid but the last one of the last year
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO calls_for_funds (id, organisation_id, building_id, title, period, call_date, due_date, ordinary, extraordinary, reserve, status, created_at, sent_at)
                    SELECT gen_random_uuid(), {organisationId}, {buildingId}, 'Bench T' || q || ' ' || {year}, 'Quarterly', {start} + (q - 1) * 91, {start} + (q - 1) * 91 + 30,
                           50000, 0, 10000, 'Sent', now(), now()
                      FROM generate_series(1, {CallsPerYear}) q
                    """);
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO call_lines (id, call_id, owner_id, ordinary, extraordinary, reserve, total, paid, paid_reserve, structured_communication, lots, by_post)
                    SELECT gen_random_uuid(), c.id, o.owner_id, 100, 0, 20, 120,
                           CASE WHEN c.call_date > {new DateOnly(2026, 9, 1)} THEN 0 ELSE 120 END, CASE WHEN c.call_date > {new DateOnly(2026, 9, 1)} THEN 0 ELSE 20 END,
                           left(md5(random()::text), 21), u.number, false
                      FROM calls_for_funds c JOIN units u ON u.building_id = c.building_id JOIN ownerships o ON o.unit_id = u.id AND o.end_date IS NULL
                     WHERE c.building_id = {buildingId} AND c.call_date >= {start} AND c.call_date < {start.AddYears(1)}
                    """);
                // the VEN entry of each line (owner debit, 701 and 700 credits) and the FIN entry of each payment
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    CREATE TEMP TABLE bench_lines AS
                    SELECT l.owner_id, l.paid, k.call_date, gen_random_uuid() AS ven, gen_random_uuid() AS fin, row_number() OVER () AS n
                      FROM call_lines l JOIN calls_for_funds k ON k.id = l.call_id
                     WHERE k.building_id = {buildingId} AND k.call_date >= {start} AND k.call_date < {start.AddYears(1)};
                    INSERT INTO journal_entries (id, organisation_id, building_id, fiscal_year_id, journal, kind, number, reference, date, description, posted_at)
                    SELECT ven, {organisationId}, {buildingId}, {yearId}, 'VEN', 'CallForFunds', n, {year} || '-VEN-' || lpad(n::text, 6, '0'), call_date, 'Bench call', now() FROM bench_lines
                    UNION ALL
                    SELECT fin, {organisationId}, {buildingId}, {yearId}, 'FIN', 'PaymentReceived', n, {year} || '-FIN-' || lpad(n::text, 6, '0'), call_date + 20, 'Bench payment', now() FROM bench_lines WHERE paid > 0;
                    INSERT INTO journal_lines (entry_id, account_id, owner_id, debit, credit)
                    SELECT ven, {accounts["4101"]}, owner_id, 120, 0 FROM bench_lines
                    UNION ALL SELECT ven, {accounts["701"]}, NULL, 0, 100 FROM bench_lines
                    UNION ALL SELECT ven, {accounts["700"]}, NULL, 0, 20 FROM bench_lines
                    UNION ALL SELECT fin, {accounts["551"]}, NULL, paid, 0 FROM bench_lines WHERE paid > 0
                    UNION ALL SELECT fin, {accounts["4101"]}, owner_id, 0, paid FROM bench_lines WHERE paid > 0;
                    DROP TABLE bench_lines;
                    """);
                // approved invoices, each shared over every lot
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO supplier_invoices (id, organisation_id, building_id, supplier_id, number, invoice_date, status, created_at)
                    SELECT gen_random_uuid(), {organisationId}, {buildingId}, {supplier}, 'B-' || {year} || '-' || i, {start} + i * 17, 'Approved', now()
                      FROM generate_series(1, {InvoicesPerYear}) i;
                    INSERT INTO charge_allocations (invoice_id, unit_id, owner_id, amount, works)
                    SELECT i.id, u.id, o.owner_id, round((5 + random() * 40)::numeric, 2), false
                      FROM supplier_invoices i JOIN units u ON u.building_id = i.building_id JOIN ownerships o ON o.unit_id = u.id AND o.end_date IS NULL
                     WHERE i.building_id = {buildingId} AND i.supplier_id = {supplier} AND i.invoice_date >= {start} AND i.invoice_date < {start.AddYears(1)};
                    """);
            }
            await tx.CommitAsync();
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE journal_lines, journal_entries, call_lines, charge_allocations, supplier_invoices");
        }
        return await (from l in db.JournalLines join y in db.FiscalYears on l.FiscalYearId equals y.Id where y.BuildingId == buildingId select l.Id).CountAsync();
    }

    private static T Ok<T>(Result<T> result) => result.Succeeded ? result.Value : throw new InvalidOperationException(result.FirstError!.Code);

    private static void Check(Result result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(result.FirstError!.Code);
    }
}
