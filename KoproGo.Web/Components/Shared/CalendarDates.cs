namespace KoproGo.Web.Components.Shared;

/// <summary>
/// The two directions between a calendar date of the model (DateOnly) and the DateTime? that MudBlazor's date picker
/// (hence <c>DateField</c>) works with, written once for every form.
/// </summary>
public static class CalendarDates
{
    public static DateTime? ToPicker(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    public static DateOnly? FromPicker(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;
}
