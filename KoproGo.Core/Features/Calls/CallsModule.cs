using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KoproGo.Core.Features.Calls;

/// <summary>What the conventions cannot guess (see <see cref="FeatureModules"/>): the payment poster, the sending options the host may replace.</summary>
public sealed class CallsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<PaymentPosting>();
        services.TryAddSingleton(new CallOptions());
    }
}
