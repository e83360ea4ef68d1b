using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Privacy;

/// <summary>The Privacy feature's services (see <see cref="IFeatureModule"/>).</summary>
public sealed class PrivacyModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IPrivacyService, PrivacyService>();
        services.AddScoped<IPersonalDataContributor, CommunityPersonalData>();
    }
}
