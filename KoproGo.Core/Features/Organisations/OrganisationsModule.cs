using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Organisations;

/// <summary>The Organisations feature's services (see <see cref="IFeatureModule"/>).</summary>
public sealed class OrganisationsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IOrganisationService, OrganisationService>();
    }
}
