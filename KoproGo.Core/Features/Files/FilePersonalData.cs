namespace KoproGo.Core.Features.Files;

/// <summary>
/// Metadata of the files the person uploaded. The files are the co-ownership's documents and stay after an erasure;
/// only the account id (itself pseudonymous once the account is erased) points to the uploader.
/// </summary>
public sealed class FilePersonalData : IPersonalDataContributor
{
    public string Section => "documents";

    public async Task<object?> ExportAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct) =>
        await db.Files.AsNoTracking().Where(f => f.UploadedByUserId == subject.UserId).OrderBy(f => f.UploadedAt)
            .Select(f => new { f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt }).ToListAsync(ct);

    public Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, DateOnly today, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ErasureBlocker>>([]);

    public Task AnonymiseAsync(IKoproGoDb db, DataSubject subject, string pseudonym, DateTimeOffset now, CancellationToken ct) => Task.CompletedTask;
}
