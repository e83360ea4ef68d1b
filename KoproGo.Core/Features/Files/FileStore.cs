namespace KoproGo.Core.Features.Files;

/// <summary>Where file bytes live. Local folder by default; an S3-compatible store can implement the same port.</summary>
public interface IFileStore
{
    /// <summary>Stores the stream under a new server-generated key and returns it.</summary>
    Task<string> SaveAsync(Stream content, CancellationToken ct);
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);
    Task DeleteAsync(string key, CancellationToken ct);
}

public enum FileStoreKind { Local, S3 }

public sealed class FileStoreOptions
{
    /// <summary>Local: a folder (one instance, or a folder every instance mounts). S3: a bucket every instance shares.</summary>
    public FileStoreKind Kind { get; set; } = FileStoreKind.Local;
    public string Root { get; set; } = ".data/files";
    public S3StoreOptions S3 { get; set; } = new();
    /// <summary>Largest accepted upload, in bytes (10 MB by default).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>Community photos one user may upload per 24 hours (notice board, library, skills): a full disk is a denial of service too.</summary>
    public int PhotosPerDay { get; set; } = 50;
}

/// <summary>Files under a local folder, sharded by the first characters of a random key (never the user's file name).</summary>
public sealed class LocalFileStore(FileStoreOptions options) : IFileStore
{
    private string Root => Path.GetFullPath(options.Root);

    public async Task<string> SaveAsync(Stream content, CancellationToken ct)
    {
        var key = StorageKeys.New();
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, ct);
        return key;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct) =>
        Task.FromResult<Stream>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key) => Path.Combine(Root, StorageKeys.Checked(key)[..2], key);
}

/// <summary>The keys the stores make: 32 lower-case hex digits, so that no key can name anything else (a path, a prefix).</summary>
public static class StorageKeys
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static string Checked(string key) => key.Length >= 4 && key.All(char.IsAsciiHexDigitLower)
        ? key
        : throw new ArgumentException("Invalid storage key.", nameof(key));
}

/// <summary>The real type of an upload, from its first bytes ("magic numbers"): the name and the browser's type are not trusted.</summary>
public static class FileTypes
{
    public static readonly IReadOnlyDictionary<string, string> Extensions = new Dictionary<string, string>
    {
        ["application/pdf"] = ".pdf",
        ["image/png"] = ".png",
        ["image/jpeg"] = ".jpg",
        ["image/webp"] = ".webp",
    };

    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }
}
