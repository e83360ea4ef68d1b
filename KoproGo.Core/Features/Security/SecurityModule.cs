using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Security;

/// <summary>The Security feature's services (see <see cref="IFeatureModule"/>).</summary>
public sealed class SecurityModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<ITwoFactorService, TwoFactorService>();
    }
}
