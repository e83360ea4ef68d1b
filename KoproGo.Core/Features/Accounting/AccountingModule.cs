namespace KoproGo.Core.Features.Accounting;

/// <summary>What the conventions cannot guess (see <see cref="FeatureModules"/>): the poster other features use by type.</summary>
public sealed class AccountingModule : IFeatureModule
{
    public void AddServices(IServiceCollection services) => services.AddScoped<JournalPoster>();
}
