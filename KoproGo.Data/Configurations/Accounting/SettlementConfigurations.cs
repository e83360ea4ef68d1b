namespace KoproGo.Data.Configurations;

public sealed class YearSettlementConfiguration : IEntityTypeConfiguration<YearSettlement>
{
    public void Configure(EntityTypeBuilder<YearSettlement> b)
    {
        b.ToTable("year_settlements");
        // one statement of charges per year (a new draft replaces the old one; a posted one stays)
        b.HasIndex(x => x.FiscalYearId).IsUnique();
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.SettlementId).OnDelete(DeleteBehavior.Cascade);
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
    }
}
