namespace KoproGo.Core.Features.Assemblies;

/// <summary>What the conventions cannot guess (see <see cref="FeatureModules"/>): the session service uses the preparation service's meeting lock, so one instance serves both types.</summary>
public sealed class AssembliesModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<AssemblyService>();
        services.AddScoped<ConvocationDelivery>();
        services.AddScoped<IAssemblyService>(sp => sp.GetRequiredService<AssemblyService>());
    }
}
