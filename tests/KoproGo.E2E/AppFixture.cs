using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// The real app on Kestrel (random port) over a fresh database with the demo data, and one headless Debian
/// Chromium. Shared by every E2E test class.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private static readonly string ServerCs = Environment.GetEnvironmentVariable("ConnectionStrings__Default")
        ?? "Host=127.0.0.1;Port=55432;Database=koprogo;Username=koprogo;Password=koprogo";

    private readonly string _dbName = $"koprogo_e2e_{Guid.NewGuid():N}"[..30];
    private readonly string _files = Path.Combine(Path.GetTempPath(), "koprogo-e2e-" + Guid.NewGuid().ToString("N"));
    private KoproGoAppFactory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public string ConnectionString { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string ArtifactsDir { get; } = Environment.GetEnvironmentVariable("TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async ValueTask InitializeAsync()
    {
        await Sql.ExecAsync(ServerCs, $"CREATE DATABASE \"{_dbName}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerCs) { Database = _dbName }.ConnectionString;
        _factory = new KoproGoAppFactory(ConnectionString, _files);
        _factory.UseKestrel(0);          // on this instance: a factory from WithWebHostBuilder() would ignore the port
        _factory.StartServer();
        // CreateClient() knows the Kestrel address; the tests want a plain client that does not follow redirects
        using (var probe = _factory.CreateClient())
            BaseUrl = probe.BaseAddress!.ToString().TrimEnd('/');
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ArtifactsDir);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await Sql.ExecAsync(ServerCs, $"DROP DATABASE IF EXISTS \"{_dbName}\" WITH (FORCE)");
        if (Directory.Exists(_files)) Directory.Delete(_files, recursive: true);
    }

    /// <summary>The app's services, for what a test sets up behind the user's back (another syndic revoking a role).</summary>
    public IServiceProvider Services => _factory!.Services;

    public Task<Guid> BuildingIdAsync(string slug) => ScalarAsync<Guid>("SELECT id FROM buildings WHERE slug = @p0", slug);

    /// <summary>One value read from the app's database (parameters @p0, @p1…), for what a test must know but the page does not say.</summary>
    public Task<T> ScalarAsync<T>(string sql, params object[] parameters) => Sql.ScalarAsync<T>(ConnectionString, sql, parameters);


    /// <summary>A browser context with a page that records console errors and failed responses.</summary>
    public async Task<Session> NewSessionAsync()
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        // assertions wait as long as actions do: on 2 busy cores a save and its re-render took more than the 5 s default
        Assertions.SetDefaultExpectTimeout(20_000);
        var session = new Session(this, context, page);
        page.Console += (_, m) => { if (m.Type == "error") session.ConsoleErrors.Add(m.Text); };
        page.Response += (_, r) => { if (r.Status >= 500) session.ServerErrors.Add($"{r.Status} {r.Url}"); };
        return session;
    }
}

public sealed class Session(AppFixture app, IBrowserContext context, IPage page) : IAsyncDisposable
{
    private static readonly HashSet<string> Blocking = ["serious", "critical"];
    public IPage Page { get; } = page;
    public List<string> ConsoleErrors { get; } = [];
    public List<string> ServerErrors { get; } = [];

