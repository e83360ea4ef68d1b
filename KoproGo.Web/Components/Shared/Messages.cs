using Microsoft.Extensions.Localization;

namespace KoproGo.Web.Components.Shared;

/// <summary>Turns Core errors into text in the reader's language.</summary>
public static class Messages
{
    public static string Text(IStringLocalizer<Texts> l, Error error) => l[error.Code, error.Args.Select(a => a ?? "").ToArray()];

    public static string Text(IStringLocalizer<Texts> l, IEnumerable<Error> errors) => string.Join(" ", errors.Select(e => Text(l, e)).Distinct());

    /// <summary>Messages that belong to one field, for a MudTextField's ErrorText.</summary>
    public static string? ForField(IStringLocalizer<Texts> l, IReadOnlyList<Error> errors, string field)
    {
        var mine = errors.Where(e => e.Field == field).ToList();
        return mine.Count == 0 ? null : Text(l, mine);
    }

    /// <summary>Messages not tied to a field (or to a field the form does not show), for a summary block.</summary>
    public static string? General(IStringLocalizer<Texts> l, IReadOnlyList<Error> errors, params string[] shownFields)
    {
        var rest = errors.Where(e => e.Field is null || !shownFields.Contains(e.Field)).ToList();
        return rest.Count == 0 ? null : Text(l, rest);
    }
}
