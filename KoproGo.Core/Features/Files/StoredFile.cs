namespace KoproGo.Core.Features.Files;

/// <summary>Metadata of an uploaded file; the bytes live in the file store under <see cref="StorageKey"/>.</summary>
public sealed class StoredFile
{
    public const int FileNameMax = 200;

    private StoredFile() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid? BuildingId { get; private set; }
    /// <summary>The name the user gave, for display and download only; never used as a path.</summary>
    public string FileName { get; private set; } = "";
    /// <summary>Detected from the content bytes, not taken from the browser.</summary>
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string StorageKey { get; private set; } = "";
    public string? UploadedByUserId { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    public static StoredFile Create(Guid organisationId, Guid? buildingId, string fileName, string contentType, long size, string storageKey, string? userId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = organisationId,
        BuildingId = buildingId,
        FileName = SafeName(fileName),
        ContentType = contentType,
        Size = size,
        StorageKey = storageKey,
        UploadedByUserId = userId,
        UploadedAt = now,
    };

    private static string SafeName(string name)
    {
        var clean = new string(Path.GetFileName(name).Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/')).ToArray()).Trim();
        if (clean.Length == 0) clean = "file";
        return clean.Length > FileNameMax ? clean[^FileNameMax..] : clean;
    }
}
