namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// Every morning: the syndics of a meeting whose minutes are not sent are reminded on day 25 and told on day 30 that
/// the legal delay has passed (Art. 3.87 §12), each once — the meeting's row is claimed by an UPDATE only one run wins.
/// </summary>
[RecurringJob("minutes-deadline", "0 8 * * *")]
public sealed class MinutesDeadlineJob(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = clock.Today();
        // reminded from the 25th day after the meeting's day (Brussels); overdue once the 30th, the last day, has passed
        var remindBefore = BusinessTime.StartOfDayUtc(today.AddDays(1 - MinutesRules.RemindOnDay));
        var overdueBefore = BusinessTime.StartOfDayUtc(today.AddDays(-MinutesRules.DaysToSend));
        List<(Guid Id, bool Overdue)> due;
        await using (var db = await dbFactory.CreateAsync(ct))
            due = (await db.Meetings.Where(m => m.Status == MeetingStatus.Closed && m.ClosedAt != null
                    && (m.MinutesRemindedAt == null && m.ClosedAt < remindBefore || m.MinutesOverdueAt == null && m.ClosedAt < overdueBefore))
                .Select(m => new { m.Id, m.ClosedAt }).ToListAsync(ct))
                .Select(m => (m.Id, m.ClosedAt < overdueBefore)).ToList();
        return await DeadlineNotices.SendOnceEachAsync(dbFactory, due,
            (db, id, overdue, now) => overdue
                ? db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE meetings SET minutes_overdue_at = {now}, minutes_reminded_at = coalesce(minutes_reminded_at, {now}) WHERE id = {id} AND minutes_overdue_at IS NULL AND status = 'Closed'", ct)
                : db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE meetings SET minutes_reminded_at = {now} WHERE id = {id} AND minutes_reminded_at IS NULL AND status = 'Closed'", ct),
            async (db, id, overdue) =>
            {
                var meeting = await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == id, ct);
                var building = await db.Buildings.Where(b => b.Id == meeting.BuildingId).Select(b => b.Name).FirstAsync(ct);
                await notifications.NotifySyndicsAsync(db, meeting.OrganisationId, NotificationType.System, overdue ? "notify.minutes_overdue" : "notify.minutes_due",
                    [building, AssemblyService.Day(meeting).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), meeting.MinutesDue!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
                    $"/assemblies/{meeting.Id}", ct);
            }, clock, ct);
    }
}
