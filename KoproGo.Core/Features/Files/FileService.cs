using KoproGo.Core.Features.Tickets;

namespace KoproGo.Core.Features.Files;

public sealed record FileRow(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, DocumentAudience Audience = DocumentAudience.Owners, DocumentKind Kind = DocumentKind.Other);

public sealed record FileDownload(string FileName, string ContentType, Stream Content);

public interface IFileService
{
    /// <summary>A document of the building, uploaded by the syndic for an audience (co-owners by default), who are told.</summary>
    Task<Result<Guid>> UploadBuildingDocumentAsync(Actor actor, Guid buildingId, Stream content, string fileName, CancellationToken ct, DocumentAudience audience = DocumentAudience.Owners,
        DocumentKind kind = DocumentKind.Other);
    /// <summary>Stores a file of the building; a building document is uploaded by the syndic and announced to the owners, an accounting one (an invoice) by whoever keeps the books, silently.</summary>
    Task<Result<Guid>> UploadAsync(Actor actor, Guid buildingId, Stream content, string fileName, FileUse use, CancellationToken ct, DocumentAudience audience = DocumentAudience.Owners,
        DocumentKind kind = DocumentKind.Other);
    /// <summary>Says what a building document is (statutes, insurance contract…): the syndic of its building.</summary>
    Task<Result> ClassifyAsync(Actor actor, Guid fileId, DocumentKind kind, CancellationToken ct);
    /// <summary>The building's documents the actor's role may read (staff all, board from Board, co-owners from Owners, tenants Residents only).</summary>
    Task<Result<IReadOnlyList<FileRow>>> BuildingDocumentsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result<FileDownload>> OpenAsync(Actor actor, Guid fileId, CancellationToken ct);
}

/// <summary>Building documents: uploaded by the syndic, read by everyone who may read the building.</summary>
public sealed class FileService(IKoproGoDbFactory dbFactory, IFileStore store, FileStoreOptions options, TimeProvider clock, INotificationService notifications) : IFileService
{
    public Task<Result<Guid>> UploadBuildingDocumentAsync(Actor actor, Guid buildingId, Stream content, string fileName, CancellationToken ct, DocumentAudience audience = DocumentAudience.Owners,
        DocumentKind kind = DocumentKind.Other) =>
        UploadAsync(actor, buildingId, content, fileName, FileUse.BuildingDocument, ct, audience, kind);

    public async Task<Result<Guid>> UploadAsync(Actor actor, Guid buildingId, Stream content, string fileName, FileUse use, CancellationToken ct, DocumentAudience audience = DocumentAudience.Owners,
        DocumentKind kind = DocumentKind.Other)
    {
        if (!Enum.IsDefined(audience))
            return new Error(Errors.Required, [], "Audience");
        if (!Enum.IsDefined(kind))
            return new Error(Errors.Required, [], "Kind");
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

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (use == FileUse.CommunityPhoto && actor.UserId is not null)
            {
                // the user's uploads queue here, so the daily quota is exact even with parallel uploads
                await db.LockUserAsync(actor.UserId, ct);
                var since = clock.GetUtcNow().AddDays(-1);
                if (await db.Files.CountAsync(f => f.UploadedByUserId == actor.UserId && f.Use == FileUse.CommunityPhoto && f.UploadedAt > since, ct) >= options.PhotosPerDay)
                    return new Error("error.photo_quota", [options.PhotosPerDay]);
            }
            string key;
            await using (var saved = File.OpenRead(temp))
                key = await store.SaveAsync(saved, ct);
            var file = StoredFile.Create(found.Value.OrganisationId, buildingId, fileName, type, size, key, actor.UserId, clock.GetUtcNow(), use, audience: audience,
                kind: use == FileUse.BuildingDocument ? kind : DocumentKind.Other);
            db.Files.Add(file);
            db.Audit(actor, clock, "file.uploaded", nameof(StoredFile), file.Id, found.Value.OrganisationId, buildingId, file.FileName);
            if (use == FileUse.BuildingDocument && audience >= DocumentAudience.Owners)
            {
                var ownerIds = await db.CurrentOwnerIds(buildingId, clock.Today()).ToListAsync(ct);
                await notifications.NotifyOwnersAsync(db, ownerIds, found.Value.OrganisationId, NotificationType.DocumentAdded, "notify.document_added",
                    [file.FileName, found.Value.Name], $"/buildings/{buildingId}", ct);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
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
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null)
            return Errors.NotFoundError;
        var widest = await WidestAudienceAsync(db, actor, building.OrganisationId, buildingId, ct);
        // enums are stored by name: the readable audiences as a list, not a comparison of strings
        var audiences = Enum.GetValues<DocumentAudience>().Where(a => a >= widest).ToList();
        var rows = await db.Files.AsNoTracking().Where(f => f.BuildingId == buildingId && f.Use == FileUse.BuildingDocument && audiences.Contains(f.Audience))
            .OrderByDescending(f => f.UploadedAt)
            .Select(f => new FileRow(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt, f.Audience, f.Kind)).ToListAsync(ct);
        return rows;
    }

