using KoproGo.Core.Features.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Accounting;

/// <summary>The Accounting feature's services (see <see cref="IFeatureModule"/>).</summary>
public sealed class AccountingModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<JournalPoster>();
        services.AddScoped<IAccountingService, AccountingService>();
        services.AddScoped<IAccountingReports, AccountingReports>();
        services.AddScoped<IAccountingExports, AccountingExports>();
        services.AddScoped<ISupplierService, SupplierService>();
        services.AddScoped<IInvoiceService, InvoiceService>();
        services.AddScoped<IYearSettlementService, YearSettlementService>();
        services.AddScoped<IPersonalDataContributor, AccountingPersonalData>();
    }
}
