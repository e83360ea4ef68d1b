
namespace KoproGo.Core.Features.Privacy;

/// <summary>The Privacy feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class PrivacyTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<ConsentRecord> ConsentRecords => db.Set<ConsentRecord>();
    }
}
