using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Budgets;

/// <summary>The Budgets feature's services and recurring jobs (see <see cref="IFeatureModule"/>).</summary>
public sealed class BudgetsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IBudgetService, BudgetService>();
        services.AddTransient<BudgetJob>();
    }

    public void AddRecurringJobs(IRecurringJobs jobs)
    {
        jobs.Add<BudgetJob>("budgets-daily", j => j.RunAsync(CancellationToken.None), "15 6 * * *");
    }
}
