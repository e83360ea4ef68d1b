using KoproGo.Core.Features.Audit;

namespace KoproGo.Core.Common;

public static class AuditExtensions
{
    /// <summary>Adds an audit entry to the unit of work: it commits with the change it describes, or not at all.</summary>
    public static void Audit(this IKoproGoDb db, Actor actor, TimeProvider clock, string action, string entityType, object? entityId,
        Guid? organisationId = null, Guid? buildingId = null, string? details = null) =>
        db.AuditEntries.Add(AuditEntry.Record(actor, clock.GetUtcNow(), action, entityType, entityId, organisationId, buildingId, details));
}
