using KoproGo.Core.Common;

namespace KoproGo.Core.Features.Calls;

/// <summary>The steps of SPEC §4.4: a friendly reminder at 15 days overdue, a formal one at 30, a formal notice at 60, then the lawyer.</summary>
public enum ReminderLevel { FirstReminder = 1, SecondReminder = 2, FormalNotice = 3, Lawyer = 4 }

public static class ArrearsRules
{
    public static readonly IReadOnlyList<(int Days, ReminderLevel Level)> Thresholds =
        [(60, ReminderLevel.FormalNotice), (30, ReminderLevel.SecondReminder), (15, ReminderLevel.FirstReminder)];

    /// <summary>The step a line has reached after <paramref name="daysOverdue"/> days (null before the 15th day).</summary>
    public static ReminderLevel? LevelFor(int daysOverdue) =>
        Thresholds.Where(t => daysOverdue >= t.Days).Select(t => (ReminderLevel?)t.Level).FirstOrDefault();

    /// <summary>
    /// Late-payment interest: amount × legal rate × days / 365, day by day with the rate of each calendar year
    /// (Belgian legal civil rate: 4.5 % in 2025 and 2026), from the day after the due date to <paramref name="until"/>
    /// included. 1,000 € over 365 days at 4.5 % → 45.00 €.
    /// </summary>
    public static decimal Interest(decimal amount, DateOnly due, DateOnly until, IReadOnlyDictionary<int, decimal> ratesPercent)
    {
        if (until <= due || amount <= 0)
            return 0m;
        var total = 0m;
        for (var year = due.Year; year <= until.Year; year++)
        {
            var from = year == due.Year ? due.AddDays(1) : new DateOnly(year, 1, 1);
            var to = year == until.Year ? until : new DateOnly(year, 12, 31);
            var days = to.DayNumber - from.DayNumber + 1;
            if (days > 0)
                total += amount * ratesPercent.GetValueOrDefault(year, ratesPercent.Count > 0 ? ratesPercent[ratesPercent.Keys.Max()] : 0m) / 100m * days / 365m;
        }
        return Money.Cents(total);
    }
}

/// <summary>The legal interest rate of a calendar year (percent), kept in the database so a new year is one row.</summary>
public sealed class LegalInterestRate
{
    public int Year { get; set; }
    public decimal RatePercent { get; set; }
}

/// <summary>One reminder step sent for an unpaid call line: its amounts on that day, the letter, and the registered-letter number.</summary>
public sealed class Reminder
{
    public const int TrackingMax = 40;

    private Reminder() { }

    public Guid Id { get; private set; }
    public Guid CallLineId { get; private set; }
    public Guid OwnerId { get; private set; }
    public Guid BuildingId { get; private set; }
    public ReminderLevel Level { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    public int DaysOverdue { get; private set; }
    public decimal Open { get; private set; }
    public decimal Interest { get; private set; }
    public decimal Fee { get; private set; }
    public Guid? LetterFileId { get; private set; }
    /// <summary>The post's number of a registered letter (formal notice), typed in by the syndic.</summary>
    public string? TrackingNumber { get; private set; }

    public decimal Total => Open + Interest + Fee;

    public static Reminder Issue(Guid callLineId, Guid ownerId, Guid buildingId, ReminderLevel level, DateOnly on, int daysOverdue, decimal open, decimal interest, decimal fee) => new()
    {
        Id = Guid.CreateVersion7(),
        CallLineId = callLineId,
        OwnerId = ownerId,
        BuildingId = buildingId,
        Level = level,
        IssuedOn = on,
        DaysOverdue = daysOverdue,
        Open = open,
        Interest = interest,
        Fee = fee,
    };

    public void AttachLetter(Guid fileId) => LetterFileId = fileId;

    public void SetTracking(string? number) => TrackingNumber = Text.Clean(number);
}

/// <summary>Flat fees of the syndic contract per step (section "Arrears"); the interest rates are in the database.</summary>
public sealed class ArrearsOptions
{
    public decimal FirstReminderFee { get; set; }
    public decimal SecondReminderFee { get; set; } = 15m;
    public decimal FormalNoticeFee { get; set; } = 35m;

    public decimal FeeFor(ReminderLevel level) => level switch
    {
        ReminderLevel.FirstReminder => FirstReminderFee,
        ReminderLevel.SecondReminder => SecondReminderFee,
        ReminderLevel.FormalNotice => FormalNoticeFee,
        _ => 0m,
    };
}
