namespace KoproGo.Core.Features.Audit;

/// <summary>
/// Audit entries about the person: what they did and what was done to their account or owner records. The entries
/// stay after an erasure (they are the platform's accountability record, kept for the retention period) with the
/// person's name, email, IP address and browser replaced by the pseudonym.
/// </summary>
public sealed class AuditPersonalData : IPersonalDataContributor
{
    public string Section => "audit";

    public async Task<object?> ExportAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct)
    {
        var ownerIds = subject.OwnerIds.Select(o => o.ToString()).ToList();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.UserId == subject.UserId
                        || (a.EntityType == "User" && a.EntityId == subject.UserId)
                        || (a.EntityType == "Owner" && ownerIds.Contains(a.EntityId!)))
            .OrderBy(a => a.Id)
            .ToListAsync(ct);
        // the details of what the person did to others' records (a syndic editing an owner) are about those others; the
        // address and browser of someone who acted on the person's records are that someone's data
        return entries.Select(a =>
        {
            var aboutThem = (a.EntityType == "User" && a.EntityId == subject.UserId) || (a.EntityType == "Owner" && ownerIds.Contains(a.EntityId!));
            var byThem = a.UserId == subject.UserId;
            return new
            {
                a.At,
                a.Action,
                a.EntityType,
                EntityId = aboutThem ? a.EntityId : null,
                Details = aboutThem ? a.Details : null,
                Ip = byThem ? a.Ip : null,
                UserAgent = byThem ? a.UserAgent : null,
                ByThem = byThem,
            };
        }).ToList();
    }

    public Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, DateOnly today, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ErasureBlocker>>([]);

    public async Task AnonymiseAsync(IKoproGoDb db, DataSubject subject, string pseudonym, DateTimeOffset now, CancellationToken ct)
    {
        // the append-only trigger lets this transaction rewrite these four columns, nothing else (DatabaseRules.AuditRedaction)
        await db.Database.ExecuteSqlRawAsync("SET LOCAL koprogo.audit_redact = 'on'", ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE audit_entries SET actor_name = {pseudonym}, ip = NULL, user_agent = NULL WHERE user_id = {subject.UserId}", ct);
        // only the entries done by the person or pointing to them; inside those, their own names and addresses
        var references = subject.References.ToArray();
        if (subject.ValuesPattern() is { } pattern)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                UPDATE audit_entries SET details = regexp_replace(details, {pattern}, {pseudonym}, 'gi'),
                                         actor_name = regexp_replace(actor_name, {pattern}, {pseudonym}, 'gi')
                 WHERE (user_id = {subject.UserId} OR entity_id = ANY({references}))
                   AND (details ~* {pattern} OR actor_name ~* {pattern})
                """, ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL koprogo.audit_redact = 'off'", ct);
    }
}
