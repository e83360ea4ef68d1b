using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.S3.Model;

namespace KoproGo.Core.Features.Files;

/// <summary>Section "FileStore:S3" (with FileStore:Kind = S3). Any S3-compatible service: AWS, Ceph, MinIO, Scaleway, OVH…</summary>
public sealed class S3StoreOptions
{
    /// <summary>The service's address, e.g. https://s3.fr-par.scw.cloud; empty = AWS in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }
    public string Region { get; set; } = "eu-west-1";
    public string Bucket { get; set; } = "koprogo-files";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    /// <summary>bucket in the path (https://host/bucket/key), what most S3-compatible services and local servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;
}

/// <summary>
/// Files in an S3 bucket, under the same random keys as the local store: the store every instance of a scaled-out
/// deployment shares (README "Scaling out"). The bucket is expected to exist (created by the deployment, with its
/// retention and encryption settings); private objects only, never public URLs — downloads go through the app's checks.
/// </summary>
public sealed class S3FileStore : IFileStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;

    public S3FileStore(FileStoreOptions options)
    {
        var s3 = options.S3;
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            // checksums only where S3 requires them: S3-compatible services do not all read the trailing checksums
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(s3.ServiceUrl))
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        else
        {
            config.ServiceURL = s3.ServiceUrl;
            config.AuthenticationRegion = s3.Region;
        }
        var credentials = string.IsNullOrEmpty(s3.AccessKey)
            ? DefaultAWSCredentialsIdentityResolver.GetCredentials(config)   // instance role, environment, profile
            : new BasicAWSCredentials(s3.AccessKey, s3.SecretKey);
        _client = new AmazonS3Client(credentials, config);
        _bucket = s3.Bucket;
    }

    public async Task<string> SaveAsync(Stream content, CancellationToken ct)
    {
        var key = StorageKeys.New();
        // S3 wants the length up front: uploads are bounded (FileStore:MaxBytes), so a stream without one is buffered
        var body = content;
        if (!content.CanSeek)
        {
            body = new MemoryStream();
            await content.CopyToAsync(body, ct);
            body.Position = 0;
        }
        try
        {
            // one signed body, not aws-chunked: S3-compatible services do not all decode the chunked signing
            await _client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false }, ct);
        }
        finally
        {
            if (!ReferenceEquals(body, content))
                await body.DisposeAsync();
        }
        return key;
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        try
        {
            var response = await _client.GetObjectAsync(_bucket, StorageKeys.Checked(key), ct);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // what the local store throws: callers treat a missing object the same whatever the store
            throw new FileNotFoundException($"No stored file {key}.", key, e);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct) =>
        _client.DeleteObjectAsync(_bucket, StorageKeys.Checked(key), ct);

    public void Dispose() => _client.Dispose();
}
