namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// Every morning: a request for an assembly that a fifth of the shares signed and no convened meeting answers yet
/// reminds the syndics on day 25; once day 30 has passed, the syndics and the signatories are told that one of the
/// signatories may now convene the assembly (Art. 3.87 §2). Each notice once — the request's row is claimed by an
/// UPDATE only one run wins.
/// </summary>
[RecurringJob("assembly-request-deadline", "5 8 * * *")]
public sealed class RequestDeadlineJob(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = clock.Today();
        List<(Guid Id, bool Overdue)> due;
        await using (var db = await dbFactory.CreateAsync(ct))
        {
            // the requests that stand and no convened meeting answers, in one query
            var meetings = db.Meetings;
            var standing = await db.AssemblyRequests.AsNoTracking()
                .Where(r => r.ReachedAt != null && r.OverdueAt == null && !meetings.Any(m => m.Id == r.MeetingId && OwnerRequestService.Convened.Contains(m.Status)))
                .ToListAsync(ct);
            due = standing
                .Select(r => (r.Id, Overdue: today > r.ConveneBy,
                    Remind: r.RemindedAt is null && today >= BusinessTime.LocalDate(r.ReachedAt!.Value).AddDays(OwnerRequestRules.RemindOnDay)))
                .Where(r => r.Overdue || r.Remind).Select(r => (r.Id, r.Overdue)).ToList();
        }
        return await DeadlineNotices.SendOnceEachAsync(dbFactory, due,
            (db, id, overdue, now) => overdue
                ? db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE assembly_requests SET overdue_at = {now}, reminded_at = coalesce(reminded_at, {now}) WHERE id = {id} AND overdue_at IS NULL", ct)
                : db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE assembly_requests SET reminded_at = {now} WHERE id = {id} AND reminded_at IS NULL", ct),
            async (db, id, overdue) =>
            {
                var request = await db.AssemblyRequests.AsNoTracking().FirstAsync(r => r.Id == id, ct);
                var building = await db.Buildings.Where(b => b.Id == request.BuildingId).Select(b => new { b.Id, b.Name }).FirstAsync(ct);
                string[] args = [building.Name, request.Reason, request.ConveneBy!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
                var link = $"/assemblies/requests?building={building.Id}";
                await notifications.NotifySyndicsAsync(db, request.OrganisationId, NotificationType.System,
                    overdue ? "notify.assembly_request_overdue" : "notify.assembly_request_due", args, link, ct);
                if (overdue)
                {
                    var signatories = await db.AssemblyRequestSignatures.Where(s => s.RequestId == id).Select(s => s.OwnerId).ToListAsync(ct);
                    await notifications.NotifyOwnersAsync(db, signatories, request.OrganisationId, NotificationType.Community, "notify.assembly_request_may_convene", args, link, ct);
                }
            }, clock, ct);
    }
}
