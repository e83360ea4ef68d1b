namespace KoproGo.Core.Features.Accounting;

/// <summary>
/// A building's financial year, from its start month (Building.FiscalYearStartMonth) for twelve months. Entries are
/// numbered per year; a closed year accepts no posting (the database refuses it too).
/// </summary>
public sealed class FiscalYear
{
    private FiscalYear() { }

    public Guid Id { get; private set; }
    public Guid BuildingId { get; private set; }
    public DateOnly StartDate { get; private set; }
    /// <summary>Inclusive: the last day of the year.</summary>
    public DateOnly EndDate { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The year in entry numbers: 2026-VEN-000042 for the year that starts in 2026.</summary>
    public int Label => StartDate.Year;
    public bool IsClosed => ClosedAt is not null;
    public bool Contains(DateOnly date) => StartDate <= date && date <= EndDate;

    public static FiscalYear Starting(Guid buildingId, DateOnly start) =>
        new() { Id = Guid.CreateVersion7(), BuildingId = buildingId, StartDate = start, EndDate = start.AddYears(1).AddDays(-1) };

    public void Close(DateTimeOffset now) => ClosedAt ??= now;
}
