using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.Bookings;

/// <summary>The Bookings feature's services and recurring jobs (see <see cref="IFeatureModule"/>).</summary>
public sealed class BookingsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IBookingService, BookingService>();
        services.AddTransient<BookingJob>();
    }

    public void AddRecurringJobs(IRecurringJobs jobs)
    {
        jobs.Add<BookingJob>("bookings-no-show-and-reminders", j => j.RunAsync(CancellationToken.None), "*/15 * * * *");
    }
}
