namespace KoproGo.Core;

public static class CoreServices
{
    /// <summary>
    /// The use cases and jobs, registered once for the web app, the tests and the benchmarks: the two ports to the
    /// outside (file store, mail transport), then every feature's services and jobs (FeatureModules). The host adds the database factory, Identity,
    /// TimeProvider and the options (AppOptions, SmtpOptions, FileStoreOptions).
    /// </summary>
    public static IServiceCollection AddKoproGoCore(this IServiceCollection services)
    {
        services.AddSingleton<IFileStore>(sp => sp.GetRequiredService<FileStoreOptions>() is var files && files.Kind == FileStoreKind.S3
            ? new S3FileStore(files)
            : new LocalFileStore(files));
        services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        return services.AddFeatures();
    }
}
