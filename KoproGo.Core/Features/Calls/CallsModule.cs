using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KoproGo.Core.Features.Calls;

/// <summary>The Calls feature's services and recurring jobs (see <see cref="IFeatureModule"/>).</summary>
public sealed class CallsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<PaymentPosting>();
        services.TryAddSingleton(new CallOptions());
        services.AddScoped<ICallService, CallService>();
        services.AddTransient<SendCallJob>();
        services.AddScoped<IBankImportService, BankImportService>();
        services.AddScoped<IBankReconciliationService, BankReconciliationService>();
        services.AddScoped<IArrearsService, ArrearsService>();
        services.AddTransient<ArrearsReminderJob>();
    }

    public void AddRecurringJobs(IRecurringJobs jobs)
    {
        jobs.Add<ArrearsReminderJob>("arrears-reminders", j => j.RunAsync(CancellationToken.None), "0 6 * * *");
    }
}
