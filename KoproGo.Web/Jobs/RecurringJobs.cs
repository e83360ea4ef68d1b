using System.Linq.Expressions;
using Hangfire;

namespace KoproGo.Web.Jobs;

/// <summary>
/// Every recurring job of the features ([RecurringJob]), given to Hangfire with their schedules in Europe/Brussels time (the list
/// with each job's idempotency key is in README "Background jobs").
/// </summary>
public sealed class RecurringJobs(IRecurringJobManager manager) : IRecurringJobs
{
    private static readonly RecurringJobOptions Brussels = new() { TimeZone = BusinessTime.Zone };

    public static void Register(IRecurringJobManager manager) => FeatureModules.AddRecurringJobs(new RecurringJobs(manager));

    public void Add<TJob>(string id, Expression<Func<TJob, Task>> run, string cron) where TJob : notnull =>
        manager.AddOrUpdate(id, run, cron, Brussels);
}
