using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Polls;

/// <summary>The Polls feature's services and recurring jobs (see <see cref="IFeatureModule"/>).</summary>
public sealed class PollsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<PollService>();
        services.AddScoped<IPollService>(sp => sp.GetRequiredService<PollService>());
        services.AddTransient<PollCloseJob>();
    }

    public void AddRecurringJobs(IRecurringJobs jobs)
    {
        jobs.Add<PollCloseJob>("polls-close", j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
    }
}
