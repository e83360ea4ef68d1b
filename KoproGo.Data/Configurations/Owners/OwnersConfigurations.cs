namespace KoproGo.Data.Configurations;

public sealed class OwnerConfiguration : IEntityTypeConfiguration<Owner>
{
    public void Configure(EntityTypeBuilder<Owner> b)
    {
        b.ToTable("owners");
        b.Property(x => x.FirstName).HasMaxLength(Owner.NameMax);
        b.Property(x => x.LastName).HasMaxLength(Owner.NameMax);
        b.Property(x => x.CompanyName).HasMaxLength(Owner.CompanyMax);
        b.Property(x => x.PostalAddress).HasMaxLength(Owner.AddressMax);
        b.Ignore(x => x.DisplayName);
        b.HasIndex(x => x.OrganisationId);
        b.HasIndex(x => x.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class OwnershipConfiguration : IEntityTypeConfiguration<Ownership>
{
    public void Configure(EntityTypeBuilder<Ownership> b)
    {
        b.ToTable("ownerships", t =>
        {
            t.HasCheckConstraint("ck_ownerships_percentage", "percentage > 0 AND percentage <= 100");
            t.HasCheckConstraint("ck_ownerships_dates", "end_date IS NULL OR end_date > start_date");
        });
        b.Property(x => x.Percentage).HasPrecision(7, 4);
        b.HasIndex(x => new { x.UnitId, x.EndDate });
        b.HasIndex(x => x.OwnerId);
    }
}
