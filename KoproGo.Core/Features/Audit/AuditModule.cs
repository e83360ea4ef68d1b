using KoproGo.Core.Features.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Audit;

/// <summary>The Audit feature's services and recurring jobs (see <see cref="IFeatureModule"/>).</summary>
public sealed class AuditModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IAuditService, AuditService>();
        services.AddScoped<IPersonalDataContributor, AuditPersonalData>();
        services.AddTransient<PurgeExpiredAuditEntriesJob>();
    }

    public void AddRecurringJobs(IRecurringJobs jobs)
    {
        jobs.Add<PurgeExpiredAuditEntriesJob>("audit-retention", j => j.RunAsync(CancellationToken.None), "0 3 * * *");
    }
}
