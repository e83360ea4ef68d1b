
namespace KoproGo.Core.Features.Audit;

public sealed record AuditRow(long Id, DateTimeOffset At, string ActorName, string Action, string EntityType, string? EntityId, Guid? BuildingId, string? Details, string? Ip);

public interface IAuditService
{
    /// <summary>SuperAdmin sees everything; a syndic sees their organisation's entries.</summary>
    Task<Result<Page<AuditRow>>> PageAsync(Actor actor, Guid? organisationId, PageRequest request, CancellationToken ct);
}

public sealed class AuditService(IKoproGoDbFactory dbFactory) : IAuditService
{
    public async Task<Result<Page<AuditRow>>> PageAsync(Actor actor, Guid? organisationId, PageRequest request, CancellationToken ct)
    {
        if (organisationId is null ? !actor.IsSuperAdmin : !actor.CanManage(organisationId.Value))
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (organisationId is not null)
            query = query.Where(a => a.OrganisationId == organisationId);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var p = SearchText.Pattern(request.Search);
            query = query.Where(a => EF.Functions.Like(a.Action.ToLower(), p) || EF.Functions.Like(a.ActorName.ToLower(), p) || EF.Functions.Like((a.Details ?? "").ToLower(), p));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Id).Skip(request.Skip).Take(request.Size)
            .Select(a => new AuditRow(a.Id, a.At, a.ActorName, a.Action, a.EntityType, a.EntityId, a.BuildingId, a.Details, a.Ip))
            .ToListAsync(ct);
        return new Page<AuditRow>(rows, total);
    }
}

/// <summary>
/// Daily job: deletes audit entries past the retention period. The table refuses DELETE unless the transaction
/// sets koprogo.audit_purge, which only this job does. Idempotent: a second run finds nothing to delete.
/// </summary>
[RecurringJob("audit-retention", "0 3 * * *")]
public sealed class PurgeExpiredAuditEntriesJob(IKoproGoDbFactory dbFactory, TimeProvider clock, AppOptions options)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddYears(-options.AuditRetentionYears);
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL koprogo.audit_purge = 'on'", ct);
        var deleted = await db.AuditEntries.Where(a => a.At < cutoff).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return deleted;
    }
}
