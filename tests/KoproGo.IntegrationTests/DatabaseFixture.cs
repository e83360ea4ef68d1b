using KoproGo.Core;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Security;
using KoproGo.Core.Features.UserAccounts;
using KoproGo.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace KoproGo.IntegrationTests;

/// <summary>
/// One migrated database on the project's PostgreSQL for the whole assembly, and the Core services wired as in the
/// app. Tests create their own organisation (<see cref="World"/>) so they never see each other's rows.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public static readonly string ServerConnectionString =
        Environment.GetEnvironmentVariable("ConnectionStrings__Default")
        ?? "Host=127.0.0.1;Port=55432;Database=koprogo;Username=koprogo;Password=koprogo";

    private readonly string _database = $"koprogo_it_{Guid.NewGuid():N}"[..30];
    public string ConnectionString { get; private set; } = "";
    private readonly PerTestClock _clock = new();
    /// <summary>The running test's clock (see <see cref="PerTestClock"/>); advancing it moves no other test's time.</summary>
    public FakeTimeProvider Clock => _clock.Current;
    public ServiceProvider Services { get; private set; } = null!;
    public string FileRoot { get; } = Path.Combine(Path.GetTempPath(), "koprogo-it-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        await ExecAsync(ServerConnectionString, $"CREATE DATABASE \"{_database}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddPooledDbContextFactory<KoproGoDbContext>(o => KoproGoDbOptions.Configure(o, ConnectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<KoproGoDbContext>>().CreateDbContext());
        services.AddSingleton<IKoproGoDbFactory, KoproGoDbFactory>();
        services.AddDataProtection();
        services.AddIdentityCore<AppUser>(o => { o.Password.RequiredLength = 10; o.Password.RequireNonAlphanumeric = false; })
            .AddEntityFrameworkStores<KoproGoDbContext>().AddDefaultTokenProviders().AddPasswordValidator<CommonPasswordValidator>();
        services.AddSingleton(new AppOptions { BaseUrl = "https://koprogo.test" });
        services.AddSingleton(new KoproGo.Core.Features.Calls.ArrearsOptions());
        services.AddSingleton(new KoproGo.Core.Features.Budgets.BudgetOptions());
        services.AddSingleton(new FileStoreOptions { Root = FileRoot, MaxBytes = 1024 * 1024 });
        services.AddSingleton(new SmtpOptions());   // no host: nothing is sent; tests hand the job a transport of their own
        services.AddKoproGoCore();
        services.AddSingleton<RecordingSendQueue>();
        services.AddSingleton<KoproGo.Core.Features.Calls.ICallSendQueue>(sp => sp.GetRequiredService<RecordingSendQueue>());
        services.AddSingleton(new SecretProtector(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        Services = services.BuildServiceProvider();

        await using var db = await Services.GetRequiredService<IDbContextFactory<KoproGoDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        PdfFonts.EnsureRegistered();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public SendOutboxEmailsJob OutboxJob(IEmailTransport transport) =>
        new(Get<IKoproGoDbFactory>(), transport, Get<IFileStore>(), Clock, NullLogger<SendOutboxEmailsJob>.Instance);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecAsync(ServerConnectionString, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        if (Directory.Exists(FileRoot))
            Directory.Delete(FileRoot, recursive: true);
    }

    public static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}

/// <summary>Keeps the calls handed to the background sender, for the test to run the job itself.</summary>
public sealed class RecordingSendQueue : KoproGo.Core.Features.Calls.ICallSendQueue
{
    public System.Collections.Concurrent.ConcurrentQueue<(Guid CallId, string? UserId)> Queued { get; } = new();

    public void Enqueue(Guid callId, string? userId) => Queued.Enqueue((callId, userId));
}
