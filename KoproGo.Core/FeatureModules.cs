using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KoproGo.Core;

/// <summary>
/// A feature's registrations that the conventions of <see cref="FeatureModules"/> cannot guess (a helper used by
/// concrete type, options, one instance behind two types), in <c>Features/&lt;F&gt;/&lt;F&gt;Module.cs</c>. Most features
/// need none.
/// </summary>
public interface IFeatureModule
{
    void AddServices(IServiceCollection services);
}

/// <summary>
/// A job Hangfire runs on a schedule (cron in Europe/Brussels time): the class has <c>RunAsync(CancellationToken)</c>.
/// Hangfire may run it twice or on two instances at once: it must do its work once (README "Background jobs").
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RecurringJobAttribute(string id, string cron) : Attribute
{
    public string Id { get; } = id;
    public string Cron { get; } = cron;
}

/// <summary>The schedule of the recurring jobs; the web host carries it to Hangfire.</summary>
public interface IRecurringJobs
{
    void Add<TJob>(string id, Expression<Func<TJob, Task>> run, string cron) where TJob : notnull;
}

/// <summary>
/// Registration by convention, so that adding a feature edits no shared list (README "Adding a feature"). In the
/// feature folders of Core: a class <c>X</c> implementing <c>IX</c> is the scoped service behind it; every
/// <see cref="IPersonalDataContributor"/> joins the GDPR export and erasure; a class named <c>…Job</c> is a transient
/// job, and with <see cref="RecurringJobAttribute"/> it is scheduled. Modules run first and win.
/// </summary>
public static class FeatureModules
{
    private static readonly IReadOnlyList<Type> FeatureTypes = typeof(FeatureModules).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
                    && t.Namespace?.StartsWith("KoproGo.Core.Features.", StringComparison.Ordinal) == true
                    && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)      // a fixed order: the export's sections do not follow reflection
        .ToList();

    public static IReadOnlyList<IFeatureModule> Modules { get; } = FeatureTypes
        .Where(t => typeof(IFeatureModule).IsAssignableFrom(t))
        .Select(t => (IFeatureModule)Activator.CreateInstance(t)!)
        .ToList();

    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        foreach (var module in Modules)
            module.AddServices(services);
        foreach (var type in FeatureTypes)
        {
            if (type.GetInterface("I" + type.Name) is { } service)
                services.TryAddScoped(service, type);
            if (typeof(IPersonalDataContributor).IsAssignableFrom(type))
                services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPersonalDataContributor), type));
            if (type.Name.EndsWith("Job", StringComparison.Ordinal))
                services.TryAddTransient(type);
        }
        return services;
    }

    public static void AddRecurringJobs(IRecurringJobs jobs)
    {
        var add = typeof(FeatureModules).GetMethod(nameof(AddRecurringJob), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var type in FeatureTypes)
            if (type.GetCustomAttribute<RecurringJobAttribute>() is { } schedule)
                add.MakeGenericMethod(type).Invoke(null, [jobs, schedule]);
    }

    private static void AddRecurringJob<TJob>(IRecurringJobs jobs, RecurringJobAttribute schedule) where TJob : notnull
    {
        // j => j.RunAsync(CancellationToken.None): Hangfire passes the server's shutdown token in place of None
        var run = typeof(TJob).GetMethod("RunAsync", [typeof(CancellationToken)]);
        if (run is null || !typeof(Task).IsAssignableFrom(run.ReturnType))
            throw new InvalidOperationException($"{typeof(TJob).Name} is a recurring job without RunAsync(CancellationToken)");
        var job = Expression.Parameter(typeof(TJob), "j");
        var call = Expression.Call(job, run, Expression.Constant(CancellationToken.None));
        jobs.Add(schedule.Id, Expression.Lambda<Func<TJob, Task>>(call, job), schedule.Cron);
    }
}
