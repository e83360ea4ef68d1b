using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Documents;

/// <summary>The Documents feature's services (see <see cref="IFeatureModule"/>).</summary>
public sealed class DocumentsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IDocumentService, DocumentService>();
    }
}
