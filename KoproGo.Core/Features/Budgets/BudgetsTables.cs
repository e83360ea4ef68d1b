
namespace KoproGo.Core.Features.Budgets;

/// <summary>The Budgets feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class BudgetsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Budget> Budgets => db.Set<Budget>();
        public DbSet<BudgetLine> BudgetLines => db.Set<BudgetLine>();
        public DbSet<BudgetAlert> BudgetAlerts => db.Set<BudgetAlert>();
    }
}
