namespace KoproGo.Core.Features.Files;

/// <summary>What a file is for, which decides who may upload and read it. CommunityPhoto: a picture on the notice board or in the library, by and for the building's residents.</summary>
public enum FileUse { BuildingDocument, Accounting, OwnerLetter, CommunityPhoto }

/// <summary>
/// Who reads a building document (SPEC §6.6), each level including the ones before: the syndic's office, plus the
/// board, plus the co-owners, plus the occupants (tenants: house rules, notices for residents). Default: co-owners.
/// </summary>
public enum DocumentAudience { Staff, Board, Owners, Residents }

/// <summary>What a building document is (SPEC §6.6): the library is searched by it, and the notary's information lists the statutes, rules, minutes and contracts by it.</summary>
public enum DocumentKind { Other, Statutes, InternalRules, Minutes, Insurance, ServiceContract, Plan, Certificate, PostInterventionFile }

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
    /// <summary>Who may read it: the building's people (documents), its staff (invoices), or one owner (their letters).</summary>
    public FileUse Use { get; private set; }
    /// <summary>For an owner's letter (a call for funds): the only owner who may read it, beside the staff.</summary>
    public Guid? OwnerId { get; private set; }
    /// <summary>For a building document: who reads it.</summary>
    public DocumentAudience Audience { get; private set; } = DocumentAudience.Owners;
    public DocumentKind Kind { get; private set; }

    public static StoredFile Create(Guid organisationId, Guid? buildingId, string fileName, string contentType, long size, string storageKey, string? userId, DateTimeOffset now,
        FileUse use = FileUse.BuildingDocument, Guid? ownerId = null, DocumentAudience audience = DocumentAudience.Owners, DocumentKind kind = DocumentKind.Other) => new()
        {
            Use = use,
            Kind = kind,
            Audience = audience,
            OwnerId = ownerId,
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

    public void Classify(DocumentKind kind) => Kind = kind;

    private static string SafeName(string name)
    {
        var clean = new string(Path.GetFileName(name).Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/')).ToArray()).Trim();
        if (clean.Length == 0) clean = "file";
        return clean.Length > FileNameMax ? clean[^FileNameMax..] : clean;
    }
}
