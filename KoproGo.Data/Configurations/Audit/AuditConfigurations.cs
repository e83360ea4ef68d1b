namespace KoproGo.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.ActorName).HasMaxLength(AppUser.DisplayNameMax);
        b.Property(x => x.EntityId).HasMaxLength(64);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.UserAgent).HasMaxLength(300);
        b.HasIndex(x => new { x.OrganisationId, x.Id });
        b.HasIndex(x => x.At);
        // not references: the audit keeps the ids of rows deleted or erased since
        b.Property(x => x.UserId).NotAForeignKey();
        b.Property(x => x.BuildingId).NotAForeignKey();
    }
}
