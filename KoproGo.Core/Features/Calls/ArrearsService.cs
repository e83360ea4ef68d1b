using System.Globalization;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Core.Features.Calls;

public sealed record ArrearsRow(Guid CallLineId, Guid OwnerId, string OwnerName, string CallTitle, DateOnly DueDate, int FiscalYear, decimal Open, int DaysOverdue,
    decimal InterestToday, ReminderLevel? Level, DateOnly? LastReminderOn, Guid? LastReminderId, string? TrackingNumber, Guid? LetterFileId);

public interface IArrearsService
{
    /// <summary>The building's unpaid lines past their due date, with the step reached, aged by the fiscal year of the due date.</summary>
    Task<Result<IReadOnlyList<ArrearsRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result> SetTrackingAsync(Actor actor, Guid reminderId, string? trackingNumber, CancellationToken ct);
    /// <summary>After the formal notice: the file goes to the lawyer or bailiff (a status, recorded and audited).</summary>
    Task<Result> HandToLawyerAsync(Actor actor, Guid callLineId, CancellationToken ct);
}

public sealed class ArrearsService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IArrearsService
{
    public async Task<Result<IReadOnlyList<ArrearsRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        var found = await db.StaffBuildingAsync(actor, buildingId, today, ct);
        if (!found.Succeeded)
            return Result<IReadOnlyList<ArrearsRow>>.Fail(found.Errors);
        var rates = await db.LegalInterestRates.ToDictionaryAsync(r => r.Year, r => r.RatePercent, ct);
        var rows = await (from l in db.CallLines.AsNoTracking()
                          join c in db.CallsForFunds on l.CallId equals c.Id
                          join o in db.Owners on l.OwnerId equals o.Id
                          where c.BuildingId == buildingId && c.Status == CallStatus.Sent && l.Paid < l.Total && c.DueDate < today
                          orderby c.DueDate
                          select new { Line = l, c.Title, c.DueDate, Owner = o }).ToListAsync(ct);
        var lineIds = rows.Select(r => r.Line.Id).ToList();
        var reminders = await db.Reminders.AsNoTracking().Where(r => lineIds.Contains(r.CallLineId)).ToListAsync(ct);
        var years = await db.FiscalYears.AsNoTracking().Where(y => y.BuildingId == buildingId).ToListAsync(ct);
        return rows.Select(r =>
        {
            var last = reminders.Where(x => x.CallLineId == r.Line.Id).MaxBy(x => x.Level);
            var year = years.FirstOrDefault(y => y.Contains(r.DueDate))?.Label ?? r.DueDate.Year;
            return new ArrearsRow(r.Line.Id, r.Owner.Id, r.Owner.DisplayName, r.Title, r.DueDate, year, r.Line.Open, today.DayNumber - r.DueDate.DayNumber,
                ArrearsRules.Interest(r.Line.Open, r.DueDate, today, rates), last?.Level, last?.IssuedOn, last?.Id, last?.TrackingNumber, last?.LetterFileId);
        }).ToList();
    }

    public async Task<Result> SetTrackingAsync(Actor actor, Guid reminderId, string? trackingNumber, CancellationToken ct)
    {
        if (Text.Clean(trackingNumber) is { Length: > Reminder.TrackingMax })
            return new Error(Errors.TooLong, [Reminder.TrackingMax], "TrackingNumber");
        await using var db = await dbFactory.CreateAsync(ct);
        var reminder = await db.Reminders.FirstOrDefaultAsync(r => r.Id == reminderId, ct);
        if (reminder is null)
            return Errors.NotFoundError;
        var found = await db.BooksBuildingAsync(actor, reminder.BuildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        reminder.SetTracking(trackingNumber);
        db.Audit(actor, clock, "reminder.tracking", nameof(Reminder), reminder.Id, found.Value.OrganisationId, reminder.BuildingId, reminder.TrackingNumber);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> HandToLawyerAsync(Actor actor, Guid callLineId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var row = await (from l in db.CallLines
                         join c in db.CallsForFunds on l.CallId equals c.Id
                         where l.Id == callLineId
                         select new { Line = l, c.BuildingId, c.DueDate }).FirstOrDefaultAsync(ct);
        if (row is null)
            return Errors.NotFoundError;
        var found = await db.ManagedBuildingAsync(actor, row.BuildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        if (!await db.Reminders.AnyAsync(r => r.CallLineId == callLineId && r.Level == ReminderLevel.FormalNotice, ct))
            return new Error("error.lawyer_needs_notice");
        if (await db.Reminders.AnyAsync(r => r.CallLineId == callLineId && r.Level == ReminderLevel.Lawyer, ct))
            return Result.Ok();
        var today = clock.Today();
        var reminder = Reminder.Issue(callLineId, row.Line.OwnerId, row.BuildingId, ReminderLevel.Lawyer, today, today.DayNumber - row.DueDate.DayNumber, row.Line.Open, 0m, 0m);
        db.Reminders.Add(reminder);
        db.Audit(actor, clock, "reminder.lawyer", nameof(Reminder), reminder.Id, found.Value.OrganisationId, row.BuildingId, $"{row.Line.Open:0.00}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>
/// Daily (Hangfire): every unpaid call line that reached a new step gets it — a reminder letter in the owner's language
/// with the open amount, the interest so far, the step's fee and how to pay; by email for the first two steps when the
/// owner accepts email, and for the post from the second step on (the formal notice is a registered letter). Once per
/// step: a unique index on (line, step) makes a second run, or two servers running it, do nothing more.
/// </summary>
public sealed class ArrearsReminderJob(IKoproGoDbFactory dbFactory, IFileStore store, INotificationService notifications, ArrearsOptions options, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var firstDue = today.AddDays(-15);
        List<Guid> candidates;
        await using (var db = await dbFactory.CreateAsync(ct))
            candidates = await (from l in db.CallLines
                                join c in db.CallsForFunds on l.CallId equals c.Id
                                where c.Status == CallStatus.Sent && l.Paid < l.Total && c.DueDate <= firstDue
                                select l.Id).ToListAsync(ct);
        var issued = 0;
        foreach (var lineId in candidates)
            if (await IssueAsync(lineId, today, ct))
                issued++;
        return issued;
    }

    private async Task<bool> IssueAsync(Guid lineId, DateOnly today, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await (from l in db.CallLines.AsNoTracking()
                         join c in db.CallsForFunds on l.CallId equals c.Id
                         join b in db.Buildings on c.BuildingId equals b.Id
                         join o in db.Owners on l.OwnerId equals o.Id
                         join org in db.Organisations on b.OrganisationId equals org.Id
                         where l.Id == lineId
                         select new { Line = l, Call = c, Building = b, Owner = o, Organisation = org }).FirstAsync(ct);
        var days = today.DayNumber - row.Call.DueDate.DayNumber;
        var level = ArrearsRules.LevelFor(days);
        var reached = await db.Reminders.Where(r => r.CallLineId == lineId).Select(r => (ReminderLevel?)r.Level).MaxAsync(ct);
        if (level is null || (reached is not null && reached >= level))
            return false;
        var rates = await db.LegalInterestRates.ToDictionaryAsync(r => r.Year, r => r.RatePercent, ct);
        var reminder = Reminder.Issue(lineId, row.Owner.Id, row.Building.Id, level.Value, today, days, row.Line.Open,
            ArrearsRules.Interest(row.Line.Open, row.Call.DueDate, today, rates), options.FeeFor(level.Value));
        var now = clock.GetUtcNow();
        var pdf = ReminderLetter.Render(row.Organisation, row.Building, row.Call, row.Line, row.Owner, reminder, now);
        string key;
        using (var stream = new MemoryStream(pdf))
            key = await store.SaveAsync(stream, ct);
        try
        {
            var file = StoredFile.Create(row.Building.OrganisationId, row.Building.Id, $"{row.Building.Slug}-reminder-{level}-{today:yyyy-MM-dd}.pdf", "application/pdf",
                pdf.Length, key, null, now, FileUse.OwnerLetter, row.Owner.Id);
            db.Files.Add(file);
            reminder.AttachLetter(file.Id);
            db.Reminders.Add(reminder);
            if (level <= ReminderLevel.SecondReminder && row.Owner.Email is not null && row.Owner.ConsentsToEmailConvocation)
            {
                var c = CultureInfo.GetCultureInfo(row.Owner.PreferredLanguage);
                var subject = Texts.Get("mail.reminder.subject", c, Texts.Get("enum.ReminderLevel." + level, c), row.Building.Name);
                var body = Texts.Get("mail.reminder.body", c, row.Owner.DisplayName, row.Call.Title, row.Line.Open.ToString("N2", c), days, row.Line.StructuredCommunication, row.Organisation.Name);
                db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(row.Owner.Email, row.Owner.DisplayName, row.Owner.UserId, row.Owner.Id), subject, body, row.Building.OrganisationId, now, file.Id));
            }
            await notifications.NotifyOwnersAsync(db, [row.Owner.Id], row.Building.OrganisationId, NotificationType.CallForFunds, "notify.reminder",
                [row.Call.Title, row.Line.Open.ToString("N2", CultureInfo.InvariantCulture)], "/my-account", ct);
            db.Audit(Actor.System, clock, "reminder.issued", nameof(Reminder), reminder.Id, row.Building.OrganisationId, row.Building.Id, $"{level} {row.Line.Open:0.00} +{reminder.Interest:0.00}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await store.DeleteAsync(key, CancellationToken.None);     // another run issued this step first
            return false;
        }
    }
}
