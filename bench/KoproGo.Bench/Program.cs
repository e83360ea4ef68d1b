using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KoproGo.Bench;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.UserAccounts;
using KoproGo.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Benchmarks, run on demand (bench/run.sh): never part of the tests. Figures go to bench/results/latest.{json,md}.
var serverCs = Environment.GetEnvironmentVariable("ConnectionStrings__Default") ?? throw new InvalidOperationException("ConnectionStrings__Default is not set");
var resultsDir = args.Length > 0 ? args[0] : Path.Combine(Directory.GetCurrentDirectory(), "bench", "results");
var seconds = int.Parse(Environment.GetEnvironmentVariable("BENCH_SECONDS") ?? "10", CultureInfo.InvariantCulture);
// BENCH_ONLY=coda,posting runs those groups only (grid, ledger, calls, posting, coda, community, assembly, inspections, notary, pages, circuits) and writes
// bench/results/partial.{json,md}, leaving latest.* to the full run
var only = Environment.GetEnvironmentVariable("BENCH_ONLY")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
bool Wanted(string group) => only is null || only.Contains(group);
var resultName = only is null ? "latest" : "partial";
const int Connections = 8;

var database = "koprogo_bench";
await using (var admin = new NpgsqlConnection(serverCs))
{
    await admin.OpenAsync();
    await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{database}'", admin);
    if (await exists.ExecuteScalarAsync() is null)
        await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
}
var cs = new NpgsqlConnectionStringBuilder(serverCs) { Database = database }.ConnectionString;

await using var factory = new BenchAppFactory(cs);
factory.UseKestrel(0);
factory.StartServer();
string baseUrl;
using (var probe = factory.CreateClient())
    baseUrl = probe.BaseAddress!.ToString().TrimEnd('/');

var dbFactory = factory.Services.GetRequiredService<IKoproGoDbFactory>();
Guid organisationId;
await using (var db = await dbFactory.CreateAsync())
    organisationId = await db.Organisations.Where(o => o.Name == DemoData.OrganisationName).Select(o => o.Id).FirstAsync();
var generate = Stopwatch.StartNew();
var bigBuilding = await LargeData.EnsureAsync(dbFactory, organisationId, CancellationToken.None);
Console.WriteLine($"data ready in {generate.Elapsed.TotalSeconds:F1} s: {LargeData.Buildings} buildings, {LargeData.BigUnits} units in the big one, {LargeData.Owners} owners");

// outside Development the sign-in cookie is Secure (__Host-): a CookieContainer keeps it for HTTPS only, the jar sends it here
using var http = new HttpClient(new CookieJar(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = Connections })) { BaseAddress = new Uri(baseUrl) };
await SignInAsync(http, "syndic@horta.be", DemoData.Password);

// the grid's own work: one server page of 25 units (with owners) out of 500, as the circuit asks for it
string syndicId;
await using (var db = await dbFactory.CreateAsync())
    syndicId = await db.Users.Where(u => u.Email == "syndic@horta.be").Select(u => u.Id).FirstAsync();
await using var scope = factory.Services.CreateAsyncScope();
var syndic = (await scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.UserAccounts.IActorFactory>().ForUserAsync(syndicId, null, null, CancellationToken.None))!;
var buildings = scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Buildings.IBuildingService>();
// the syndic has accepted the legal texts (otherwise every page answers with the consent page)
await scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Privacy.IPrivacyService>().AcceptLegalTextsAsync(syndic, CancellationToken.None);
var results = new List<Measure>();
if (Wanted("grid"))
{
    var gridTimes = new List<double>();
    for (var i = 0; i < 220; i++)
    {
        var sw = Stopwatch.StartNew();
        var unitsPage = await buildings.UnitsAsync(syndic, bigBuilding, new PageRequest(i % 20, 25), CancellationToken.None);
        if (!unitsPage.Succeeded || unitsPage.Value.TotalCount != LargeData.BigUnits) throw new InvalidOperationException("units page failed");
        if (i >= 20) gridTimes.Add(sw.Elapsed.TotalMilliseconds);   // the first 20 warm up
    }
    gridTimes.Sort();
    results.Add(new("units_grid_page_of_500.p95", Math.Round(gridTimes[(int)(gridTimes.Count * 0.95) - 1], 1), "ms", null, "lower"));
}

