using KoproGo.Core.Features.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Notifications;

/// <summary>The Notifications feature's services and recurring jobs (see <see cref="IFeatureModule"/>).</summary>
public sealed class NotificationsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<INotificationService, NotificationService>();
        services.AddScoped<IPersonalDataContributor, NotificationPersonalData>();
        services.AddTransient<SendOutboxEmailsJob>();
        services.AddTransient<PurgeDeliveredMailsJob>();
    }

    public void AddRecurringJobs(IRecurringJobs jobs)
    {
        jobs.Add<SendOutboxEmailsJob>("outbox-send", j => j.RunAsync(CancellationToken.None), "* * * * *");
        jobs.Add<PurgeDeliveredMailsJob>("outbox-retention", j => j.RunAsync(CancellationToken.None), "10 3 * * *");
    }
}
