namespace KoproGo.Core.Common;

/// <summary>The business calendar is Europe/Brussels; instants are stored in UTC.</summary>
public static class BusinessTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);

    public static DateTime LocalDateTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The UTC instant of a Brussels wall-clock time (on a DST gap, the hour after; on an overlap, the first).</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        while (Zone.IsInvalidTime(local))
            local = local.AddHours(1);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset StartOfDayUtc(DateOnly date) => ToUtc(date, TimeOnly.MinValue);
}
