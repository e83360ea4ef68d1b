
namespace KoproGo.Core.Features.Library;

/// <summary>The Library feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class LibraryTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<SharedObject> SharedObjects => db.Set<SharedObject>();
        public DbSet<Loan> Loans => db.Set<Loan>();
    }
}
