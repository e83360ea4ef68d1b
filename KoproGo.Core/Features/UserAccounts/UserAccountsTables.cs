
namespace KoproGo.Core.Features.UserAccounts;

/// <summary>The Accounts feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class UserAccountsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<AppUser> Users => db.Set<AppUser>();
        public DbSet<Membership> Memberships => db.Set<Membership>();
        public DbSet<Invitation> Invitations => db.Set<Invitation>();

        /// <summary>Who a building's alerts go to (a certificate, a budget, a warranty): the syndics of the organisation or of the building, and the building's board.</summary>
        public Task<List<string>> SyndicsAndBoardAsync(Guid organisationId, Guid buildingId, CancellationToken ct) =>
            db.Set<Membership>()
                .Where(m => m.OrganisationId == organisationId
                            && ((m.Role == Role.Syndic && (m.BuildingId == null || m.BuildingId == buildingId)) || (m.Role == Role.BoardMember && m.BuildingId == buildingId)))
                .Select(m => m.UserId).Distinct().ToListAsync(ct);
    }
}
