
namespace KoproGo.Core.Features.Security;

/// <summary>The Security feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class SecurityTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<BackupCode> BackupCodes => db.Set<BackupCode>();
        public DbSet<TwoFactorFailure> TwoFactorFailures => db.Set<TwoFactorFailure>();
    }
}
