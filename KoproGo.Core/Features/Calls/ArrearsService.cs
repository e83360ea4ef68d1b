using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Calls;

/// <param name="InterestToday">Interest not charged yet, from <paramref name="InterestFrom"/> (or the last charge) to today.</param>
/// <param name="InterestFrom">When interest runs from (the due date or the formal notice, per the building's clause); null: not yet.</param>
/// <param name="MissingRateYears">Years without a legal rate: the interest is incomplete and cannot be charged until the rate is entered.</param>
/// <param name="FeesDue">Fees of the reminders sent and not charged yet.</param>
/// <param name="Charged">Interest and fees already posted to the owner's account for this line.</param>
public sealed record ArrearsRow(Guid CallLineId, Guid OwnerId, string OwnerName, string CallTitle, DateOnly DueDate, int FiscalYear, decimal Open, int DaysOverdue,
    decimal InterestToday, ReminderLevel? Level, DateOnly? LastReminderOn, Guid? LastReminderId, string? TrackingNumber, Guid? LetterFileId)
{
    public DateOnly? InterestFrom { get; init; }
    public IReadOnlyList<int> MissingRateYears { get; init; } = [];
    public decimal FeesDue { get; init; }
    public decimal Charged { get; init; }
}

/// <summary>What the arrears tab shows above the list: the building's interest rule and what blocks charging.</summary>
public sealed record ArrearsSettings(Buildings.InterestStart InterestStart, string? InterestClause, bool FeesWithoutBasis, string? FeeContractReference);

public interface IArrearsService
{
    /// <summary>The building's unpaid lines past their due date, with the step reached, aged by the fiscal year of the due date.</summary>
    Task<Result<IReadOnlyList<ArrearsRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result> SetTrackingAsync(Actor actor, Guid reminderId, string? trackingNumber, CancellationToken ct);
    /// <summary>After the formal notice: the file goes to the lawyer or bailiff (a status, recorded and audited).</summary>
    Task<Result> HandToLawyerAsync(Actor actor, Guid callLineId, CancellationToken ct);
    Task<Result<ArrearsSettings>> SettingsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>
    /// The syndic confirms the interest (to today) and the reminders' fees of a line: posted to the owner's working-fund
    /// account (VEN 4101 / 756 interest, 740 fees), shown on their statement and in the next reminder. Refused while a year
    /// has no legal rate; a second confirmation the same day charges nothing more.
    /// </summary>
    Task<Result<decimal>> ChargeAsync(Actor actor, Guid callLineId, CancellationToken ct);
}

