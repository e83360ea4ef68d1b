using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Library;

/// <summary>The Library feature's services and recurring jobs (see <see cref="IFeatureModule"/>).</summary>
public sealed class LibraryModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<ILibraryService, LibraryService>();
        services.AddTransient<OverdueLoanReminderJob>();
    }

    public void AddRecurringJobs(IRecurringJobs jobs)
    {
        jobs.Add<OverdueLoanReminderJob>("overdue-loan-reminders", j => j.RunAsync(CancellationToken.None), "0 9 * * *");
    }
}
