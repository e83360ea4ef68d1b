namespace KoproGo.Data.Configurations;

public sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> b)
    {
        b.ToTable("buildings", t => t.HasCheckConstraint("ck_buildings_total_shares", "total_shares > 0"));
        b.Property(x => x.PostalCode).HasMaxLength(4);
        b.Property(x => x.Version).IsRowVersion();   // PostgreSQL xmin
        b.Property(x => x.WorkingFundHolder).HasMaxLength(Building.HolderMax);
        b.Property(x => x.ReserveFundHolder).HasMaxLength(Building.HolderMax);
        b.Property(x => x.InterestClause).HasMaxLength(Building.ClauseMax);
        b.HasIndex(x => x.Slug).IsUnique();
        b.HasIndex(x => x.OrganisationId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("units", t => t.HasCheckConstraint("ck_units_shares", "shares > 0"));
        b.Property(x => x.Number).HasMaxLength(Unit.NumberMax).UseCollation(Collations.Natural);
        b.Property(x => x.Area).HasPrecision(9, 2);
        b.HasIndex(x => new { x.BuildingId, x.Number }).IsUnique();
    }
}
