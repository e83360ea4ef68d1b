using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Notices;

/// <summary>The Notices feature's services and recurring jobs (see <see cref="IFeatureModule"/>).</summary>
public sealed class NoticesModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<INoticeService, NoticeService>();
        services.AddTransient<NoticeExpiryJob>();
    }

    public void AddRecurringJobs(IRecurringJobs jobs)
    {
        jobs.Add<NoticeExpiryJob>("notices-expire", j => j.RunAsync(CancellationToken.None), "0 * * * *");
    }
}
