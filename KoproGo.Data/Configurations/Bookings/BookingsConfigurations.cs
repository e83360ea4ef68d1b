namespace KoproGo.Data.Configurations;

public sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> b)
    {
        b.ToTable("resources");
        b.Ignore(x => x.ByTheDay);
        b.HasIndex(x => x.BuildingId);
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
        // not references: copies for the queries: the booking refers to its resource and its owner
        b.Property(x => x.UserId).NotAForeignKey();
        b.Property(x => x.BuildingId).NotAForeignKey();
    }
}
