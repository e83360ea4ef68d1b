using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Skills;

/// <summary>The Skills feature's services (see <see cref="IFeatureModule"/>).</summary>
public sealed class SkillsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<ISkillService, SkillService>();
    }
}
