using KoproGo.Core.Common;
using KoproGo.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Core.Features.Files;

public sealed record FileRow(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt);

public sealed record FileDownload(string FileName, string ContentType, Stream Content);

public interface IFileService
{
    Task<Result<Guid>> UploadBuildingDocumentAsync(Actor actor, Guid buildingId, Stream content, string fileName, CancellationToken ct);
    /// <summary>Stores a file of the building; a building document is uploaded by the syndic and announced to the owners, an accounting one (an invoice) by whoever keeps the books, silently.</summary>
    Task<Result<Guid>> UploadAsync(Actor actor, Guid buildingId, Stream content, string fileName, FileUse use, CancellationToken ct);
    Task<Result<IReadOnlyList<FileRow>>> BuildingDocumentsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result<FileDownload>> OpenAsync(Actor actor, Guid fileId, CancellationToken ct);
}

/// <summary>Building documents: uploaded by the syndic, read by everyone who may read the building.</summary>
public sealed class FileService(IKoproGoDbFactory dbFactory, IFileStore store, FileStoreOptions options, TimeProvider clock, INotificationService notifications) : IFileService
{
    public Task<Result<Guid>> UploadBuildingDocumentAsync(Actor actor, Guid buildingId, Stream content, string fileName, CancellationToken ct) =>
        UploadAsync(actor, buildingId, content, fileName, FileUse.BuildingDocument, ct);

    public async Task<Result<Guid>> UploadAsync(Actor actor, Guid buildingId, Stream content, string fileName, FileUse use, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = use switch
        {
            FileUse.BuildingDocument => await db.ManagedBuildingAsync(actor, buildingId, clock.Today(), ct),
            FileUse.CommunityPhoto => await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct) is { } b
                ? Result<Buildings.Building>.Ok(b) : Errors.NotFoundError,
            _ => await db.BooksBuildingAsync(actor, buildingId, clock.Today(), ct),
        };
        if (!found.Succeeded)
            return Result<Guid>.Fail(found.Errors);

        // stream to a temporary file (never the whole upload in memory), counting and sniffing on the way
        var temp = Path.GetTempFileName();
        try
        {
            long size;
            string? type;
            await using (var tempStream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                size = 0;
                var head = new byte[16];
                var headLength = 0;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(head.Length - headLength, read);
                        Array.Copy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    size += read;
                    if (size > options.MaxBytes)
                        return new Error("error.file_too_large", [options.MaxBytes / (1024 * 1024)]);
                    await tempStream.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                type = FileTypes.Detect(head.AsSpan(0, headLength));
            }
            if (size == 0)
                return new Error("error.file_empty");
            if (type is null)
                return new Error("error.file_type");
            if (use == FileUse.CommunityPhoto && !type.StartsWith("image/", StringComparison.Ordinal))
                return new Error("error.file_not_image");

            string key;
            await using (var saved = File.OpenRead(temp))
                key = await store.SaveAsync(saved, ct);
            var file = StoredFile.Create(found.Value.OrganisationId, buildingId, fileName, type, size, key, actor.UserId, clock.GetUtcNow(), use);
            db.Files.Add(file);
            db.Audit(actor, clock, "file.uploaded", nameof(StoredFile), file.Id, found.Value.OrganisationId, buildingId, file.FileName);
            if (use == FileUse.BuildingDocument)
            {
                var ownerIds = await db.CurrentOwnerIds(buildingId, clock.Today()).ToListAsync(ct);
                await notifications.NotifyOwnersAsync(db, ownerIds, found.Value.OrganisationId, NotificationType.DocumentAdded, "notify.document_added",
                    [file.FileName, found.Value.Name], $"/buildings/{buildingId}", ct);
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch
            {
                await store.DeleteAsync(key, CancellationToken.None);   // no orphan bytes when the metadata is not saved
                throw;
            }
            return file.Id;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<Result<IReadOnlyList<FileRow>>> BuildingDocumentsAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (!await db.ReadableBuildings(actor, clock.Today()).AnyAsync(b => b.Id == buildingId, ct))
            return Errors.NotFoundError;
        var rows = await db.Files.AsNoTracking().Where(f => f.BuildingId == buildingId && f.Use == FileUse.BuildingDocument).OrderByDescending(f => f.UploadedAt)
            .Select(f => new FileRow(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt)).ToListAsync(ct);
        return rows;
    }

    public async Task<Result<FileDownload>> OpenAsync(Actor actor, Guid fileId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null)
            return Errors.NotFoundError;
        var readable = file.BuildingId is { } buildingId
            ? await db.ReadableBuildings(actor, clock.Today()).AnyAsync(b => b.Id == buildingId, ct)
            : actor.IsStaffOf(file.OrganisationId);
        var allowed = readable && file.Use switch
        {
            FileUse.BuildingDocument or FileUse.CommunityPhoto => true,
            FileUse.OwnerLetter => actor.IsStaffOf(file.OrganisationId, file.BuildingId) || (file.OwnerId is { } o && actor.OwnerIds.Contains(o)),
            _ => actor.IsStaffOf(file.OrganisationId, file.BuildingId),
        };
        if (!allowed)
            return Errors.NotFoundError;
        return new FileDownload(file.FileName, file.ContentType, await store.OpenReadAsync(file.StorageKey, ct));
    }
}
