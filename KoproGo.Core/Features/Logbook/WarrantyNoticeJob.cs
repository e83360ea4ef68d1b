using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Logbook;

/// <summary>
/// Every morning (Brussels), SPEC §6.4: a warranty of works that ends within <see cref="Warranty.NoticeDays"/> days
/// tells the building's syndics and board, once — time to have the works looked at and claim before it runs out. The
/// notice is claimed by one conditional UPDATE of the warranty's row: a second run, at once or later, finds none.
/// </summary>
[RecurringJob("warranty-notices", "20 7 * * *")]
public sealed class WarrantyNoticeJob(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock)
{
    public sealed record Claimed(Guid Id, Guid BuildingId, Guid OrganisationId, string Subject, string Contractor, DateOnly EndsOn);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var horizon = today.AddDays(Warranty.NoticeDays);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.SqlQuery<Claimed>($"""
            UPDATE warranties SET notice_sent_at = {now}
             WHERE notice_sent_at IS NULL AND ends_on >= {today} AND ends_on <= {horizon}
            RETURNING id, building_id, organisation_id, subject, contractor, ends_on
            """).ToListAsync(ct);
        foreach (var building in claimed.GroupBy(c => c.BuildingId))
        {
            var name = await db.Buildings.Where(b => b.Id == building.Key).Select(b => b.Name).FirstAsync(ct);
            var organisationId = building.First().OrganisationId;
            var recipients = await db.SyndicsAndBoardAsync(organisationId, building.Key, ct);
            foreach (var w in building)
                await notifications.NotifyUsersAsync(db, recipients, organisationId, NotificationType.System, "notify.warranty_ending",
                    [name, w.Subject, w.Contractor, w.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (w.EndsOn.DayNumber - today.DayNumber).ToString(CultureInfo.InvariantCulture)],
                    $"/logbook?building={building.Key}", ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return claimed.Count;
    }
}
