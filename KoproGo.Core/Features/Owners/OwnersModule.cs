using KoproGo.Core.Features.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Owners;

/// <summary>The Owners feature's services (see <see cref="IFeatureModule"/>).</summary>
public sealed class OwnersModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IOwnerService, OwnerService>();
        services.AddScoped<IPersonalDataContributor, OwnerPersonalData>();
    }
}
