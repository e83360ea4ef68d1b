using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Buildings;

/// <summary>The Buildings feature's services (see <see cref="IFeatureModule"/>).</summary>
public sealed class BuildingsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IBuildingService, BuildingService>();
    }
}
