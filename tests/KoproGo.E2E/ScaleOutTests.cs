using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// Run by scripts/scale-out-check.sh only (skipped otherwise): two instances behind nginx (sticky ip_hash). The
/// instance holding the browser's circuit is stopped; the browser goes on on the other one, still signed in.
/// </summary>
public class ScaleOutTests
{
    [Fact]
    public async Task TheInstanceHoldingTheCircuitStops_TheBrowserCarriesOnOnTheOther_StillSignedIn()
    {
        var url = Environment.GetEnvironmentVariable("SCALEOUT_URL");
        Assert.SkipWhen(url is null, "needs two instances behind a proxy: scripts/scale-out-check.sh");
        var pids = Environment.GetEnvironmentVariable("SCALEOUT_PIDS")!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await (await browser.NewContextAsync()).NewPageAsync();
        async Task<string> UpstreamAsync()
        {
            var health = await page.APIRequest.GetAsync(url + "/healthz");
            return health.Headers["x-upstream"].Split(':').Last();
        }
        async Task InteractiveAsync() =>
            await Expect(page.Locator("#kg-state")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });

        await page.GotoAsync(url + "/Account/Login");
        await page.Locator("#email").FillAsync("marie.dubois@example.be");
        await page.Locator("#password").FillAsync("Demo-KoproGo-2026");
        await page.Locator("#signin").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.Ordinal));
        await InteractiveAsync();
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
        await page.GotoAsync(url + "/my-account");
        await InteractiveAsync();
        await Expect(page.Locator(".my-balance").First).ToBeVisibleAsync();
        var first = await UpstreamAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"scale-out: circuit on the instance at :{first}; stopping it");

        System.Diagnostics.Process.GetProcessById(pids[first]).Kill();
        // the circuit is gone with its instance: Blazor's reconnect fails, the page is loaded again (what its
        // "reload" button does) — the proxy sends it to the other instance, which reads the same auth cookie
        await page.ReloadAsync();
        await InteractiveAsync();
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
