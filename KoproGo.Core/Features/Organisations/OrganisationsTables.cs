
namespace KoproGo.Core.Features.Organisations;

/// <summary>The Organisations feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class OrganisationsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Organisation> Organisations => db.Set<Organisation>();
    }
}
