using KoproGo.Core.Features.Security;

namespace KoproGo.Core.Features.UserAccounts;

/// <summary>The account itself: profile, roles, accepted legal texts; erasure anonymises it and closes it for good.</summary>
public sealed class AccountPersonalData : IPersonalDataContributor
{
    public string Section => "account";

    public async Task<object?> ExportAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == subject.UserId, ct);
        var roles = await (from m in db.Memberships.AsNoTracking()
                           join o in db.Organisations on m.OrganisationId equals o.Id
                           where m.UserId == subject.UserId
                           select new
                           {
                               Role = m.Role.ToString(),
                               Organisation = o.Name,
                               Building = db.Set<Building>().Where(b => b.Id == m.BuildingId).Select(b => b.Name).FirstOrDefault(),
                           }).ToListAsync(ct);
        var consents = await db.ConsentRecords.AsNoTracking().Where(c => c.UserId == subject.UserId).OrderBy(c => c.AcceptedAt)
            .Select(c => new { Document = c.Document.ToString(), c.Version, c.AcceptedAt, c.Ip }).ToListAsync(ct);
        return new
        {
            Profile = new
            {
                user.Id,
                user.Email,
                user.DisplayName,
                Phone = user.PhoneNumber,
                user.PostalAddress,
                user.PreferredLanguage,
                user.CreatedAt,
                TwoFactorEnabled = user.TwoFactorEnabled,
                user.ProcessingRestrictedAt,
                user.MarketingObjectedAt,
            },
            Roles = roles,
            Consents = consents,
        };
    }

    public async Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, DateOnly today, CancellationToken ct)
    {
        var isLastAdmin = await db.Users.AnyAsync(u => u.Id == subject.UserId && u.IsSuperAdmin, ct)
                          && !await db.Users.AnyAsync(u => u.Id != subject.UserId && u.IsSuperAdmin && u.ErasedAt == null, ct);
        return isLastAdmin ? [new ErasureBlocker("gdpr.blocker.last_admin")] : [];
    }

    public async Task AnonymiseAsync(IKoproGoDb db, DataSubject subject, string pseudonym, DateTimeOffset now, CancellationToken ct)
    {
        var user = await db.Users.FirstAsync(u => u.Id == subject.UserId, ct);
        var placeholder = $"{pseudonym.ToLowerInvariant()}@erased.invalid";
        user.Email = user.UserName = placeholder;
        user.NormalizedEmail = user.NormalizedUserName = placeholder.ToUpperInvariant();
        user.EmailConfirmed = false;
        user.DisplayName = pseudonym;
        user.PhoneNumber = null;
        user.PostalAddress = null;
        user.PasswordHash = null;
        user.TwoFactorEnabled = false;
        user.TotpSecret = user.TotpPendingSecret = null;
        user.IsSuperAdmin = false;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.SecurityStamp = Guid.NewGuid().ToString("N");     // open sessions end at their next check
        user.ErasedAt = now;
        await db.Memberships.Where(m => m.UserId == subject.UserId).ExecuteDeleteAsync(ct);
        await db.ConsentRecords.Where(c => c.UserId == subject.UserId).ExecuteDeleteAsync(ct);
        await db.BackupCodes.Where(c => c.UserId == subject.UserId).ExecuteDeleteAsync(ct);
        await db.TwoFactorFailures.Where(f => f.UserId == subject.UserId).ExecuteDeleteAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "AspNetUserClaims" WHERE user_id = {subject.UserId}""", ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "AspNetUserLogins" WHERE user_id = {subject.UserId}""", ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "AspNetUserTokens" WHERE user_id = {subject.UserId}""", ct);
        await db.Set<EmailChange>().Where(c => c.UserId == subject.UserId).ExecuteDeleteAsync(ct);
        await db.Set<RoleInvitation>().Where(i => i.UserId == subject.UserId).ExecuteDeleteAsync(ct);
        var emails = subject.Identifiers.Where(i => i.Contains('@', StringComparison.Ordinal)).Select(e => e.ToLowerInvariant()).ToList();
        var owners = subject.OwnerIds.ToList();
        await db.Invitations.Where(i => owners.Contains(i.OwnerId) || emails.Contains(i.Email.ToLower())).ExecuteUpdateAsync(s => s.SetProperty(i => i.Email, placeholder), ct);
    }

    public async Task<IReadOnlyList<string>> ReferencesAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct)
    {
        var owners = subject.OwnerIds.ToList();
        var invitations = await db.Invitations.Where(i => owners.Contains(i.OwnerId)).Select(i => i.Id).ToListAsync(ct);
        var offers = await db.Set<RoleInvitation>().Where(i => i.UserId == subject.UserId).Select(i => i.Id).ToListAsync(ct);
        var changes = await db.Set<EmailChange>().Where(c => c.UserId == subject.UserId).Select(c => c.Id).ToListAsync(ct);
        return invitations.Concat(offers).Concat(changes).Select(i => i.ToString()).ToList();
    }
}