    public async Task<Result> ClassifyAsync(Actor actor, Guid fileId, DocumentKind kind, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind))
            return new Error(Errors.Required, [], "Kind");
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.Files.Where(f => f.Id == fileId && f.Use == FileUse.BuildingDocument && f.BuildingId != null)
            .FindInBuildingAsync(db, actor, f => f.BuildingId!.Value, BuildingRight.Manage, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (file, building) = found.Value;
        file.Classify(kind);
        db.Audit(actor, clock, "file.classified", nameof(StoredFile), file.Id, building.OrganisationId, building.Id, kind.ToString());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The narrowest audience whose documents the actor reads (an audience includes all wider ones after it).</summary>
    private async Task<DocumentAudience> WidestAudienceAsync(IKoproGoDb db, Actor actor, Guid organisationId, Guid buildingId, CancellationToken ct)
    {
        if (actor.CanKeepBooks(organisationId, buildingId))
            return DocumentAudience.Staff;
        if (actor.IsStaffOf(organisationId, buildingId))
            return DocumentAudience.Board;
        return await db.OwnerInBuildingAsync(actor, buildingId, clock.Today(), ct) is not null ? DocumentAudience.Owners : DocumentAudience.Residents;
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
        // a contractor does not read the building, only the photos of the tickets given to them
        if (!readable && file.Use == FileUse.CommunityPhoto && actor.UserId is { } me && actor.Grants.Any(g => g.Role == Role.Contractor && g.OrganisationId == file.OrganisationId))
            readable = await db.Tickets.AnyAsync(t => t.ContractorUserId == me && t.PhotoFileIds.Contains(fileId), ct);
        var allowed = readable && file.Use switch
        {
            FileUse.BuildingDocument => file.Audience >= await WidestAudienceAsync(db, actor, file.OrganisationId, file.BuildingId!.Value, ct),
            FileUse.CommunityPhoto => true,
            FileUse.OwnerLetter => actor.IsStaffOf(file.OrganisationId, file.BuildingId) || (file.OwnerId is { } o && actor.OwnerIds.Contains(o)),
            _ => actor.IsStaffOf(file.OrganisationId, file.BuildingId),
        };
        if (!allowed)
            return Errors.NotFoundError;
        return new FileDownload(file.FileName, file.ContentType, await store.OpenReadAsync(file.StorageKey, ct));
    }
}

/// <summary>
/// Daily job: community photos uploaded more than 24 hours ago that no notice, shared object, skill or ticket uses (a dialog
/// closed without saving, a photo taken off a notice) are deleted, rows and bytes. Idempotent: the next run finds
/// nothing more.
/// </summary>
[RecurringJob("photos-cleanup", "20 3 * * *")]
public sealed class RemoveUnusedPhotosJob(IKoproGoDbFactory dbFactory, IFileStore store, TimeProvider clock)
{
    public static readonly TimeSpan Grace = TimeSpan.FromHours(24);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - Grace;
        await using var db = await dbFactory.CreateAsync(ct);
        var unused = await db.Files
            .FromSqlInterpolated($"""
                SELECT f.* FROM files f
                 WHERE f.use = 'CommunityPhoto' AND f.uploaded_at < {before}
                   AND NOT EXISTS (SELECT 1 FROM notices n WHERE f.id = ANY (n.photo_file_ids))
                   AND NOT EXISTS (SELECT 1 FROM shared_objects o WHERE f.id = ANY (o.photo_file_ids))
                   AND NOT EXISTS (SELECT 1 FROM skills s WHERE f.id = ANY (s.certificate_file_ids))
                   AND NOT EXISTS (SELECT 1 FROM tickets t WHERE f.id = ANY (t.photo_file_ids))
                """)
            .ToListAsync(ct);
        foreach (var file in unused)
        {
            db.Files.Remove(file);
            await db.SaveChangesAsync(ct);
            // bytes after the row: a crash in between leaves bytes nobody points to, never a row without bytes
            await store.DeleteAsync(file.StorageKey, ct);
        }
        return unused.Count;
    }
}
