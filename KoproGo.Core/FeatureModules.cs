using System.Linq.Expressions;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core;

/// <summary>
/// What a feature brings to the app, declared in its own folder (<c>Features/&lt;F&gt;/&lt;F&gt;Module.cs</c>): its
/// services, its GDPR contributor, its recurring jobs with their schedules. Found by <see cref="FeatureModules"/>, so
/// adding a feature edits no shared list (README "Adding a feature").
/// </summary>
public interface IFeatureModule
{
    void AddServices(IServiceCollection services);

    void AddRecurringJobs(IRecurringJobs jobs) { }
}

/// <summary>The schedule a module gives its jobs; the web host carries it to Hangfire. Cron in Europe/Brussels time.</summary>
public interface IRecurringJobs
{
    /// <summary>A job Hangfire may run twice or on two instances at once: it must do its work once (README "Background jobs").</summary>
    void Add<TJob>(string id, Expression<Func<TJob, Task>> run, string cron) where TJob : notnull;
}

public static class FeatureModules
{
    /// <summary>Every module of Core, in a fixed order (by feature name), so that registration does not depend on reflection order.</summary>
    public static IReadOnlyList<IFeatureModule> All { get; } = typeof(FeatureModules).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFeatureModule).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IFeatureModule)Activator.CreateInstance(t)!)
        .ToList();
}
