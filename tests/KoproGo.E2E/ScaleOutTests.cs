using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Owners;
using KoproGo.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// Run by scripts/scale-out-check.sh only (skipped otherwise), one test at a time: two instances on one database, one
/// behind nginx (sticky ip_hash). (1) A long call sending: its progress shows on a page of the other instance, the
/// instance running it is killed, the other one finishes it, once. (2) The instance holding the browser's circuit is
/// stopped; the browser goes on on the other one, still signed in.
/// </summary>
public class ScaleOutTests
{
    private const int Lots = 400;

    [Fact]
    public async Task ALongCallSending_ShownOnTheOtherInstance_IsFinishedThereOnce_WhenItsInstanceIsKilled()
    {
        var db = Environment.GetEnvironmentVariable("SCALEOUT_DB");
        Assert.SkipWhen(db is null, "needs two instances on one database: scripts/scale-out-check.sh");
        var log = TestContext.Current.TestOutputHelper;
        var instances = Instances();     // port → pid
        var invisibility = TimeSpan.FromMinutes(double.Parse(Environment.GetEnvironmentVariable("SCALEOUT_INVISIBILITY_MINUTES") ?? "1", System.Globalization.CultureInfo.InvariantCulture));
        var (buildingId, callId) = await BigDraftCallAsync(db!);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        // the syndic's calls list open on both instances (straight to each, not through the proxy)
        var pages = new Dictionary<string, IPage>();
        foreach (var port in instances.Keys)
        {
            var page = await (await browser.NewContextAsync()).NewPageAsync();
            await SignInAsync(page, $"http://127.0.0.1:{port}", "syndic@horta.be");
            await page.GotoAsync($"http://127.0.0.1:{port}/buildings/{buildingId}/accounting");
            await InteractiveAsync(page);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Appels de fonds" }).ClickAsync();
            await Expect(Row(page)).ToBeVisibleAsync();
            pages[port] = page;
        }
        var (first, second) = (instances.Keys.First(), instances.Keys.Last());
        await Row(pages[first]).Locator(".send-call").ClickAsync();
        log?.WriteLine($"scale-out: {Lots}-letter call sent from the page on :{first}");

        // which instance's Hangfire worker took it (server ids are host:pid:…)
        var runner = "";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (runner == "" && DateTime.UtcNow < deadline)
        {
            var server = await Sql.ScalarAsync<string?>(db!, """
                SELECT s.data::json->>'ServerId' FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
                 WHERE j.invocationdata::text LIKE '%SendCallJob%' AND j.arguments::text LIKE @p0 AND j.statename = 'Processing'
                """, $"%{callId}%");
            runner = server is null ? "" : instances.FirstOrDefault(i => server.Split(':')[1] == i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Key ?? "";
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.NotEqual("", runner);
        var other = runner == first ? second : first;
        // the progress the runner writes shows on the page of the other instance, which never ran anything of it
        await Expect(Row(pages[other]).Locator(".call-sending")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var progress = await Row(pages[other]).Locator(".call-sending").InnerTextAsync();
        Assert.Equal("Draft", await Sql.ScalarAsync<string>(db!, "SELECT status FROM calls_for_funds WHERE id = @p0", callId));
        System.Diagnostics.Process.GetProcessById(instances[runner]).Kill();
        var killed = DateTime.UtcNow;
        log?.WriteLine($"scale-out: sending run by :{runner}; the page on :{other} shows \"{progress.Trim()}\"; :{runner} killed mid-way");

        // the other instance takes the job again once its claim has expired (sliding invisibility), and sends it all
        await Expect(Row(pages[other])).ToContainTextAsync("Envoyé", new() { Timeout = (float)(invisibility + TimeSpan.FromSeconds(90)).TotalMilliseconds });
        var took = DateTime.UtcNow - killed;
        log?.WriteLine($"scale-out: finished by :{other} {took.TotalSeconds:0} s after the kill (invisibility timeout {invisibility.TotalMinutes:0.#} min)");
        Assert.True(took < invisibility + TimeSpan.FromSeconds(60), $"took {took}");
        Assert.Equal(Lots, await Sql.ScalarAsync<long>(db!, "SELECT count(*) FROM call_lines WHERE call_id = @p0", callId));
        Assert.Equal(Lots, await Sql.ScalarAsync<long>(db!, "SELECT count(DISTINCT l.pdf_file_id) FROM call_lines l JOIN files f ON f.id = l.pdf_file_id WHERE l.call_id = @p0", callId));
        Assert.Equal(1, await Sql.ScalarAsync<long>(db!, "SELECT count(*) FROM journal_entries e JOIN calls_for_funds c ON c.entry_id = e.id WHERE c.id = @p0", callId));
        log?.WriteLine($"scale-out: the call has {Lots} lines, {Lots} letters and one accounting entry");
    }

    private static ILocator Row(IPage page) => page.Locator(".call-row").Filter(new() { HasText = "Scale-out call" });

    /// <summary>A building of <see cref="Lots"/> lots in the demo organisation, its year and a draft call to every owner.</summary>
    private static async Task<(Guid Building, Guid Call)> BigDraftCallAsync(string cs)
    {
        var options = new DbContextOptionsBuilder<KoproGoDbContext>();
        KoproGoDbOptions.Configure(options, cs);
        await using var db = new KoproGoDbContext(options.Options);
        var organisationId = await db.Buildings.Where(b => b.Slug == "residence-horta").Select(b => b.OrganisationId).FirstAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var account = 3_000_000_000L + Random.Shared.NextInt64(0, 1_000_000_000L);
        var building = Building.Create(organisationId, new BuildingInput
        {
            Name = "Tour de la montée en charge",
            Street = "Rue des Instances 2",
            PostalCode = "1000",
            City = "Bruxelles",
            TotalShares = Lots * 10,
            Slug = $"scale-out-{Guid.NewGuid():N}"[..24],
            WorkingFundIban = BelgianIdentifierFactory.Iban(account),
        });
        db.Buildings.Add(building);
        db.FiscalYears.Add(FiscalYear.Starting(building.Id, new DateOnly(today.Year, 1, 1)));
        for (var i = 0; i < Lots; i++)
        {
            var owner = Owner.Create(organisationId, new OwnerInput { LastName = $"Instance {i}", FirstName = "Copro", PreferredLanguage = i % 3 == 0 ? "nl-BE" : "fr-BE" });
            var unit = Unit.Create(building.Id, new UnitInput { Number = $"{i / 20 + 1}.{i % 20 + 1:D2}", Type = UnitType.Apartment, Floor = i / 20, Area = 80, Shares = 10 });
            db.Owners.Add(owner);
            db.Units.Add(unit);
            db.Ownerships.Add(Ownership.Start(unit.Id, new OwnershipLine { OwnerId = owner.Id, Percentage = 100, IsPrimaryContact = true }, new DateOnly(2020, 1, 1)));
        }
        var call = CallForFunds.Create(organisationId, building.Id, new CallInput { Title = "Scale-out call", CallDate = today, DueDate = today.AddDays(30), Ordinary = 100m * Lots }, DateTimeOffset.UtcNow);
        db.CallsForFunds.Add(call);
        await db.SaveChangesAsync();
        return (building.Id, call.Id);
    }

    private static Dictionary<string, int> Instances() =>
        Environment.GetEnvironmentVariable("SCALEOUT_PIDS")!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });

    private static async Task InteractiveAsync(IPage page) =>
        await Expect(page.Locator("#kg-state")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });

