using System.Linq.Expressions;
using KoproGo.Core;
using KoproGo.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.IntegrationTests;

/// <summary>What the feature modules declare, checked as a whole: the job list of README "Background jobs", each job resolvable.</summary>
[Collection(DatabaseCollection.Name)]
public class FeatureModuleTests(DatabaseFixture fx)
{
    [Fact]
    public void RecurringJobs_OfAllModules_AreTheDocumentedOnes_EachResolvableWithItsSchedule()
    {
        var jobs = new Recorder();
        FeatureModules.AddRecurringJobs(jobs);
        Assert.Equal(
            ["arrears-reminders 0 6 * * *", "assembly-reminders 0 9 * * *", "assembly-request-deadline 5 8 * * *", "audit-retention 0 3 * * *", "bookings-no-show-and-reminders */15 * * * *", "budgets-daily 15 6 * * *", "certificate-expiry 0 7 * * *", "council-terms 30 0 * * *",
             "minutes-deadline 0 8 * * *", "notices-expire 0 * * * *", "outbox-retention 10 3 * * *", "outbox-send * * * * *", "overdue-loan-reminders 0 9 * * *",
             "photos-cleanup 20 3 * * *", "polls-close */5 * * * *", "warranty-notices 20 7 * * *"],
            jobs.Schedules.Order(StringComparer.Ordinal));
        using var scope = fx.Services.CreateScope();
        Assert.All(jobs.Types, t => Assert.NotNull(scope.ServiceProvider.GetService(t)));
    }

    [Fact]
    public void Services_OfEveryFeature_AreRegisteredByConvention()
    {
        // every IXService / IXReports … interface of a feature has its class X behind it, and each GDPR contributor joins
        var interfaces = typeof(FeatureModules).Assembly.GetTypes()
            .Where(t => t.IsInterface && t.IsPublic && t.Namespace!.StartsWith("KoproGo.Core.Features.", StringComparison.Ordinal)
                        && t.Assembly.GetTypes().Any(c => c.IsClass && c.Name == t.Name[1..] && t.IsAssignableFrom(c)))
            .ToList();
        Assert.Contains(typeof(KoproGo.Core.Features.Calls.ICallService), interfaces);
        using var scope = fx.Services.CreateScope();
        Assert.All(interfaces, i => Assert.IsType(typeof(FeatureModules).Assembly.GetTypes().Single(c => c.Name == i.Name[1..] && c.IsClass), scope.ServiceProvider.GetRequiredService(i)));
        Assert.Equal(
            ["accounting", "audit", "documents", "notifications", "owners", "community", "tickets", "account"],
            scope.ServiceProvider.GetServices<KoproGo.Core.Features.Privacy.IPersonalDataContributor>().Select(c => c.Section));
    }

    [Fact]
    public async Task Configurations_OfAllFeatures_AreWhatTheMigrationsBuild()
    {
        // a configuration changed (or a type moved namespace) without its migration: the snapshot no longer matches
        await using var db = await fx.Services.GetRequiredService<IDbContextFactory<KoproGoDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(db.Database.HasPendingModelChanges(), "the model differs from the last migration's snapshot: add a migration");
    }

    [Fact]
    public async Task Tables_OfEveryEntity_AreNamedByItsConfiguration()
    {
        // the context has no list of tables: a configuration without ToTable would name its table after the class
        await using var db = await fx.Services.GetRequiredService<IDbContextFactory<KoproGoDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var unnamed = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.ClrType.Namespace!.StartsWith("KoproGo", StringComparison.Ordinal)
                        && e.FindAnnotation(Microsoft.EntityFrameworkCore.Metadata.RelationalAnnotationNames.TableName) is null)
            .Select(e => e.ClrType.Name);
        Assert.Empty(unnamed);
        // and each foreign key is named from the final table names (the migrations' names)
        Assert.Contains(db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys()), fk => fk.GetConstraintName() == "fk_supplier_invoices_suppliers_supplier_id");
        Assert.Contains(db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys()), fk => fk.GetConstraintName() == "fk_backup_codes_asp_net_users_user_id");
    }

    private sealed class Recorder : IRecurringJobs
    {
        public List<string> Schedules { get; } = [];
        public List<Type> Types { get; } = [];

        public void Add<TJob>(string id, Expression<Func<TJob, Task>> run, string cron) where TJob : notnull
        {
            Schedules.Add($"{id} {cron}");
            Types.Add(typeof(TJob));
        }
    }
}
