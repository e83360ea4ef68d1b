using System.Text.Json;
using KoproGo.Core.Features.Audit;
using Microsoft.Extensions.Localization;

namespace KoproGo.Web.Features.Audit;

/// <summary>
/// An audit entry as a syndic reads it: the action and the object in the page's language (keys
/// <c>audit.action.&lt;code&gt;</c>, <c>audit.entity.&lt;type&gt;</c>), a link to the object, and the details as text
/// instead of JSON or reason codes. The stored entry keeps its codes: they are the record, this is only how it reads.
/// </summary>
public static partial class AuditText
{
    public static string Action(IStringLocalizer L, string code) =>
        Known(L, $"audit.action.{code}") ?? L["ui.audit.unknown_action", code];

    public static string Entity(IStringLocalizer L, string type) => Known(L, $"audit.entity.{type}") ?? type;

    /// <summary>
    /// The page that shows the object, as the page itself declares with <see cref="ShowsAuditedAttribute"/>, its route
    /// filled with the object's id (<c>{PollId}</c> for a Poll) and its building's (<c>{BuildingId}</c>); otherwise the
    /// building's page; null when there is none to open.
    /// </summary>
    public static string? Link(AuditRow row)
    {
        var inBuilding = row.BuildingId is { } b ? $"/buildings/{b}" : null;
        if (!PageOf.TryGetValue(row.EntityType, out var route))
            return inBuilding;
        var complete = true;
        var link = RouteParameter().Replace(route, m =>
        {
            var name = m.Groups[1].Value;
            if (name == row.EntityType + "Id" && Guid.TryParse(row.EntityId, out var id))
                return id.ToString();
            if (name == "BuildingId" && row.BuildingId is { } building)
                return building.ToString();
            complete = false;
            return "";
        });
        return complete ? link : inBuilding;
    }

    private static readonly IReadOnlyDictionary<string, string> PageOf = typeof(AuditText).Assembly.GetTypes()
        .SelectMany(page => page.GetCustomAttributes(typeof(ShowsAuditedAttribute), false).Cast<ShowsAuditedAttribute>()
            .SelectMany(shows => shows.EntityTypes)
            .Select(type => (Type: type, Route: ((Microsoft.AspNetCore.Components.RouteAttribute)page.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false)[0]).Template)))
        .ToDictionary(p => p.Type, p => p.Route, StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\w+)(?::\w+)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();

    /// <summary>
    /// Details as a sentence: a JSON change list becomes "Field: before → after" lines, a reason code or a list of
    /// text keys (erasure blockers) is translated, anything else is shown as written.
    /// </summary>
    public static string Details(IStringLocalizer L, string? details)
    {
        if (string.IsNullOrWhiteSpace(details))
            return "";
        if (details.StartsWith('{') && TryJson(L, details) is { } changes)
            return changes;
        if (Known(L, $"audit.detail.{details}") is { } reason)
            return reason;
        var parts = details.Split(", ");
        return parts.All(p => Known(L, p) is not null) ? string.Join(" · ", parts.Select(p => L[p].Value)) : details;
    }

    private static string? TryJson(IStringLocalizer L, string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            return string.Join(Environment.NewLine, doc.RootElement.EnumerateObject().Select(p =>
            {
                var name = Known(L, $"audit.field.{p.Name}") ?? p.Name;
                var value = p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("old", out var before) && p.Value.TryGetProperty("new", out var after)
                    ? $"{Shown(before)} → {Shown(after)}"
                    : Shown(p.Value);
                return $"{name}{L["ui.common.colon"]}{value}";
            }));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shown(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : "—",
        _ => value.GetRawText(),
    };

    private static string? Known(IStringLocalizer L, string key)
    {
        var text = L[key];
        return text.ResourceNotFound ? null : text.Value;
    }
}

/// <summary>
/// On a page: the audit log links the entries about these objects (the entity type names the audit writes) to it.
/// Each feature's page says what it shows, so the audit log lists no other feature's pages.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShowsAuditedAttribute(params string[] entityTypes) : Attribute
{
    public IReadOnlyList<string> EntityTypes { get; } = entityTypes;
}
