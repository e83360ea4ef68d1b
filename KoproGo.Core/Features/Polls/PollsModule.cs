namespace KoproGo.Core.Features.Polls;

/// <summary>What the conventions cannot guess (see <see cref="FeatureModules"/>): the closing job uses the service's own notifier, so one instance serves both types.</summary>
public sealed class PollsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<PollService>();
        services.AddScoped<IPollService>(sp => sp.GetRequiredService<PollService>());
    }
}