if (Wanted("ledger"))
{
    // accounting: 100,000 lines; the trial balance (one GROUP BY) and journal grid pages over the 10,000 OD entries
    generate.Restart();
    var (ledgerBuilding, ledgerYear) = await LedgerData.EnsureAsync(dbFactory, organisationId, CancellationToken.None);
    Console.WriteLine($"ledger ready in {generate.Elapsed.TotalSeconds:F1} s");
    var reports = scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Accounting.IAccountingReports>();
    var accounting = scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Accounting.IAccountingService>();
    var trialTimes = new List<double>();
    for (var i = 0; i < 40; i++)
    {
        var sw = Stopwatch.StartNew();
        var trial = await reports.TrialBalanceAsync(syndic, new KoproGo.Core.Features.Accounting.ReportPeriod(ledgerBuilding, ledgerYear), "fr-BE", CancellationToken.None);
        if (!trial.Succeeded || trial.Value.TotalDebit != trial.Value.TotalCredit) throw new InvalidOperationException("trial balance failed");
        if (i >= 5) trialTimes.Add(sw.Elapsed.TotalMilliseconds);
    }
    trialTimes.Sort();
    results.Add(new("trial_balance_100k_lines.p95", Math.Round(trialTimes[(int)(trialTimes.Count * 0.95) - 1], 1), "ms", 50, "lower"));
    await using (var conn = new NpgsqlConnection(cs))
    {
        // the database's own time for the same query (EXPLAIN ANALYZE), without the app around it
        await conn.OpenAsync();
        await using var explain = new NpgsqlCommand("""
            EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) SELECT account_id, sum(debit), sum(credit) FROM journal_lines
             WHERE fiscal_year_id = @y AND date <= '2026-12-31' GROUP BY account_id
            """, conn);
        explain.Parameters.AddWithValue("y", ledgerYear);
        var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        results.Add(new("trial_balance_100k_lines.database_ms", Math.Round(plan.RootElement[0].GetProperty("Execution Time").GetDouble(), 1), "ms", 50, "lower"));
    }
    var journalTimes = new List<double>();
    for (var i = 0; i < 220; i++)
    {
        var sw = Stopwatch.StartNew();
        var journalPage = await accounting.JournalAsync(syndic, ledgerBuilding, new KoproGo.Core.Features.Accounting.JournalQuery(ledgerYear, KoproGo.Core.Features.Accounting.Journal.OD), new PageRequest(i % 200, 25), CancellationToken.None);
        if (!journalPage.Succeeded || journalPage.Value.TotalCount != LedgerData.OdEntries) throw new InvalidOperationException("journal page failed");
        if (i >= 20) journalTimes.Add(sw.Elapsed.TotalMilliseconds);
    }
    journalTimes.Sort();
    results.Add(new("journal_page_of_10k_entries.p95", Math.Round(journalTimes[(int)(journalTimes.Count * 0.95) - 1], 1), "ms", 100, "lower"));

    // budget variance over the same 100,000 lines: per charge account and month, through the service and in the database
    var budgets = scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Budgets.IBudgetService>();
    var followUp = scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Budgets.IBudgetFollowUpService>();
    Guid budgetId;
    await using (var db = await dbFactory.CreateAsync())
        budgetId = await db.Budgets.Where(b => b.FiscalYearId == ledgerYear).Select(b => b.Id).FirstOrDefaultAsync();
    if (budgetId == Guid.Empty)
    {
        Dictionary<string, Guid> chargeAccounts;
        await using (var db = await dbFactory.CreateAsync())
            chargeAccounts = await db.Accounts.Where(a => a.OrganisationId == organisationId && a.Code.StartsWith("61")).ToDictionaryAsync(a => a.Code, a => a.Id);
        var created = await budgets.SaveDraftAsync(syndic, ledgerBuilding, null, new KoproGo.Core.Features.Budgets.BudgetInput
        {
            FiscalYearId = ledgerYear,
            Reserve = 10_000m,
            Lines = new[] { "610", "611", "612", "613", "614" }.Select(code => new KoproGo.Core.Features.Budgets.BudgetLineInput { AccountId = chargeAccounts[code], Amount = 5_000_000m }).ToList(),
        }, CancellationToken.None);
        budgetId = created.Succeeded ? created.Value : throw new InvalidOperationException("bench budget: " + created.FirstError!.Code);
    }
    var varianceTimes = new List<double>();
    for (var i = 0; i < 40; i++)
    {
        var sw = Stopwatch.StartNew();
        var variance = await followUp.VarianceAsync(syndic, budgetId, CancellationToken.None);
        if (!variance.Succeeded || variance.Value.Total.Actual <= 0) throw new InvalidOperationException("variance failed");
        if (i >= 5) varianceTimes.Add(sw.Elapsed.TotalMilliseconds);
    }
    varianceTimes.Sort();
    results.Add(new("budget_variance_100k_lines.p95", Math.Round(varianceTimes[(int)(varianceTimes.Count * 0.95) - 1], 1), "ms", null, "lower"));
    await using (var conn = new NpgsqlConnection(cs))
    {
        await conn.OpenAsync();
        await using var explain = new NpgsqlCommand("""
            EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON)
            SELECT account_id, date, sum(debit) - sum(credit) FROM journal_lines
             WHERE fiscal_year_id = @y AND account_id = ANY(@a)
             GROUP BY account_id, date
            """, conn);
        explain.Parameters.AddWithValue("y", ledgerYear);
        await using (var db = await dbFactory.CreateAsync())
            explain.Parameters.AddWithValue("a", await db.Accounts.Where(a => a.OrganisationId == organisationId && a.Code.StartsWith("6")).Select(a => a.Id).ToArrayAsync());
        var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        results.Add(new("budget_variance_100k_lines.database_ms", Math.Round(plan.RootElement[0].GetProperty("Execution Time").GetDouble(), 1), "ms", 50, "lower"));
    }
}

