using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Playwright;

namespace KoproGo.Bench;

/// <summary>Counts the server's open circuits and times their inbound activity (registered in the bench host only).</summary>
internal sealed class CountingCircuitHandler : CircuitHandler
{
    private static int _open;
    public static int Open => Volatile.Read(ref _open);
    /// <summary>Server time per inbound activity (an event dispatch, a render acknowledgement…) while recording.</summary>
    public static System.Collections.Concurrent.ConcurrentBag<double>? Recording { get; set; }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var bag = Recording;
            if (bag is null)
            {
                await next(context);
                return;
            }
            var sw = Stopwatch.StartNew();
            await next(context);
            bag.Add(sw.Elapsed.TotalMilliseconds);
        };

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Blazor Server's real limit: memory per idle circuit, and the round trip of active ones. The circuits are real:
/// headless Chromium tabs (one signed-in browser context) on an owner's <c>/my-account</c>; the server is this process,
/// so its managed heap is read directly after a full collection, less what the Playwright client holds per tab.
/// Chromium tabs are heavy, so N stays at 200 and the active test at 40 tabs; the figures are per circuit and
/// extrapolate linearly (README "Decisions").
/// </summary>
internal static class CircuitBench
{
    private static readonly int[] Steps = [50, 100, 200];

    public static async Task RunAsync(string baseUrl, string email, string password, List<Measure> results)
    {
        // the Playwright client lives in this process too: its cost per tab, read on a static page that opens no
        // circuit (the sign-in form), is taken off the figures below
        var client = await MeasureAsync(baseUrl, email, password, "/Account/Login", "no_circuit", active: false, circuit: false, results);
        // the owner's account page, and the same layout around no data of its own: what the page adds, what the shell costs
        var account = await MeasureAsync(baseUrl, email, password, "/my-account", "my_account", active: true, circuit: true, results);
        var shell = await MeasureAsync(baseUrl, email, password, "/not-found", "empty_page", active: false, circuit: true, results);
        results.Add(new("idle_circuit.my_account.server_bytes", Math.Round(account - client), "bytes", 500_000, "lower"));
        results.Add(new("idle_circuit.empty_page.server_bytes", Math.Round(shell - client), "bytes", null, "lower"));
    }

    /// <summary>Opens 50, 100, 200 tabs on the path; returns the managed bytes per tab (slope), and records the details.</summary>
    private static async Task<double> MeasureAsync(string baseUrl, string email, string password, string path, string label, bool active, bool circuit, List<Measure> results)
    {
        // Secure (__Host-) cookies are kept by Chromium on http only for "localhost"
        baseUrl = baseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // tabs share a few renderer processes: 200 tabs fit in memory
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--renderer-process-limit=4",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
        });
        var context = await browser.NewContextAsync();
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync(baseUrl + "/Account/Login");
        await signIn.Locator("#email").FillAsync(email);
        await signIn.Locator("#password").FillAsync(password);
        await signIn.Locator("#signin").ClickAsync();
        await signIn.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.Ordinal));
        await signIn.CloseAsync();

        var pages = new List<IPage>();
        async Task OpenAsync(int count)
        {
            while (pages.Count < count)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(baseUrl + path);
                if (circuit)
                    await page.Locator("#kg-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                pages.Add(page);
            }
        }

        await OpenAsync(1);          // warm: the first circuit pays for what every later one shares
        var baseline = Heap();
        var points = new List<(int Circuits, long Heap, long WorkingSet)>();
        foreach (var n in Steps)
        {
            await OpenAsync(n);
            await Task.Delay(TimeSpan.FromSeconds(5));          // idle: renders done, timers settled
            var open = CountingCircuitHandler.Open;
            if (circuit && open < n)
                throw new InvalidOperationException($"only {open} circuits open for {n} tabs");
            points.Add((n, Heap(), Process.GetCurrentProcess().WorkingSet64));
            // BENCH_GCDUMP=<dotnet-gcdump path>: a heap dump at each step, to see what a circuit holds (diagnosis only)
            if (Environment.GetEnvironmentVariable("BENCH_GCDUMP") is { } tool)
                await Process.Start(tool, ["collect", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", $"/tmp/circuits-{label}-{n}.gcdump"])!.WaitForExitAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {open} circuits open, heap {points[^1].Heap / 1e6:F1} MB, working set {points[^1].WorkingSet / 1e6:F1} MB"));
        }
        var perCircuit = Slope(points.Select(p => ((double)p.Circuits, (double)p.Heap)).ToList());
        var perCircuitWs = Slope(points.Select(p => ((double)p.Circuits, (double)p.WorkingSet)).ToList());
        results.Add(new($"tab.{label}.process_managed_bytes", Math.Round(perCircuit), "bytes", null, "lower"));
        results.Add(new($"tab.{label}.process_working_set_bytes", Math.Round(perCircuitWs), "bytes", null, "lower"));
        if (active)
            await ActiveAsync(pages, results);

        // leak check: every tab closed, circuits gone, the heap back near where it started
        foreach (var page in pages)
            await page.CloseAsync(new() { RunBeforeUnload = true });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (CountingCircuitHandler.Open > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        await Task.Delay(2000);
        var after = Heap();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after closing: {CountingCircuitHandler.Open} circuits open, heap {after / 1e6:F1} MB (baseline {baseline / 1e6:F1} MB)"));
        if (circuit)
        {
            results.Add(new($"circuits_closed.{label}.still_open", CountingCircuitHandler.Open, "circuits", 0, "lower"));
            results.Add(new($"circuits_closed.{label}.heap_above_baseline_bytes", Math.Max(0, after - baseline), "bytes", null, "lower"));
        }
        await context.CloseAsync();
        return perCircuit;
    }

    private static async Task ActiveAsync(List<IPage> pages, List<Measure> results)
    {
        // active: 40 tabs each toggle the menu drawer every 2 s (click → server event → render batch → DOM): the round trip
        var active = pages.Take(40).ToList();
        var roundTrips = new System.Collections.Concurrent.ConcurrentBag<double>();
        var serverTimes = new System.Collections.Concurrent.ConcurrentBag<double>();
        CountingCircuitHandler.Recording = serverTimes;
        var until = DateTime.UtcNow.AddSeconds(20);
        await Task.WhenAll(active.Select(async (page, i) =>
        {
            await Task.Delay(i * 50);
            var toggle = page.Locator(".mud-appbar .mud-icon-button").First;
            while (DateTime.UtcNow < until)
            {
                var open = await page.Locator(".mud-drawer--open").CountAsync() > 0;
                var sw = Stopwatch.StartNew();
                await toggle.ClickAsync();
                await page.WaitForFunctionAsync("open => (document.querySelector('.mud-drawer--open') !== null) !== open", open);
                roundTrips.Add(sw.Elapsed.TotalMilliseconds);
                await Task.Delay(2000);
            }
        }));
        CountingCircuitHandler.Recording = null;
        var sorted = roundTrips.Order().ToList();
        var server = serverTimes.Order().ToList();
        results.Add(new("active_circuits_40.click_round_trip.p95", Math.Round(sorted[(int)(sorted.Count * 0.95) - 1], 1), "ms", null, "lower"));
        results.Add(new("active_circuits_40.server_activity.p95", Math.Round(server[(int)(server.Count * 0.95) - 1], 2), "ms", null, "lower"));
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>Least-squares slope: bytes per circuit over the measured points.</summary>
    private static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }
}
