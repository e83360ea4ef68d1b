namespace KoproGo.Data.Configurations;

public sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("files");
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.StorageKey).HasMaxLength(64);
        b.HasIndex(x => x.BuildingId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // not references: a file is kept by id; whom it is about is a copy for the queries
        b.Property(x => x.BuildingId).NotAForeignKey();
        b.Property(x => x.OwnerId).NotAForeignKey();
    }
}
