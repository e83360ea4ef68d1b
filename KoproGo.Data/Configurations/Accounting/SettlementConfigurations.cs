namespace KoproGo.Data.Configurations;

public sealed class YearSettlementConfiguration : IEntityTypeConfiguration<YearSettlement>
{
    public void Configure(EntityTypeBuilder<YearSettlement> b)
    {
        b.ToTable("year_settlements");
        // one statement of charges per year (a new draft replaces the old one; a posted one stays)
        b.HasIndex(x => x.FiscalYearId).IsUnique();
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.SettlementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<FiscalYear>().WithMany().HasForeignKey(x => x.FiscalYearId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SettlementLineConfiguration : IEntityTypeConfiguration<SettlementLine>
{
    public void Configure(EntityTypeBuilder<SettlementLine> b)
    {
        b.ToTable("settlement_lines");
        b.Ignore(x => x.OrdinaryBalance);
        b.Ignore(x => x.ExtraordinaryBalance);
        b.Ignore(x => x.Balance);
        b.HasIndex(x => new { x.SettlementId, x.OwnerId }).IsUnique();
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
