namespace KoproGo.Data.Configurations;

public sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> b)
    {
        b.ToTable("budgets", t => t.HasCheckConstraint("ck_budgets_reserve", "reserve >= 0"));
        b.Property(x => x.AssemblyReference).HasMaxLength(Budget.ReferenceMax);
        b.Property(x => x.RejectionReason).HasMaxLength(Budget.ReasonMax);
        b.Ignore(x => x.Ordinary);
        b.Ignore(x => x.Extraordinary);
        b.Ignore(x => x.Total);
        // one budget per fiscal year, hence at most one active per building and year
        b.HasIndex(x => x.FiscalYearId).IsUnique();
        b.HasIndex(x => x.BuildingId);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.ToTable("budget_lines", t => t.HasCheckConstraint("ck_budget_lines_amount", "amount >= 0"));
        b.HasIndex(x => new { x.BudgetId, x.AccountId }).IsUnique();
    }
}

public sealed class BudgetAlertConfiguration : IEntityTypeConfiguration<BudgetAlert>
{
    public void Configure(EntityTypeBuilder<BudgetAlert> b)
    {
        b.ToTable("budget_alerts");
        b.Property(x => x.VariancePercent).HasPrecision(12, 2);
        // one alert per line (the total has no account) until the variance falls back
        b.HasIndex(x => new { x.BudgetId, x.AccountId }).IsUnique().AreNullsDistinct(false);
        b.HasOne<Budget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Cascade);
    }
}
