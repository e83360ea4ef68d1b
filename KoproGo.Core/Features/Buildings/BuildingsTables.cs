
namespace KoproGo.Core.Features.Buildings;

/// <summary>The Buildings feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class BuildingsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Building> Buildings => db.Set<Building>();
        public DbSet<Unit> Units => db.Set<Unit>();
    }
}
