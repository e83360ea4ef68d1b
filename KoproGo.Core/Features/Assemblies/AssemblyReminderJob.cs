namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// Every morning: the owners of a building whose convened assembly is within three days are reminded of it, once —
/// the meeting's row is claimed by an UPDATE that only one run can win, so two runs at once remind once.
/// </summary>
[RecurringJob("assembly-reminders", "0 9 * * *")]
public sealed class AssemblyReminderJob(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock)
{
    public const int DaysBefore = 3;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = BusinessTime.StartOfDayUtc(clock.Today().AddDays(DaysBefore + 1));
        List<Guid> due;
        await using (var db = await dbFactory.CreateAsync(ct))
            due = await db.Meetings.Where(m => m.Status == MeetingStatus.Convened && m.RemindedAt == null && m.StartsAt > now && m.StartsAt < until)
                .Select(m => m.Id).ToListAsync(ct);
        var reminded = 0;
        foreach (var id in due)
        {
            await using var db = await dbFactory.CreateAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE meetings SET reminded_at = {now} WHERE id = {id} AND reminded_at IS NULL AND status = 'Convened'", ct);
            if (claimed == 0)
                continue;                                   // another run took it, or it was cancelled meanwhile
            var meeting = await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == id, ct);
            var owners = await db.CurrentOwnerIds(meeting.BuildingId, clock.Today()).ToListAsync(ct);
            var building = await db.Buildings.Where(b => b.Id == meeting.BuildingId).Select(b => b.Name).FirstAsync(ct);
            await notifications.NotifyOwnersAsync(db, owners, meeting.OrganisationId, NotificationType.Community, "notify.meeting_reminder",
                [building, BusinessTime.LocalDateTime(meeting.StartsAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)], $"/assemblies/{meeting.Id}", ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            reminded++;
        }
        return reminded;
    }
}
