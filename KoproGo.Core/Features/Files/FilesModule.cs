using KoproGo.Core.Features.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Files;

/// <summary>The Files feature's services and recurring jobs (see <see cref="IFeatureModule"/>).</summary>
public sealed class FilesModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IFileService, FileService>();
        services.AddScoped<IPersonalDataContributor, FilePersonalData>();
        services.AddTransient<RemoveUnusedPhotosJob>();
    }

    public void AddRecurringJobs(IRecurringJobs jobs)
    {
        jobs.Add<RemoveUnusedPhotosJob>("photos-cleanup", j => j.RunAsync(CancellationToken.None), "20 3 * * *");
    }
}
