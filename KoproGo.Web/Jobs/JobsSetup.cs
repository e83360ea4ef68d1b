using Hangfire;
using Hangfire.PostgreSql;
using KoproGo.Core.Features.Calls;
using Npgsql;

namespace KoproGo.Web.Jobs;

/// <summary>The <c>Hangfire</c> configuration section. Each value and its reason: README "Background jobs".</summary>
public sealed class JobsOptions
{
    /// <summary>
    /// False only for a second app host in the same process (tests, tools): Hangfire's configuration is process-wide
    /// (log provider, activator, storage), so a second host would replace the first one's and leave it broken when it
    /// is disposed. Such a host runs no server, no dashboard and cannot queue a job.
    /// </summary>
    public bool Enabled { get; set; } = true;
    public int WorkerCount { get; set; } = 2;
    public double QueuePollSeconds { get; set; } = 1.0;
    public string SchemaName { get; set; } = "hangfire";
    /// <summary>Creates or upgrades Hangfire's tables at start-up; off where the deployment runs the migration itself.</summary>
    public bool PrepareSchema { get; set; } = true;
    /// <summary>A job whose instance died is picked up after this; a running job keeps extending it (sliding).</summary>
    public double InvisibilityMinutes { get; set; } = 5;
    /// <summary>A distributed lock older than this counts as abandoned: above the longest hold (Hangfire's own, seconds).</summary>
    public double DistributedLockMinutes { get; set; } = 10;
    /// <summary>Hangfire's own connection pool on each instance (workers + scheduler + dashboard), apart from the app's.</summary>
    public int MaxPoolSize { get; set; } = 10;
}

public static class JobsSetup
{
    public static void AddKoproGoJobs(this IServiceCollection services, IConfiguration config, string connectionString)
    {
        var options = config.GetSection("Hangfire").Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            services.AddSingleton<ICallSendQueue, NoJobsCallSendQueue>();
            return;
        }
        services.AddSingleton<ICallSendQueue, HangfireCallSendQueue>();
        // before anything of Hangfire's is registered: a second Hangfire host in this process is refused here, while
        // building, since resolving Hangfire's services (hosted services are all built before any starts) already
        // replaces the first host's statics
        var claim = HangfireProcessClaim.Take();
        services.AddHostedService(_ => claim);      // the container disposes it with the host: the claim is given back
        var hangfireCs = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "koprogo-hangfire",      // tells its connections apart in pg_stat_activity
            MaxPoolSize = options.MaxPoolSize,
        }.ConnectionString;
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(hangfireCs), new PostgreSqlStorageOptions
            {
                SchemaName = options.SchemaName,
                PrepareSchemaIfNecessary = options.PrepareSchema,
                // no storage, no app: a silent "degraded mode" would accept work it cannot queue
                AllowDegradedModeWithoutStorage = false,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(options.InvisibilityMinutes),
                DistributedLockTimeout = TimeSpan.FromMinutes(options.DistributedLockMinutes),
                // a queued job (a call being sent) should start within a second, not at the default 15-second poll.
                // Not LISTEN/NOTIFY (EnableLongPolling): it needs one more connection per instance, and polling suffices.
                QueuePollInterval = TimeSpan.FromSeconds(options.QueuePollSeconds),
            }));
        if (options.WorkerCount > 0)
            services.AddHangfireServer(o => o.WorkerCount = options.WorkerCount);
    }

    public static void UseKoproGoJobs(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<JobsOptions>().Enabled)
            return;
        // signed out: the sign-in page, then back (the dashboard itself would answer a bare 401)
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/admin/jobs") && http.User.Identity?.IsAuthenticated != true)
            {
                http.Response.Redirect("/Account/Login?returnUrl=" + Uri.EscapeDataString("/admin/jobs"));
                return;
            }
            await next();
        });
        app.UseHangfireDashboard("/admin/jobs", new DashboardOptions
        {
            Authorization = [new SuperAdminDashboardFilter()],
            AppPath = "/",
            DashboardTitle = "KoproGo — jobs",
        });
        RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>());
    }
}

/// <summary>
/// One Hangfire host per process. <c>AddHangfire</c> writes process-wide statics (the log provider built on the host's
/// logger factory, the job activator, the storage); a second host replaces them, and once it is disposed the first
/// host's workers dequeue a job (fetchedat committed) and then fail creating its logger, so the job stays Enqueued,
/// invisible, for the invisibility timeout: the stall seen in E2E runs. A second one is refused, loudly.
/// </summary>
internal sealed class HangfireProcessClaim : IHostedService, IDisposable
{
    private static int _claimed;
    private int _released;

    private HangfireProcessClaim() { }

    public static HangfireProcessClaim Take() =>
        Interlocked.CompareExchange(ref _claimed, 1, 0) == 0
            ? new HangfireProcessClaim()
            : throw new InvalidOperationException("Another app host in this process already runs Hangfire, whose configuration " +
                "is process-wide: build this host with Hangfire:Enabled=false.");

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            Interlocked.Exchange(ref _claimed, 0);
    }
}

/// <summary>The queue of a host that runs no Hangfire (see <see cref="JobsOptions.Enabled"/>): queuing is a configuration error.</summary>
internal sealed class NoJobsCallSendQueue : ICallSendQueue
{
    public void Enqueue(Guid callId, string? userId) =>
        throw new InvalidOperationException("This host runs without Hangfire (Hangfire:Enabled=false) and cannot queue a call.");
}
