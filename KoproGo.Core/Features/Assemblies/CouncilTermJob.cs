using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// Every night: a council member whose term has ended (Art. 3.90 §1: a year, renewable by the next assembly) and who
/// holds no mandate in force in that building loses the BoardMember role their election gave, with a notice to them
/// and to the syndics. The role's row is deleted by a statement only one run wins; a role the member held before
/// being elected, or granted by hand, is not the election's to take back.
/// </summary>
[RecurringJob("council-terms", "30 0 * * *")]
public sealed class CouncilTermJob(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = clock.Today();
        List<Mandate> ended;
        await using (var db = await dbFactory.CreateAsync(ct))
        {
            var mandates = db.Mandates;
            ended = await db.Mandates.AsNoTracking()
                .Where(m => m.Kind == ItemEffect.ElectCouncilMember && m.GrantedMembershipId != null && m.EndsOn < today
                            && !mandates.Any(n => n.Kind == ItemEffect.ElectCouncilMember && n.OwnerId == m.OwnerId && n.BuildingId == m.BuildingId
                                                  && n.StartsOn <= today && today <= n.EndsOn))
                .ToListAsync(ct);
        }
        var withdrawn = 0;
        foreach (var mandate in ended)
        {
            await using var db = await dbFactory.CreateAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var membership = await db.Set<Membership>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == mandate.GrantedMembershipId, ct);
            if (membership is null || await db.Set<Membership>().Where(r => r.Id == membership.Id).ExecuteDeleteAsync(ct) == 0)
                continue;
            // rights taken away: open pages and cookies are checked again at once
            (await db.Users.FirstAsync(u => u.Id == membership.UserId, ct)).RotateSecurityStamp();
            var building = await db.Buildings.Where(b => b.Id == mandate.BuildingId).Select(b => b.Name).FirstAsync(ct);
            var name = (await db.Owners.AsNoTracking().FirstAsync(o => o.Id == mandate.OwnerId, ct)).DisplayName;
            string[] args = [building, mandate.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), name];
            var link = $"/assemblies?building={mandate.BuildingId}";
            db.Audit(Actor.System, clock, "membership.council_ended", nameof(Membership), membership.UserId, mandate.OrganisationId, mandate.BuildingId, args[1]);
            await notifications.NotifyOwnersAsync(db, [mandate.OwnerId!.Value], mandate.OrganisationId, NotificationType.System, "notify.council_term_ended", args, link, ct);
            await notifications.NotifySyndicsAsync(db, mandate.OrganisationId, NotificationType.System, "notify.council_member_ended", args, link, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            withdrawn++;
        }
        return withdrawn;
    }
}
