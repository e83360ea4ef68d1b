
namespace KoproGo.Core.Features.UserAccounts;

/// <summary>The Accounts feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class UserAccountsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<AppUser> Users => db.Set<AppUser>();
        public DbSet<Membership> Memberships => db.Set<Membership>();
        public DbSet<Invitation> Invitations => db.Set<Invitation>();
    }
}
