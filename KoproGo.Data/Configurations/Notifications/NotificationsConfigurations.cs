namespace KoproGo.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(x => x.TextKey).HasMaxLength(100);
        b.Property(x => x.TextArgs).HasMaxLength(2000);
        b.Property(x => x.Link).HasMaxLength(300);
        b.Property(x => x.AboutUserId).HasMaxLength(64);
        b.Ignore(x => x.Args);
        b.HasIndex(x => new { x.UserId, x.CreatedAt });
        b.HasIndex(x => x.AboutUserId).HasFilter("about_user_id IS NOT NULL");
        b.HasIndex(x => x.AboutOwnerId).HasFilter("about_owner_id IS NOT NULL");
    }
}

public sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ToTable("notification_preferences");
        b.HasKey(x => new { x.UserId, x.Type });
    }
}

public sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> b)
    {
        b.ToTable("outbox_emails");
        b.Property(x => x.ToAddress).HasMaxLength(254);
        b.Property(x => x.ToName).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.RecipientUserId).HasMaxLength(64);
        b.Property(x => x.AboutUserId).HasMaxLength(64);
        b.Ignore(x => x.ShownBody);
        b.HasIndex(x => x.NextAttemptAt).HasFilter("sent_at IS NULL");
        b.HasIndex(x => x.SentAt).HasFilter("sent_at IS NOT NULL");
        b.HasIndex(x => x.RecipientUserId).HasFilter("recipient_user_id IS NOT NULL");
        b.HasIndex(x => x.RecipientOwnerId).HasFilter("recipient_owner_id IS NOT NULL");
    }
}
