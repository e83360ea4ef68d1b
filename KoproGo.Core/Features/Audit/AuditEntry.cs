
namespace KoproGo.Core.Features.Audit;

/// <summary>
/// Who did what, when, from where, on which entity. Append-only: PostgreSQL refuses UPDATE and DELETE (trigger),
/// except the retention purge, which opts in for its own transaction.
/// </summary>
public sealed class AuditEntry
{
    public const int ActionMax = 80, EntityTypeMax = 80, DetailsMax = 4000;

    private AuditEntry() { }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? UserId { get; private set; }
    public string ActorName { get; private set; } = "";
    public Guid? OrganisationId { get; private set; }
    public Guid? BuildingId { get; private set; }
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string? EntityId { get; private set; }
    /// <summary>Free text or JSON (old/new values of a change).</summary>
    public string? Details { get; private set; }
    public string? Ip { get; private set; }
    public string? UserAgent { get; private set; }

    public static AuditEntry Record(Actor actor, DateTimeOffset at, string action, string entityType, object? entityId,
        Guid? organisationId = null, Guid? buildingId = null, string? details = null) => new()
        {
            At = at,
            UserId = actor.UserId,
            ActorName = actor.Name,
            OrganisationId = organisationId,
            BuildingId = buildingId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            Details = details is { Length: > DetailsMax } ? details[..DetailsMax] : details,
            Ip = actor.Ip,
            UserAgent = actor.UserAgent is { Length: > 300 } ua ? ua[..300] : actor.UserAgent,
        };
}
