namespace KoproGo.Core.Features.Notary;

/// <summary>The Notary feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class NotaryTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<NotaryRequest> NotaryRequests => db.Set<NotaryRequest>();
        public DbSet<LegalCase> LegalCases => db.Set<LegalCase>();
    }
}
