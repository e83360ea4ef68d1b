
namespace KoproGo.Core.Features.Audit;

/// <summary>The Audit feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class AuditTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<AuditEntry> AuditEntries => db.Set<AuditEntry>();
    }
}
