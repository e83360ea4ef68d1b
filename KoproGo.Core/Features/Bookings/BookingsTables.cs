
namespace KoproGo.Core.Features.Bookings;

/// <summary>The Bookings feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class BookingsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Resource> Resources => db.Set<Resource>();
        public DbSet<Booking> Bookings => db.Set<Booking>();
    }
}
