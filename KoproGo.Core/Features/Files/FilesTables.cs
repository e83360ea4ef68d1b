
namespace KoproGo.Core.Features.Files;

/// <summary>The Files feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class FilesTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<StoredFile> Files => db.Set<StoredFile>();
    }
}
