namespace KoproGo.Core.Features.Logbook;

/// <summary>The Logbook feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class LogbookTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Warranty> Warranties => db.Set<Warranty>();
    }
}