    public async Task SignInAsync(string email, string password = "Demo-KoproGo-2026")
    {
        await Page.GotoAsync(app.BaseUrl + "/Account/Login");
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("#signin").ClickAsync();
        await Page.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.Ordinal));
        await WaitInteractiveAsync();
        await AcceptLegalTextsIfAskedAsync();
    }

    /// <summary>First sign-in of a demo account: the layout asks for the privacy policy and terms first.</summary>
    public async Task AcceptLegalTextsIfAskedAsync()
    {
        if (!Page.Url.Contains("/account/consent", StringComparison.Ordinal))
            return;
        // a box ticked on the prerendered page is ticked in the browser only: the circuit must be attached first
        await WaitInteractiveAsync();
        // the boxes must be ticked by the circuit before the button counts them (a cold server can lag behind clicks)
        foreach (var box in new[] { "#accept-privacy input", "#accept-terms input" })
        {
            await Page.Locator(box).ClickAsync();
            await Expect(Page.Locator(box)).ToBeCheckedAsync();
        }
        await Page.Locator("#accept-consent").ClickAsync();
        await Page.WaitForURLAsync(u => !u.Contains("/account/consent", StringComparison.Ordinal), new() { Timeout = 45_000 });
        await WaitInteractiveAsync();
    }

    /// <summary>Turns 2FA on through the security page; returns the secret, the step of the code used, and a backup code.</summary>
    public async Task<(byte[] Secret, long Step, string BackupCode)> EnableTwoFactorAsync(string password = "Demo-KoproGo-2026")
    {
        await GotoAsync("/account/security");
        await Page.Locator("#enable-password").FillAsync(password);
        await Page.Locator("#enable-2fa").ClickAsync();
        var key = (await Page.Locator("#totp-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        var secret = OtpNet.Base32Encoding.ToBytes(key);
        var step = KoproGo.Core.Features.Security.Totp.StepAt(DateTimeOffset.UtcNow);
        await Page.Locator("#confirm-code").FillAsync(KoproGo.Core.Features.Security.Totp.CodeAt(secret, step));
        await Page.Locator("#confirm-2fa").ClickAsync();
        await Expect(Page.Locator("#backup-codes li")).ToHaveCountAsync(10);
        return (secret, step, (await Page.Locator("#backup-codes li").First.TextContentAsync())!.Trim());
    }

    /// <summary>The status of a GET with this session's cookies, not following redirects: "403", or "302 → /Account/Login…".</summary>
    public async Task<string> StatusAsync(string path)
    {
        var response = await Page.APIRequest.GetAsync(app.BaseUrl + path, new() { MaxRedirects = 0 });
        return response.Headers.TryGetValue("location", out var location) ? $"{response.Status} → {location}" : response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task SignOutAsync()
    {
        await Page.GotoAsync(app.BaseUrl + "/Account/Logout");
        await Page.Locator("#confirm-signout").ClickAsync();
        await Page.WaitForURLAsync(u => u.Contains("signedOut", StringComparison.Ordinal));
    }

    /// <summary>Email and password of a user with 2FA: ends on the code page.</summary>
    public async Task PasswordStepAsync(string email, string password = "Demo-KoproGo-2026")
    {
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("#signin").ClickAsync();
        await Page.WaitForURLAsync(u => u.Contains("/Account/LoginWith2fa", StringComparison.Ordinal));
    }

    public async Task CodeStepAsync(string code)
    {
        await Page.Locator("#code").FillAsync(code);
        await Page.Locator("#verify").ClickAsync();
        await Page.WaitForURLAsync(u => !u.Contains("/Account/", StringComparison.Ordinal));
        await WaitInteractiveAsync();
        await AcceptLegalTextsIfAskedAsync();
    }

    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(app.BaseUrl + path);
        await WaitInteractiveAsync();
    }

    /// <summary>The layout marks the page once the circuit is up; clicking before that hits prerendered HTML.</summary>
    public Task WaitInteractiveAsync() =>
        Expect(Page.Locator("#kg-state")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });

    /// <summary>axe-core on the live page: no serious or critical WCAG 2.1 A/AA violation; saves a screenshot.</summary>
    public async Task CheckAccessibilityAsync(string name)
    {
        await Page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, name + ".png"), FullPage = true });
        var result = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact ?? "")).ToList();
        Assert.True(blocking.Count == 0, $"axe on {name}:" + Environment.NewLine + string.Join(Environment.NewLine,
            blocking.Select(v => $"[{v.Impact}] {v.Id}: {v.Help}" + string.Concat(v.Nodes.Take(3).Select(n => Environment.NewLine + "    " + n.Html + " — " + string.Join("; ", (n.Any ?? []).Select(c => c.Message)))))));
    }

    public void AssertNoErrors()
    {
        Assert.True(ServerErrors.Count == 0, string.Join(" | ", ServerErrors));
        Assert.True(ConsoleErrors.Count == 0, string.Join(" | ", ConsoleErrors));
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}

/// <summary>
/// The app on a database. <paramref name="hangfire"/>: false for every host but the fixture's (one Hangfire host per
/// process). <paramref name="settings"/>: configuration a test adds (an SMTP server of its own).
/// </summary>
public sealed class KoproGoAppFactory(string connectionString, string fileRoot, int signInPerMinute = 1000, bool hangfire = true,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");     // static web assets resolved from the build output
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Hangfire:Enabled", hangfire ? "true" : "false");
        builder.UseSetting("Hangfire:WorkerCount", "2");
        // both sending paths: a call in Ghent (12 owners) is sent while the syndic waits, one in Brussels (17) by the job
        builder.UseSetting("Calls:InlineSendMaxOwners", "12");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("FileStore:Root", fileRoot);
        builder.UseSetting("Security:SignInPerMinute", signInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));   // every test signs in from 127.0.0.1
        builder.UseSetting("Security:TotpKeyFile", Path.Combine(fileRoot, "totp.key"));
        builder.UseSetting("Security:RevalidateSeconds", "3");   // production: 60; the test shows the mechanism without waiting a minute
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