if (Wanted("calls"))
{
    // calls for funds (issue #5): allocation over 2,000 lots in memory; 1,000 letters with their database reads
    results.Add(new("call_allocation_2000_lots.p95", CallsBench.AllocationP95(), "ms", 50, "lower"));
    Guid horta;     // a building with its bank account, as every letter names it
    await using (var db = await dbFactory.CreateAsync())
        horta = await db.Buildings.Where(b => b.Slug == "residence-horta").Select(b => b.Id).FirstAsync();
    var letters = await CallsBench.LettersAsync(dbFactory, horta);
    results.Add(new("call_letters_1000_with_db.seconds", letters.Seconds, "s", 15, "lower"));
    results.Add(new("call_letters_vs_raw_pdfsharp.ratio", Math.Round(letters.Seconds / letters.RawSeconds, 1), "x", null, "lower"));
}

if (Wanted("posting"))
{
    // posting throughput: 8 writers on one building for the scenario's seconds, then the numbers must have no gap; the
    // same entries through plain Npgsql in the same run give the floor the service is compared with
    var posting = await PostingBench.RunAsync(factory.Services, dbFactory, organisationId, syndic, Connections, seconds);
    var rawPosting = await PostingBench.RawAsync(dbFactory, cs, organisationId, syndicId, Connections, seconds);
    results.Add(new("posting_8_writers.entries_per_second", posting.PerSecond, "entries/s", null, "higher"));
    results.Add(new("posting_8_writers.raw_npgsql_entries_per_second", rawPosting.PerSecond, "entries/s", null, "higher"));
    results.Add(new("posting_8_writers.service_vs_raw_percent", Math.Round(posting.PerSecond / rawPosting.PerSecond * 100, 1), "%", 60, "higher"));
    results.Add(new("posting_8_writers.number_gaps", posting.Gaps + rawPosting.Gaps, "gaps", 0, "lower"));
}

if (Wanted("coda"))
{
    // bank (issue #12): one CODA file of 10,000 movements (3,000 globalised) on two accounts, through the import service
    var coda = await CodaBench.RunAsync(dbFactory, scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Accounting.JournalPoster>(),
        scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Calls.IBankImportService>(), organisationId, syndic);
    results.Add(new("coda_import_10k_movements.seconds", coda.Seconds, "s", 5, "lower"));
    results.Add(new("coda_import_10k_movements.movements_per_second", coda.PerSecond, "movements/s", null, "higher"));
}

if (Wanted("community"))
{
    // community (issue #6): poll results over 10,000 ballots; a month of one room among 100,000 bookings (the GiST index)
    var community = await CommunityBench.RunAsync(dbFactory, scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Polls.IPollService>(),
        scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Bookings.IBookingService>(), syndic, bigBuilding, cs);
    results.Add(new("poll_results_10k_ballots.p95", community.PollP95, "ms", 50, "lower"));
    results.Add(new("poll_results_10k_ballots.database_ms", community.PollDbMs, "ms", null, "lower"));
    results.Add(new("booking_month_100k_bookings.p95", community.MonthP95, "ms", null, "lower"));
    results.Add(new("booking_month_100k_bookings.database_ms", community.MonthDbMs, "ms", 20, "lower"));
    results.Add(new("booking_month_100k_bookings.uses_gist_index", community.UsesGist ? 1 : 0, "yes=1", 1, "higher"));
}