public sealed class ArrearsService(IKoproGoDbFactory dbFactory, JournalPoster poster, ArrearsOptions options, TimeProvider clock) : IArrearsService
{
    public async Task<Result<IReadOnlyList<ArrearsRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        var found = await db.StaffBuildingAsync(actor, buildingId, today, ct);
        if (!found.Succeeded)
            return Result<IReadOnlyList<ArrearsRow>>.Fail(found.Errors);
        var building = found.Value;
        var rows = await (from l in db.CallLines.AsNoTracking()
                          join c in db.CallsForFunds on l.CallId equals c.Id
                          join o in db.Owners on l.OwnerId equals o.Id
                          where c.BuildingId == buildingId && c.Status == CallStatus.Sent && l.Paid < l.Total && c.DueDate < today
                          orderby c.DueDate
                          select new { Line = l, c.Title, c.DueDate, Owner = o }).ToListAsync(ct);
        var lineIds = rows.Select(r => r.Line.Id).ToList();
        var reminders = await db.Reminders.AsNoTracking().Where(r => lineIds.Contains(r.CallLineId)).ToListAsync(ct);
        var years = await db.FiscalYears.AsNoTracking().Where(y => y.BuildingId == buildingId).ToListAsync(ct);
        var interest = await ArrearsInterest.LoadAsync(db, lineIds, ct);
        return rows.Select(r =>
        {
            var lineReminders = reminders.Where(x => x.CallLineId == r.Line.Id).ToList();
            var last = lineReminders.MaxBy(x => x.Level);
            var year = years.FirstOrDefault(y => y.Contains(r.DueDate))?.Label ?? r.DueDate.Year;
            var due = interest.Due(building.InterestStart, r.Line, r.DueDate, lineReminders, today);
            return new ArrearsRow(r.Line.Id, r.Owner.Id, r.Owner.DisplayName, r.Title, r.DueDate, year, r.Line.Open, today.DayNumber - r.DueDate.DayNumber,
                due.Result.Amount, last?.Level, last?.IssuedOn, last?.Id, last?.TrackingNumber, last?.LetterFileId)
            {
                InterestFrom = due.From,
                MissingRateYears = due.Result.MissingYears,
                FeesDue = Math.Max(0, lineReminders.Sum(x => x.Fee) - interest.FeesCharged(r.Line.Id)),
                Charged = interest.Charged(r.Line.Id),
            };
        }).ToList();
    }

    public Task<Result<ArrearsSettings>> SettingsAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync(actor, buildingId, BuildingRight.Staff, clock.Today(), (_, building) =>
            Task.FromResult(Result.Ok(new ArrearsSettings(building.InterestStart, building.InterestClause, options.FeesWithoutBasis, Text.Clean(options.ContractReference)))), ct);

    public async Task<Result<decimal>> ChargeAsync(Actor actor, Guid callLineId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await (from l in db.CallLines
                         join c in db.CallsForFunds on l.CallId equals c.Id
                         join o in db.Owners on l.OwnerId equals o.Id
                         where l.Id == callLineId
                         select new { Line = l, c.BuildingId, c.DueDate, c.Title, Owner = o }).AsNoTracking().FirstOrDefaultAsync(ct);
        if (row is null)
            return Errors.NotFoundError;
        var found = await db.ManagedBuildingAsync(actor, row.BuildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<decimal>.Fail(found.Errors);
        var building = found.Value;
        // two confirmations at once: the second waits, then finds the interest charged to today
        await db.LockAsync<CallLine>(callLineId, ct);
        var today = clock.Today();
        var reminders = await db.Reminders.AsNoTracking().Where(r => r.CallLineId == callLineId).ToListAsync(ct);
        var interest = await ArrearsInterest.LoadAsync(db, [callLineId], ct);
        var due = interest.Due(building.InterestStart, row.Line, row.DueDate, reminders, today);
        if (due.Result.Blocked)
            return Error.Of("error.interest_rate_missing", string.Join(", ", due.Result.MissingYears));
        var fees = Math.Max(0, reminders.Sum(r => r.Fee) - interest.FeesCharged(callLineId));
        if (due.Result.Amount + fees <= 0)
            return 0m;
        var accounts = await db.Accounts.Where(a => a.OrganisationId == building.OrganisationId
                && (a.Code == StandardChart.OwnersWorking || a.Code == StandardChart.LateInterest || a.Code == StandardChart.OtherIncome))
            .ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        List<LineDraft> lines = [new() { AccountId = accounts[StandardChart.OwnersWorking], OwnerId = row.Owner.Id, Debit = due.Result.Amount + fees }];
        if (due.Result.Amount > 0)
            lines.Add(new() { AccountId = accounts[StandardChart.LateInterest], Credit = due.Result.Amount });
        if (fees > 0)
            lines.Add(new() { AccountId = accounts[StandardChart.OtherIncome], Credit = fees });
        var posted = await poster.PostAsync(db, actor, building.OrganisationId, new EntryDraft
        {
            BuildingId = building.Id,
            Date = today,
            Journal = Journal.VEN,
            Kind = EntryKind.Manual,
            Description = Texts.Get("accounting.arrears_charge", building.Language, row.Title, row.Owner.DisplayName),
            Lines = lines,
        }, ct);
        if (!posted.Succeeded)
            return Result<decimal>.Fail(posted.Errors);
        db.Set<ArrearsCharge>().Add(ArrearsCharge.Record(callLineId, row.Owner.Id, building.Id, today, due.Result.Amount, fees, posted.Value.Id, clock.GetUtcNow()));
        db.Audit(actor, clock, "arrears.charged", nameof(ArrearsCharge), callLineId, building.OrganisationId, building.Id,
            $"interest {due.Result.Amount:0.00} to {today:yyyy-MM-dd}, fees {fees:0.00}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Result.Amount + fees;
    }

    public async Task<Result> SetTrackingAsync(Actor actor, Guid reminderId, string? trackingNumber, CancellationToken ct)
    {
        if (Text.Clean(trackingNumber) is { Length: > Reminder.TrackingMax })
            return new Error(Errors.TooLong, [Reminder.TrackingMax], "TrackingNumber");
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.Reminders.Where(r => r.Id == reminderId).FindInBuildingAsync(db, actor, r => r.BuildingId, BuildingRight.Books, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (reminder, building) = found.Value;
        reminder.SetTracking(trackingNumber);
        db.Audit(actor, clock, "reminder.tracking", nameof(Reminder), reminder.Id, building.OrganisationId, reminder.BuildingId, reminder.TrackingNumber);
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
/// <summary>What the interest of call lines depends on besides the line: the payments on them and what was charged already.</summary>
internal sealed class ArrearsInterest
{
    private ILookup<Guid, (DateOnly Date, decimal Amount)> _payments = null!;
    private ILookup<Guid, ArrearsCharge> _charges = null!;
    private Dictionary<int, decimal> _rates = null!;

    public static async Task<ArrearsInterest> LoadAsync(IKoproGoDb db, IReadOnlyCollection<Guid> lineIds, CancellationToken ct)
    {
        var allocations = await db.Set<PaymentAllocation>().AsNoTracking().Where(a => lineIds.Contains(a.CallLineId)).ToListAsync(ct);
        var charges = await db.Set<ArrearsCharge>().AsNoTracking().Where(c => lineIds.Contains(c.CallLineId)).ToListAsync(ct);
        return new ArrearsInterest
        {
            _payments = allocations.ToLookup(a => a.CallLineId, a => (a.Date, a.Amount)),
            _charges = charges.ToLookup(c => c.CallLineId),
            _rates = await db.LegalInterestRates.ToDictionaryAsync(r => r.Year, r => r.RatePercent, ct),
        };
    }

    /// <summary>Interest not charged yet: from the start (due date or formal notice) or the last charge, to <paramref name="until"/>.</summary>
    public (DateOnly? From, InterestResult Result) Due(Buildings.InterestStart rule, CallLine line, DateOnly dueDate, IReadOnlyList<Reminder> reminders, DateOnly until)
    {
        var notice = reminders.Where(r => r.Level == ReminderLevel.FormalNotice).Select(r => (DateOnly?)r.IssuedOn).Min();
        var start = ArrearsRules.InterestStart(rule, dueDate, notice);
        if (start is null)
            return (null, InterestResult.None);
        var charged = _charges[line.Id].Select(c => (DateOnly?)c.InterestUntil).Max();
        var from = charged is { } c && c > start ? c : start.Value;
        return (start, ArrearsRules.Interest(line.Total, from, _payments[line.Id].ToList(), until, _rates));
    }

    public decimal FeesCharged(Guid lineId) => _charges[lineId].Sum(c => c.Fees);

    public decimal Charged(Guid lineId) => _charges[lineId].Sum(c => c.Interest + c.Fees);
}

[RecurringJob("arrears-reminders", "0 6 * * *")]
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
        // the interest so far (charged or not), as the letter states it: the charging itself is the syndic's confirmation
        var earlier = await db.Reminders.AsNoTracking().Where(r => r.CallLineId == lineId).ToListAsync(ct);
        var notice = level == ReminderLevel.FormalNotice ? today : earlier.Where(r => r.Level == ReminderLevel.FormalNotice).Select(r => (DateOnly?)r.IssuedOn).Min();
        var start = ArrearsRules.InterestStart(row.Building.InterestStart, row.Call.DueDate, notice);
        var allocations = await db.Set<PaymentAllocation>().AsNoTracking().Where(a => a.CallLineId == lineId).Select(a => new { a.Date, a.Amount }).ToListAsync(ct);
        var rates = await db.LegalInterestRates.ToDictionaryAsync(r => r.Year, r => r.RatePercent, ct);
        var interest = start is null ? InterestResult.None
            : ArrearsRules.Interest(row.Line.Total, start.Value, allocations.Select(a => (a.Date, a.Amount)).ToList(), today, rates);
        var reminder = Reminder.Issue(lineId, row.Owner.Id, row.Building.Id, level.Value, today, days, row.Line.Open, interest.Amount, options.FeeFor(level.Value));
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
