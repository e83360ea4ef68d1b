
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
    /// Late-payment interest (SPEC §4.4): balance × legal rate of the calendar year × days / 365, period by period between
    /// payments — a partial payment lowers the base from its date — from <paramref name="start"/> (the due date or the
    /// formal notice, per the building's clause) to <paramref name="until"/>. A period of n days is the difference of its
    /// two dates; the sum is rounded to the cent once. A year without a rate is never guessed: it is returned in
    /// <see cref="InterestResult.MissingYears"/> and counts nothing.
    /// 1,000 € over 365 days at 4.5 % → 45.00 €; 1,000 € due 1 March, 400 € paid 1 June, open to 31 December → 27.10 €.
    /// </summary>
    public static InterestResult Interest(decimal amount, DateOnly start, IReadOnlyList<(DateOnly Date, decimal Amount)> payments, DateOnly until,
        IReadOnlyDictionary<int, decimal> ratesPercent)
    {
        if (until <= start || amount <= 0)
            return InterestResult.None;
        var balance = amount - payments.Where(p => p.Date <= start).Sum(p => p.Amount);
        var boundaries = payments.Where(p => p.Date > start && p.Date < until).OrderBy(p => p.Date).ToList();
        var total = 0m;
        var missing = new SortedSet<int>();
        var from = start;
        void Period(DateOnly to)
        {
            if (balance <= 0 || to <= from)
                return;
            // the days of (from, to] in each calendar year, at that year's rate
            for (var year = from.AddDays(1).Year; year <= to.Year; year++)
            {
                var first = year == from.AddDays(1).Year ? from : new DateOnly(year - 1, 12, 31);
                var last = year == to.Year ? to : new DateOnly(year, 12, 31);
                var days = last.DayNumber - first.DayNumber;
                if (days <= 0)
                    continue;
                if (ratesPercent.TryGetValue(year, out var rate))
                    total += balance * rate / 100m * days / 365m;
                else
                    missing.Add(year);
            }
        }
        foreach (var payment in boundaries)
        {
            Period(payment.Date);
            from = payment.Date;
            balance -= payment.Amount;
        }
        Period(until);
        return new InterestResult(Money.Cents(total), missing.ToList());
    }

    /// <summary>The day interest starts for a line: its due date when the statutes say so, else the formal notice (null before one).</summary>
    public static DateOnly? InterestStart(Buildings.InterestStart rule, DateOnly due, DateOnly? formalNotice) =>
        rule == Buildings.InterestStart.DueDate ? due : formalNotice;
}

/// <param name="MissingYears">Calendar years of the period without a legal rate in the table: nothing was counted for them.</param>
public sealed record InterestResult(decimal Amount, IReadOnlyList<int> MissingYears)
{
    public static readonly InterestResult None = new(0m, []);
    public bool Blocked => MissingYears.Count > 0;
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

/// <summary>
/// Flat fees per step (section "Arrears"), 0 unless the syndic contract provides them — and then only with that
/// contract's reference (<see cref="ContractReference"/>): a fee without a basis is not charged (SPEC §4.4). The interest
/// rates are in the database.
/// </summary>
public sealed class ArrearsOptions
{
    public const int ReferenceMax = 200;

    public decimal FirstReminderFee { get; set; }
    public decimal SecondReminderFee { get; set; }
    public decimal FormalNoticeFee { get; set; }
    /// <summary>The clause of the syndic contract (or the statutes) that provides the fees, printed on the letters.</summary>
    public string? ContractReference { get; set; }

    /// <summary>Fees are set but have no contract reference: they are not charged, and the arrears tab says so.</summary>
    public bool FeesWithoutBasis => string.IsNullOrWhiteSpace(ContractReference) && (FirstReminderFee > 0 || SecondReminderFee > 0 || FormalNoticeFee > 0);

    public decimal FeeFor(ReminderLevel level) => string.IsNullOrWhiteSpace(ContractReference) ? 0m : level switch
    {
        ReminderLevel.FirstReminder => FirstReminderFee,
        ReminderLevel.SecondReminder => SecondReminderFee,
        ReminderLevel.FormalNotice => FormalNoticeFee,
        _ => 0m,
    };
}

/// <summary>
/// Interest and fees of a call line that the syndic confirmed and posted to the owner's account (VEN 4101 / 756 and
/// 740): until when interest was charged, so the next charge starts there. Never computed into the books silently.
/// </summary>
public sealed class ArrearsCharge
{
    private ArrearsCharge() { }

    public Guid Id { get; private set; }
    public Guid CallLineId { get; private set; }
    public Guid OwnerId { get; private set; }
    public Guid BuildingId { get; private set; }
    public DateOnly InterestUntil { get; private set; }
    public decimal Interest { get; private set; }
    public decimal Fees { get; private set; }
    public Guid EntryId { get; private set; }
    public DateTimeOffset ChargedAt { get; private set; }

    public static ArrearsCharge Record(Guid callLineId, Guid ownerId, Guid buildingId, DateOnly until, decimal interest, decimal fees, Guid entryId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), CallLineId = callLineId, OwnerId = ownerId, BuildingId = buildingId, InterestUntil = until, Interest = interest, Fees = fees, EntryId = entryId, ChargedAt = now };
}
