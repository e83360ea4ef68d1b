using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Security;
using KoproGo.Data;
using KoproGo.Web.Components;
using KoproGo.Web.Components.Account;
using KoproGo.Web.Documents;
using KoproGo.Web.Jobs;
using KoproGo.Web.Localization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Services;

namespace KoproGo.Web;

/// <summary>All wiring of the app in one place, shared by Program, the end-to-end tests and the benchmarks.</summary>
public static class Startup
{
    public static void AddKoproGo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        // a link pasted with a long token (or a hostile 10,000-character one) reaches the page, which says the link is
        // invalid, instead of Kestrel's blank 414 at 8 KB; a reverse proxy in front keeps its own limit
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestLineSize = 32 * 1024);
        var cs = config.GetConnectionString("Default")
                 ?? throw new InvalidOperationException("ConnectionStrings:Default is not set (see scripts/pg.sh env)");
        // every SQL statement at Information drowned the console (~10,000 lines at start-up); failures still log as errors.
        // Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information brings them back.
        if (config["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] is null)
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);

        // circuits are the server's real limit (bench/: memory per idle circuit, click round trip); README "Decisions"
        services.AddRazorComponents().AddInteractiveServerComponents(o =>
        {
            // a phone that loses the network in a lift or a stairwell gets its page back, votes and forms included
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            // retained circuits cost memory like live ones: a burst of dropped phones cannot hold more than this
            o.DisconnectedCircuitMaxRetained = 200;
            o.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
            o.MaxBufferedUnacknowledgedRenderBatches = 10;
        }).AddHubOptions(o =>
        {
            // uploads stream in chunks below it; the largest other message is a text field's value, which app.js keeps
            // to 10,000 characters: up to ~70 KB once a NUL or quote-filled value is escaped twice over (JSON in JSON)
            o.MaximumReceiveMessageSize = 128 * 1024;
            o.KeepAliveInterval = TimeSpan.FromSeconds(15);
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
        });
        // no fade-in: a half-transparent snackbar fails contrast checks (and helps nobody)
        services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.ShowTransitionDuration = 0;
            c.SnackbarConfiguration.HideTransitionDuration = 0;
            // at the top: at the bottom a message covered the Save button of a tall dialog, the one the user clicks next
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
            // a message belongs to the page that caused it: leaving the page clears it
            c.SnackbarConfiguration.ClearAfterNavigation = true;
        });
        services.AddKoproGoTexts();   // Texts*.resx of each feature and KoproGo.Core/Resources
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);

        // EF Core: a pooled factory (one context per operation, right for circuits, requests and jobs);
        // Identity's stores get a scoped context from the same options.
        services.AddPooledDbContextFactory<KoproGoDbContext>(o => KoproGoDbOptions.Configure(o, cs));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<KoproGoDbContext>>().CreateDbContext());
        services.AddSingleton<IKoproGoDbFactory, KoproGoDbFactory>();
        // the assembly's live screens: one LISTEN connection per instance (README, Decisions)
        services.AddSingleton(sp => new KoproGo.Web.Features.Assemblies.MeetingFeedListener(cs, sp.GetRequiredService<ILogger<KoproGo.Web.Features.Assemblies.MeetingFeedListener>>()));
        services.AddSingleton<KoproGo.Core.Features.Assemblies.IMeetingFeed>(sp => sp.GetRequiredService<KoproGo.Web.Features.Assemblies.MeetingFeedListener>());
        services.AddHostedService(sp => sp.GetRequiredService<KoproGo.Web.Features.Assemblies.MeetingFeedListener>());

        // Identity: cookie sign-in, lockout 5 failures / 15 minutes, PBKDF2 at 210,000 iterations (OWASP 2023).
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // the platform pages hold every organisation's data: a SuperAdmin signed in with the second factor (ASVS V6.3.3)
        services.AddAuthorization(o => o.AddPolicy(Policies.SuperAdmin, p => p.RequireClaim(Policies.SuperAdminClaim, "true").RequireClaim("amr", "mfa")));
        services.AddIdentityCore<AppUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = true;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = PasswordPolicy.MaxFailures;
                o.Lockout.DefaultLockoutTimeSpan = PasswordPolicy.Lockout;
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddEntityFrameworkStores<KoproGoDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<KoproGoClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name)
            .AddTokenProvider<BackupCodeTokenProvider>(BackupCodeTokenProvider.Name);
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        // plain requests re-check the security stamp every minute too (circuits: RevalidatingAuthStateProvider)
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            SessionCookie.KeepSignInFacts(o);
        });
        services.ConfigureApplicationCookie(o => SessionCookie.Configure(o, builder.Environment, config));
        // keys in PostgreSQL: every instance decrypts every cookie, and restarts sign nobody out
        services.AddDataProtection().PersistKeysToDbContext<KoproGoDbContext>().SetApplicationName("KoproGo");

        // Core services
        var appOptions = config.GetSection("App").Get<AppOptions>() ?? new AppOptions();
        services.AddSingleton(appOptions);
        services.AddSingleton(config.GetSection("Smtp").Get<SmtpOptions>() ?? new SmtpOptions());
        services.AddSingleton(config.GetSection("Arrears").Get<KoproGo.Core.Features.Calls.ArrearsOptions>() ?? new KoproGo.Core.Features.Calls.ArrearsOptions());
        services.AddSingleton(config.GetSection("Calls").Get<KoproGo.Core.Features.Calls.CallOptions>() ?? new KoproGo.Core.Features.Calls.CallOptions());
        services.AddSingleton(config.GetSection("Budgets").Get<KoproGo.Core.Features.Budgets.BudgetOptions>() ?? new KoproGo.Core.Features.Budgets.BudgetOptions());
        var fileOptions = config.GetSection("FileStore").Get<FileStoreOptions>() ?? new FileStoreOptions();
        services.AddSingleton(fileOptions);
        services.AddSignInRateLimit(config);
        services.AddProxySupport(config);
        services.AddKoproGoCore();
        services.AddSingleton(new SecretProtector(TotpKey.Load(config)));
        services.AddScoped<CurrentActor>();
        services.AddScoped<KoproGo.Web.Components.Shared.BuildingChoice>();
        services.AddScoped<KoproGo.Web.Components.Shared.InputGuard>();
        services.AddScoped<AccountGate>();
        services.AddScoped<DemoData>();
        // Hangfire on the same PostgreSQL (own schema). Every instance runs a server; they share the queues.
        services.AddKoproGoJobs(config, cs);
    }

    public static async Task UseKoproGoAsync(this WebApplication app)
    {
        // first: every later step (rate limits, audit IPs, HTTPS redirects) must see the client, not the proxy
        app.UseProxySupport();
        PdfFonts.EnsureRegistered();
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<KoproGoDbContext>>();
            await using (var db = await factory.CreateDbContextAsync())
                await db.Database.MigrateAsync();
            if (app.Configuration.GetValue("Demo:Seed", false))
                await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(CancellationToken.None);
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(Cultures.Options());
        app.UseNulFreeForms();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapCultureEndpoint();
        app.MapDocumentEndpoints();
        app.MapGet("/healthz", () => Results.Ok("ok"));

        app.UseKoproGoJobs();
    }
}
