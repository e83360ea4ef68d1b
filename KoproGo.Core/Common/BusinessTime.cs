namespace KoproGo.Core.Common;

/// <summary>The business calendar is Europe/Brussels; instants are stored in UTC.</summary>
public static class BusinessTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);

    public static DateTime LocalDateTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The Brussels calendar day of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(LocalDateTime(instant));

    /// <summary>The UTC instant of a Brussels wall-clock time (on a DST gap, the hour after; on an overlap, the first).</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        while (Zone.IsInvalidTime(local))
            local = local.AddHours(1);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset StartOfDayUtc(DateOnly date) => ToUtc(date, TimeOnly.MinValue);

    /// <summary>The last second of a Brussels day, in UTC (defined for every day, 9999-12-31 included).</summary>
    public static DateTimeOffset EndOfDayUtc(DateOnly date) => ToUtc(date, new TimeOnly(23, 59, 59));

    /// <summary>
    /// The calendar days a date typed into the product may name. 0001-01-01 or 9999-12-31 are typing slips: refused
    /// with a message, instead of being stored as PostgreSQL's ±infinity or overflowing the next day's computation.
    /// </summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static bool InRange(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool InRange(DateTimeOffset instant) => InRange(DateOnly.FromDateTime(instant.UtcDateTime));
}