    private static async Task SignInAsync(IPage page, string url, string email)
    {
        await page.GotoAsync(url + "/Account/Login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("Demo-KoproGo-2026");
        await page.Locator("#signin").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.Ordinal));
        await InteractiveAsync(page);
        if (page.Url.Contains("/account/consent", StringComparison.Ordinal))
        {
            foreach (var box in new[] { "#accept-privacy input", "#accept-terms input" })
            {
                await page.Locator(box).ClickAsync();
                await Expect(page.Locator(box)).ToBeCheckedAsync();
            }
            await page.Locator("#accept-consent").ClickAsync();
            await page.WaitForURLAsync(u => !u.Contains("/account/consent", StringComparison.Ordinal));
        }
    }


    [Fact]
    public async Task TheInstanceHoldingTheCircuitStops_TheBrowserCarriesOnOnTheOther_StillSignedIn()
    {
        var url = Environment.GetEnvironmentVariable("SCALEOUT_URL");
        Assert.SkipWhen(url is null, "needs two instances behind a proxy: scripts/scale-out-check.sh");
        var pids = Instances();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync()).NewPageAsync();
        async Task<string> UpstreamAsync()
        {
            var health = await page.APIRequest.GetAsync(url + "/healthz");
            return health.Headers["x-upstream"].Split(':').Last();
        }
        await SignInAsync(page, url!, "marie.dubois@example.be");
        await page.GotoAsync(url + "/my-account");
        await InteractiveAsync(page);
        await Expect(page.Locator(".my-balance").First).ToBeVisibleAsync();
        var first = await UpstreamAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"scale-out: circuit on the instance at :{first}; stopping it");

        System.Diagnostics.Process.GetProcessById(pids[first]).Kill();
        // the circuit is gone with its instance: Blazor's reconnect fails, the page is loaded again (what its
        // "reload" button does) — the proxy sends it to the other instance, which reads the same auth cookie
        await page.ReloadAsync();
        await InteractiveAsync(page);
        Assert.Contains("/my-account", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator(".my-balance").First).ToBeVisibleAsync();
        var second = await UpstreamAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"scale-out: after the stop, served by :{second}, still signed in as the owner");
        Assert.NotEqual(first, second);
        // and the new circuit works: a click round trip on the other instance
        var drawerOpen = await page.Locator(".mud-drawer--open").CountAsync() > 0;
        await page.Locator(".mud-appbar .mud-icon-button").First.ClickAsync();
        await page.WaitForFunctionAsync("open => (document.querySelector('.mud-drawer--open') !== null) !== open", drawerOpen);
    }
}