if (Wanted("assembly"))
{
    // general assembly (issue #16): 500 lots, 300 voices present, 20 resolutions
    var sp = scope.ServiceProvider;
    var assembly = await AssemblyBench.RunAsync(dbFactory, sp.GetRequiredService<KoproGo.Core.Features.Assemblies.IAssemblyService>(),
        sp.GetRequiredService<KoproGo.Core.Features.Assemblies.IAssemblySessionService>(), sp.GetRequiredService<KoproGo.Core.Features.Assemblies.IAssemblyDocumentService>(),
        factory.Services.GetRequiredService<KoproGo.Core.Features.Assemblies.IMeetingFeed>(), syndic, bigBuilding);
    results.Add(new("assembly_tally_300_present_500_lots.p95", assembly.TallyP95, "ms", 20, "lower"));
    results.Add(new("assembly_vote_to_screen_300_votes.p95", assembly.VoteToScreenP95, "ms", 250, "lower"));
    results.Add(new("assembly_vote_to_screen_300_votes.max", assembly.VoteToScreenMax, "ms", null, "lower"));
    results.Add(new("assembly_vote_to_screen_300_votes.votes_seen", assembly.Votes, "votes", 300, "higher"));
    results.Add(new("assembly_minutes_20_items.seconds", assembly.MinutesSeconds, "s", 2, "lower"));
    results.Add(new("assembly_minutes_20_items.kilobytes", Math.Round(assembly.MinutesBytes / 1024.0, 1), "KiB", null, "lower"));
}

if (Wanted("inspections"))
{
    // technical inspections (issue #17): 5,000 current inspections over 50 buildings
    var sp = scope.ServiceProvider;
    var inspection = await InspectionBench.RunAsync(dbFactory, sp.GetRequiredService<KoproGo.Core.Features.Inspections.IInspectionService>(),
        sp.GetRequiredService<KoproGo.Core.Features.Dashboard.IDashboardService>(), () => sp.GetRequiredService<KoproGo.Core.Features.Inspections.CertificateExpiryJob>(), syndic, organisationId, sp.GetRequiredService<TimeProvider>(), seconds);
    results.Add(new("certificate_expiry_5000_inspections.first_run_seconds", inspection.FirstRunSeconds, "s", 2, "lower"));
    results.Add(new("certificate_expiry_5000_inspections.notices", inspection.Notices, "notices", null, "higher"));
    results.Add(new("certificate_expiry_5000_inspections.second_run_seconds", inspection.SecondRunSeconds, "s", 2, "lower"));
    results.Add(new("inspections_due_50_buildings.p95", inspection.DueP95, "ms", 150, "lower"));
    results.Add(new("inspections_due_50_buildings.rows", inspection.DueRows, "rows", null, "higher"));
    results.Add(new("dashboard_todo_50_buildings.p95", inspection.ToDoP95, "ms", 150, "lower"));
    results.Add(new("dashboard_todo_50_buildings.rows", inspection.ToDoRows, "rows", null, "higher"));
}

if (Wanted("notary"))
{
    // the notary's information (issue #17): one lot of the 500-lot building with three years of books
    var sp = scope.ServiceProvider;
    var notaryPack = await NotaryBench.RunAsync(dbFactory, sp.GetRequiredService<KoproGo.Core.Features.Notary.INotaryService>(), syndic, organisationId, bigBuilding,
        sp.GetRequiredService<TimeProvider>(), seconds);
    results.Add(new("notary_pack_500_lots_3_years.p95", notaryPack.P95, "ms", 1000, "lower"));
    results.Add(new("notary_pack_500_lots_3_years.kilobytes", notaryPack.Kilobytes, "KiB", null, "lower"));
    results.Add(new("notary_pack_500_lots_3_years.journal_lines", notaryPack.JournalLines, "lines", null, "higher"));
}

