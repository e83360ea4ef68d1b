using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.IntegrationTests;

/// <summary>
/// The two file stores behind one port, held to the same contract: the local folder, and S3 against a local
/// S3-compatible server (s3rver, tests/fakes/s3, installed by ./test.sh) — never a cloud endpoint.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class FileStoreTests(DatabaseFixture fx, FakeS3 s3) : IClassFixture<FakeS3>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FileStoreKind> Kinds => [FileStoreKind.Local, FileStoreKind.S3];

    private IFileStore Store(FileStoreKind kind, string root) => kind == FileStoreKind.S3
        ? new S3FileStore(new FileStoreOptions { Kind = FileStoreKind.S3, S3 = s3.Options })
        : new LocalFileStore(new FileStoreOptions { Root = root });

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task WhatOneInstanceStores_AnotherReads_ByItsRandomKey_UntilDeleted(FileStoreKind kind)
    {
        var root = Path.Combine(Path.GetTempPath(), "koprogo-store-" + Guid.NewGuid().ToString("N"));
        // two stores on the same place: two instances of a scaled-out deployment
        var a = Store(kind, root);
        var b = Store(kind, root);
        var bytes = new byte[1_234_567];
        new Random(7).NextBytes(bytes);
        var key = await a.SaveAsync(new MemoryStream(bytes), Ct);
        Assert.Matches("^[0-9a-f]{32}$", key);
        await using (var read = await b.OpenReadAsync(key, Ct))
        {
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy, Ct);
            Assert.Equal(bytes, copy.ToArray());
        }
        // a stream that cannot seek (an upload read as it arrives) is stored whole too
        var streamed = await a.SaveAsync(new NonSeekable(new MemoryStream("%PDF-1.7 streamed"u8.ToArray())), Ct);
        Assert.NotEqual(key, streamed);
        await using (var read = await b.OpenReadAsync(streamed, Ct))
            Assert.Equal("%PDF-1.7 streamed", await new StreamReader(read).ReadToEndAsync(Ct));

        await b.DeleteAsync(key, Ct);
        await Assert.ThrowsAsync<FileNotFoundException>(() => a.OpenReadAsync(key, Ct));
        // a key is never a path or a prefix, whatever a caller passes
        await Assert.ThrowsAsync<ArgumentException>(() => a.OpenReadAsync("../../etc/passwd", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => a.DeleteAsync("AB/CD", Ct));
        (a as IDisposable)?.Dispose();
        (b as IDisposable)?.Dispose();
    }

    [Fact]
    public async Task ABuildingDocument_UploadedAndDownloaded_ThroughTheS3Store()
    {
        var w = await World.CreateAsync(fx, Ct);
        using var store = new S3FileStore(new FileStoreOptions { Kind = FileStoreKind.S3, S3 = s3.Options });
        var files = new FileService(fx.Get<KoproGo.Core.Common.IKoproGoDbFactory>(), store, new FileStoreOptions { MaxBytes = 1024 * 1024 }, fx.Clock, fx.Get<INotificationService>());
        var uploaded = await files.UploadBuildingDocumentAsync(w.Syndic, w.BuildingA, new MemoryStream("%PDF-1.7 règlement"u8.ToArray()), "règlement.pdf", Ct);
        Assert.True(uploaded.Succeeded, uploaded.FirstError?.Code);
        var download = await files.OpenAsync(w.OwnerActorA, uploaded.Value, Ct);
        Assert.True(download.Succeeded);
        await using (download.Value.Content)
            Assert.Equal("%PDF-1.7 règlement", await new StreamReader(download.Value.Content).ReadToEndAsync(Ct));
        Assert.Equal("application/pdf", download.Value.ContentType);
        // the building's rights still decide: an owner of another building gets nothing, from any store
        Assert.False((await files.OpenAsync(w.OwnerActorB, uploaded.Value, Ct)).Succeeded);
    }

    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>s3rver on a free loopback port with a bucket of its own, for the test class; stopped afterwards.</summary>
public sealed class FakeS3 : IAsyncLifetime
{
    private Process? _server;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "koprogo-s3-" + Guid.NewGuid().ToString("N"));

    public S3StoreOptions Options { get; } = new() { Bucket = "koprogo-test", AccessKey = "S3RVER", SecretKey = "S3RVER", Region = "us-east-1" };

    public async ValueTask InitializeAsync()
    {
        var fake = Path.Combine(RepoRoot(), "tests", "fakes", "s3");
        Assert.True(Directory.Exists(Path.Combine(fake, "node_modules", "s3rver")), "s3rver is not installed: ./test.sh installs it (npm ci in tests/fakes/s3)");
        Directory.CreateDirectory(_directory);
        _server = Process.Start(new ProcessStartInfo("node", ["server.js", "0", _directory])
        {
            WorkingDirectory = fake,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
        })!;
        var output = _server.StandardOutput;
        var line = await output.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line?.StartsWith("listening ", StringComparison.Ordinal) != true)
            Assert.Fail($"s3rver did not start: {line} {await _server.StandardError.ReadToEndAsync()}");
        Options.ServiceUrl = $"http://127.0.0.1:{line!["listening ".Length..]}";
        using var client = new AmazonS3Client(Options.AccessKey, Options.SecretKey, new AmazonS3Config { ServiceURL = Options.ServiceUrl, ForcePathStyle = true, AuthenticationRegion = Options.Region });
        await client.PutBucketAsync(new PutBucketRequest { BucketName = Options.Bucket });
    }

    /// <summary>The checkout the tests run from (the folder with test.sh).</summary>
    public static string RepoRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "test.sh")))
            root = root.Parent ?? throw new InvalidOperationException("repository root not found");
        return root.FullName;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            _server.StandardInput.Close();   // the server stops when its stdin closes
            if (!_server.WaitForExit(5_000))
                _server.Kill(entireProcessTree: true);
            _server.Dispose();
        }
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
        await Task.CompletedTask;
    }
}
