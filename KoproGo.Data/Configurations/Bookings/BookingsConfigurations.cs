namespace KoproGo.Data.Configurations;

public sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> b)
    {
        b.ToTable("resources");
        b.Ignore(x => x.ByTheDay);
        b.HasIndex(x => x.BuildingId);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> b)
    {
        // the no-overlap exclusion constraint (btree_gist) is added in SQL by the migration: EF has no model for it
        b.ToTable("bookings", t => t.HasCheckConstraint("ck_bookings_period", "ends_at > starts_at"));
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => new { x.OwnerId, x.Status });
        b.HasIndex(x => new { x.Status, x.StartsAt });
        b.HasIndex(x => new { x.BuildingId, x.Status });
        b.HasOne<Resource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
