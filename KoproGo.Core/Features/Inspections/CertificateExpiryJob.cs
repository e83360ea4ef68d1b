using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Inspections;

/// <summary>
/// Every morning at 07:00 (Brussels), SPEC §6.2: each current certificate (or re-inspection date) of an installation
/// in service tells the building's syndics and board, in-app and by email, 90, 60 and 30 days before it runs out, on
/// the day, then every week while it stays expired. Each stage once: the (inspection, stage) key is inserted with ON
/// CONFLICT DO NOTHING and only the run that inserted it writes the notice — a second run, at once or later, sends
/// nothing. One transaction per building, so one building's failure delays no other's.
/// </summary>
[RecurringJob("certificate-expiry", "0 7 * * *")]
public sealed class CertificateExpiryJob(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock)
{
    private sealed record Due(Guid Id, Guid BuildingId, Guid OrganisationId, Guid? EquipmentId, InspectionType Type, DateOnly DueOn);

    public sealed record Claimed(Guid InspectionId, int Stage);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var horizon = today.AddDays(InspectionRules.UpcomingDays);
        List<(Due Due, int Stage)> pending;
        await using (var db = await dbFactory.CreateAsync(ct))
        {
            var equipment = db.Equipment;
            var alerts = db.InspectionAlerts;
            var due = await db.Inspections.AsNoTracking()
                .Where(i => !i.Superseded && i.DueOn != null && i.DueOn <= horizon
                            && (i.EquipmentId == null || equipment.Any(e => e.Id == i.EquipmentId && e.RetiredOn == null)))
                .Select(i => new Due(i.Id, i.BuildingId, i.OrganisationId, i.EquipmentId, i.Type, i.DueOn!.Value))
                .ToListAsync(ct);
            var ids = due.Select(d => d.Id).ToList();
            var sent = (await alerts.Where(a => ids.Contains(a.InspectionId)).Select(a => new { a.InspectionId, a.Stage }).ToListAsync(ct))
                .Select(a => (a.InspectionId, a.Stage)).ToHashSet();
            pending = due.Select(d => (Due: d, Stage: InspectionRules.Stage(d.DueOn, today)))
                .Where(x => x.Stage is { } s && !sent.Contains((x.Due.Id, s)))
                .Select(x => (x.Due, x.Stage!.Value)).ToList();
        }
        var notices = 0;
        foreach (var building in pending.GroupBy(p => p.Due.BuildingId))
            notices += await AlertBuildingAsync(building.Key, building.ToList(), today, ct);
        return notices;
    }

    private async Task<int> AlertBuildingAsync(Guid buildingId, IReadOnlyList<(Due Due, int Stage)> pending, DateOnly today, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = pending.Select(p => p.Due.Id).ToArray();
        var stages = pending.Select(p => p.Stage).ToArray();
        var now = clock.GetUtcNow();
        // only the keys this run inserts are its to announce; a parallel run waits on the unique index, then gets none
        var claimed = (await db.Database.SqlQuery<Claimed>($"""
                INSERT INTO inspection_alerts (inspection_id, stage, sent_at)
                SELECT id, stage, {now} FROM unnest({ids}, {stages}) AS t(id, stage)
                ON CONFLICT DO NOTHING
                RETURNING inspection_id, stage
                """).ToListAsync(ct)).ToHashSet();
        if (claimed.Count == 0)
            return 0;
        var building = await db.Buildings.AsNoTracking().Where(b => b.Id == buildingId).Select(b => new { b.Name, b.Language, b.OrganisationId }).FirstAsync(ct);
        var recipients = await db.SyndicsAndBoardAsync(building.OrganisationId, buildingId, ct);
        var equipmentIds = pending.Where(p => p.Due.EquipmentId is not null).Select(p => p.Due.EquipmentId!.Value).Distinct().ToList();
        var names = await db.Equipment.Where(e => equipmentIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var link = $"/inspections?building={buildingId}";
        foreach (var (due, stage) in pending.Where(p => claimed.Contains(new Claimed(p.Due.Id, p.Stage))))
        {
            // notices are stored as a key and arguments, so the type is named in the building's language
            var what = Texts.Get("enum.InspectionType." + due.Type, building.Language)
                       + (due.EquipmentId is { } e && names.TryGetValue(e, out var name) ? $" ({name})" : "");
            var (key, days) = stage switch
            {
                > 0 => ("notify.certificate_expiring", due.DueOn.DayNumber - today.DayNumber),
                0 when due.DueOn == today => ("notify.certificate_expires_today", 0),
                _ => ("notify.certificate_expired", today.DayNumber - due.DueOn.DayNumber),
            };
            await notifications.NotifyUsersAsync(db, recipients, building.OrganisationId, NotificationType.System, key,
                [building.Name, what, due.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days.ToString(CultureInfo.InvariantCulture)], link, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return claimed.Count;
    }
}
