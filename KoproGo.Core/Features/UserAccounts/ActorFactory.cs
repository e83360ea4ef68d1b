namespace KoproGo.Core.Features.UserAccounts;

public interface IActorFactory
{
    /// <summary>The actor for a signed-in user: their memberships, minus those of suspended organisations.</summary>
    Task<Actor?> ForUserAsync(string userId, string? ip, string? userAgent, CancellationToken ct);
}

public sealed class ActorFactory(IKoproGoDbFactory dbFactory) : IActorFactory
{
    public async Task<Actor?> ForUserAsync(string userId, string? ip, string? userAgent, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.ErasedAt == null)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsSuperAdmin, u.LockoutEnd }).FirstOrDefaultAsync(ct);
        if (user is null)
            return null;
        var grants = await (from m in db.Memberships
                            join o in db.Organisations on m.OrganisationId equals o.Id
                            where m.UserId == userId && !o.IsSuspended
                            select m).AsNoTracking().ToListAsync(ct);
        return new Actor(user.Id, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName,
            user.IsSuperAdmin, grants.Select(g => g.ToGrant()).ToList(), ip, userAgent);
    }
}
