
namespace KoproGo.Core.Features.Owners;

/// <summary>The Owners feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class OwnersTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Owner> Owners => db.Set<Owner>();
        public DbSet<Ownership> Ownerships => db.Set<Ownership>();
    }
}
