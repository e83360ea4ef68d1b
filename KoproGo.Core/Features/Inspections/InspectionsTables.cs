namespace KoproGo.Core.Features.Inspections;

/// <summary>The Inspections feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class InspectionsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Equipment> Equipment => db.Set<Equipment>();
        public DbSet<InspectionRule> InspectionRules => db.Set<InspectionRule>();
        public DbSet<Inspection> Inspections => db.Set<Inspection>();
        public DbSet<InspectionAlert> InspectionAlerts => db.Set<InspectionAlert>();
    }
}
