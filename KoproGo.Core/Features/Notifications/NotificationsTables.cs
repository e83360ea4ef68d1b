
namespace KoproGo.Core.Features.Notifications;

/// <summary>The Notifications feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class NotificationsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Notification> Notifications => db.Set<Notification>();
        public DbSet<NotificationPreference> NotificationPreferences => db.Set<NotificationPreference>();
        public DbSet<OutboxEmail> OutboxEmails => db.Set<OutboxEmail>();
    }
}
