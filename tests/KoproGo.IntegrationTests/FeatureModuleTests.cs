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
        foreach (var module in FeatureModules.All)
            module.AddRecurringJobs(jobs);
        Assert.Equal(
            ["arrears-reminders 0 6 * * *", "audit-retention 0 3 * * *", "bookings-no-show-and-reminders */15 * * * *", "budgets-daily 15 6 * * *",
             "notices-expire 0 * * * *", "outbox-retention 10 3 * * *", "outbox-send * * * * *", "overdue-loan-reminders 0 9 * * *",
             "photos-cleanup 20 3 * * *", "polls-close */5 * * * *"],
            jobs.Schedules.Order(StringComparer.Ordinal));
        using var scope = fx.Services.CreateScope();
        Assert.All(jobs.Types, t => Assert.NotNull(scope.ServiceProvider.GetService(t)));
    }

    [Fact]
    public void Modules_AreOnePerFeatureFolder()
    {
        var features = Directory.GetDirectories(Path.Combine(FakeS3.RepoRoot(), "KoproGo.Core", "Features")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(features, FeatureModules.All.Select(m => m.GetType().Namespace!.Split('.').Last()));
    }

    [Fact]
    public async Task Configurations_OfAllFeatures_AreWhatTheMigrationsBuild()
    {
        // a configuration changed (or a type moved namespace) without its migration: the snapshot no longer matches
        await using var db = await fx.Services.GetRequiredService<IDbContextFactory<KoproGoDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(db.Database.HasPendingModelChanges(), "the model differs from the last migration's snapshot: add a migration");
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
