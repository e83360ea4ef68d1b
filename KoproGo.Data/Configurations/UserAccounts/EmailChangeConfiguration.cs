namespace KoproGo.Data.Configurations;

public sealed class EmailChangeConfiguration : IEntityTypeConfiguration<EmailChange>
{
    public void Configure(EntityTypeBuilder<EmailChange> b)
    {
        b.ToTable("email_changes");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.RequestedByUserId).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        // one change waiting per account: a new request cancels the previous one, the index decides races
        b.HasIndex(x => x.UserId).IsUnique().HasFilter("confirmed_at IS NULL AND cancelled_at IS NULL");
    }
}
