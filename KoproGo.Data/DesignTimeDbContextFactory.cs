using Microsoft.EntityFrameworkCore.Design;

namespace KoproGo.Data;

/// <summary>Used by `dotnet ef` only: no host, no connection needed to add a migration.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KoproGoDbContext>
{
    public KoproGoDbContext CreateDbContext(string[] args)
    {
        var cs = Environment.GetEnvironmentVariable("ConnectionStrings__Default")
                 ?? "Host=127.0.0.1;Port=55432;Database=koprogo;Username=koprogo;Password=koprogo";
        var options = new DbContextOptionsBuilder<KoproGoDbContext>();
        KoproGoDbOptions.Configure(options, cs);
        return new KoproGoDbContext(options.Options);
    }
}