if (Wanted("pages"))
{
    var page = await LoadAsync(http, $"/buildings/{bigBuilding}", seconds);
    // the "empty page": same server, same layout and sign-in, no data of its own
    var empty = await LoadAsync(http, "/not-found", seconds);
    results.Add(new("building_page_500_units.p50", page.P50, "ms", null, "lower"));
    results.Add(new("building_page_500_units.p95", page.P95, "ms", 150, "lower"));
    results.Add(new("building_page_500_units.rps", page.Rps, "req/s", null, "higher"));
    results.Add(new("empty_page.p95", empty.P95, "ms", null, "lower"));
    results.Add(new("empty_page.rps", empty.Rps, "req/s", null, "higher"));
    results.Add(new("building_page_vs_empty.rps_ratio_percent", Math.Round(page.Rps / empty.Rps * 100, 1), "%", 20, "higher"));
}

if (Wanted("circuits"))
{
    string ownerId;
    await using (var db = await dbFactory.CreateAsync())
        ownerId = await db.Users.Where(u => u.Email == "marie.dubois@example.be").Select(u => u.Id).FirstAsync();
    var owner = (await scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.UserAccounts.IActorFactory>().ForUserAsync(ownerId, null, null, CancellationToken.None))!;
    await scope.ServiceProvider.GetRequiredService<KoproGo.Core.Features.Privacy.IPrivacyService>().AcceptLegalTextsAsync(owner, CancellationToken.None);
    await CircuitBench.RunAsync(baseUrl, "marie.dubois@example.be", DemoData.Password, results);
}

Directory.CreateDirectory(resultsDir);
await File.WriteAllTextAsync(Path.Combine(resultsDir, resultName + ".json"), JsonSerializer.Serialize(results.Select(r => new { name = r.Name, value = r.Value, unit = r.Unit, target = r.Target, better = r.Better }), new JsonSerializerOptions { WriteIndented = true }));
var md = new System.Text.StringBuilder();
md.AppendLine(CultureInfo.InvariantCulture, $"# KoproGo benchmarks — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
md.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; {Connections} concurrent connections; {seconds} s per scenario after warm-up; signed in as the syndic.");
md.AppendLine();
md.AppendLine("| measure | value | unit | target | verdict |");
md.AppendLine("|---|---|---|---|---|");
foreach (var r in results)
{
    var verdict = r.Target is null ? "" : (r.Better == "lower" ? r.Value <= r.Target : r.Value >= r.Target) ? "met" : "MISSED";
    md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Value} | {r.Unit} | {(r.Target is null ? "" : (r.Better == "lower" ? "≤ " : "≥ ") + r.Target)} | {verdict} |");
}
await File.WriteAllTextAsync(Path.Combine(resultsDir, resultName + ".md"), md.ToString());
Console.WriteLine(md);

static async Task SignInAsync(HttpClient http, string email, string password)
{
    var form = await http.GetStringAsync("/Account/Login");
    string Hidden(string name) => Regex.Match(form, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;
    var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["_handler"] = Hidden("_handler"),
        ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"),
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    }));
    if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
        throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
}

static async Task<Stats> LoadAsync(HttpClient http, string path, int seconds)
{
    for (var i = 0; i < 50; i++)
    {
        using var warm = await http.GetAsync(path);    // warm-up: JIT, pools, caches
        if (!warm.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)warm.StatusCode} {warm.Headers.Location}");
    }
    var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
    var until = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
    {
        while (until.Elapsed.TotalSeconds < seconds)
        {
            var sw = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            latencies.Add(sw.Elapsed.TotalMilliseconds);
        }
    })).ToArray();
    await Task.WhenAll(workers);
    var sorted = latencies.Order().ToArray();
    double Pct(double p) => Math.Round(sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)], 1);
    return new Stats(Pct(0.50), Pct(0.95), Math.Round(sorted.Length / until.Elapsed.TotalSeconds, 1));
}

/// <summary>Sends back every cookie the server set, whatever its Secure flag (the benchmark talks plain HTTP to Kestrel).</summary>
internal sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cookies = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (!_cookies.IsEmpty)
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await base.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var pair in set.Select(c => c.Split(';', 2)[0].Split('=', 2)).Where(p => p.Length == 2))
                _cookies[pair[0]] = pair[1];
        return response;
    }
}

internal sealed record Measure(string Name, double Value, string Unit, double? Target, string Better);
internal sealed record Stats(double P50, double P95, double Rps);

// any type of the web assembly names it (this file's top-level statements own the name Program)
internal sealed class BenchAppFactory(string connectionString) : WebApplicationFactory<DemoData>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Hangfire:WorkerCount", "0");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(s => s.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CountingCircuitHandler>());
    }
}
