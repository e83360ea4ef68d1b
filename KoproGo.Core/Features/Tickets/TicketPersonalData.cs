namespace KoproGo.Core.Features.Tickets;

/// <summary>
/// The problems the person reported, what they wrote on tickets and, for a contractor, their work reports. Erasure keeps the tickets (the building's
/// maintenance history: a leak was fixed) with the person's names and addresses replaced in their texts, and their
/// photos taken off (a picture of a flat is personal).
/// </summary>
public sealed class TicketPersonalData : IPersonalDataContributor
{
    public string Section => "tickets";

    public async Task<object?> ExportAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct)
    {
        var reported = await db.Tickets.AsNoTracking().Where(t => t.ReporterUserId == subject.UserId).OrderBy(t => t.CreatedAt)
            .Select(t => new { t.Title, t.Description, Category = t.Category.ToString(), Status = t.Status.ToString(), t.CreatedAt, t.Rating, Photos = t.PhotoFileIds.Count }).ToListAsync(ct);
        var comments = await db.TicketComments.AsNoTracking().Where(c => c.AuthorUserId == subject.UserId && c.Text != "").OrderBy(c => c.CreatedAt)
            .Select(c => new { c.Text, c.CreatedAt }).ToListAsync(ct);
        // a contractor's own reports (what they did, when, for how much)
        var reports = await db.WorkReports.AsNoTracking().Where(r => r.ContractorUserId == subject.UserId).OrderBy(r => r.StartedAt)
            .Select(r => new { r.WorkDone, r.StartedAt, r.EndedAt, r.Hours, r.MaterialsTotal, Status = r.Status.ToString() }).ToListAsync(ct);
        return new { Reported = reported, Comments = comments, WorkReports = reports };
    }

    public Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, DateOnly today, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ErasureBlocker>>([]);

    public async Task AnonymiseAsync(IKoproGoDb db, DataSubject subject, string pseudonym, DateTimeOffset now, CancellationToken ct)
    {
        await db.Tickets.Where(t => t.ReporterUserId == subject.UserId).ExecuteUpdateAsync(s => s.SetProperty(t => t.PhotoFileIds, new List<Guid>()), ct);
        if (subject.ValuesPattern() is not { } pattern)
            return;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE tickets SET title = regexp_replace(title, {pattern}, {pseudonym}, 'gi'), description = regexp_replace(description, {pattern}, {pseudonym}, 'gi')
             WHERE reporter_user_id = {subject.UserId} AND (title ~* {pattern} OR description ~* {pattern})
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE ticket_comments SET text = regexp_replace(text, {pattern}, {pseudonym}, 'gi')
             WHERE author_user_id = {subject.UserId} AND text ~* {pattern}
            """, ct);
    }

    public async Task<IReadOnlyList<string>> ReferencesAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct) =>
        (await db.Tickets.Where(t => t.ReporterUserId == subject.UserId).Select(t => t.Id).ToListAsync(ct)).Select(id => id.ToString()).ToList();
}
