using System.Reflection;
using LinqToDB.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace KoproGo.Data;

public sealed class KoproGoDbContext(DbContextOptions<KoproGoDbContext> options)
    : IdentityDbContext<AppUser>(options), IKoproGoDb, IDataProtectionKeyContext
{
    // linq2db reads this context's model (names, converters, identities) and copies over its connection and transaction
    public async Task InsertManyAsync<T>(IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
            return;
        // COPY does not pass through the command interceptor: NULs leave the text columns here (see NulStripping)
        foreach (var property in Model.FindEntityType(typeof(T))!.GetProperties().Where(p => p.ClrType == typeof(string)))
        {
            foreach (var row in rows)
            {
                if (property.PropertyInfo is { } info && info.GetValue(row) is string text && NulStripping.Clean(text) is var clean && !ReferenceEquals(clean, text))
                {
                    if (info.SetMethod is not null) info.SetValue(row, clean);
                    else property.FieldInfo?.SetValue(row, clean);
                }
            }
        }
        await this.BulkCopyAsync(new LinqToDB.Data.BulkCopyOptions { BulkCopyType = LinqToDB.Data.BulkCopyType.ProviderSpecific }, rows, ct);
    }

    /// <summary>ASP.NET Core DataProtection keys, shared by every app instance (cookies survive restarts and load balancing).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    Task<int> IKoproGoDb.SaveChangesAsync(CancellationToken ct) => SaveChangesAsync(ct);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // "natural" order for lot numbers: A2 before A10, 1.05 before 2.01 (ICU numeric collation, still deterministic,
        // so unique indexes and LIKE keep working)
        builder.HasCollation(Collations.Natural, locale: "und-u-kn-true", provider: "icu", deterministic: true);
        // Configurations/<Feature>/: one IEntityTypeConfiguration per entity, next to its feature's others, found by
        // this scan (a new feature adds files, never edits a shared list). Lengths come from the entities' constants (below);
        // rules that must hold under concurrency (unique numbers, Σ shares) are also in the database: indexes there,
        // triggers in the migrations.
        builder.ApplyConfigurationsFromAssembly(typeof(KoproGoDbContext).Assembly);
        ForeignKeysByName(builder);
        TextLengthsFromEntities(builder);
        CalendarDatesInRange(builder);
        ForeignKeysNamedByTheirTables(builder);
    }

    /// <summary>
    /// A column named for an entity (<c>BuildingId</c>, <c>OwnerId</c>, <c>FiscalYearId</c>…) refers to it, and that
    /// row cannot be deleted while anything refers to it (Restrict: the books and registers keep their history); a
    /// <c>UserId</c> refers to the account and its rows go with it (Cascade). A configuration that declares the key
    /// (another delete rule, another principal) wins. Not by name: <c>OrganisationId</c>, the tenant copied on rows for
    /// the isolation queries (a configuration says where it is a reference), and a column marked
    /// <c>.NotAForeignKey()</c> (a copy kept for queries, or an id that outlives its row, as in the audit log).
    /// </summary>
    private static void ForeignKeysByName(ModelBuilder builder)
    {
        var principals = builder.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.FindPrimaryKey() is { Properties: [{ ClrType: var key }] } && key == typeof(Guid))
            .ToDictionary(e => e.ClrType.Name + "Id");
        principals.Remove(nameof(Organisation) + "Id");
        var users = builder.Model.FindEntityType(typeof(AppUser))!;
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType.Namespace?.StartsWith("KoproGo", StringComparison.Ordinal) == true).ToList())
        {
            foreach (var property in entity.GetDeclaredProperties().Where(p => !p.IsForeignKey() && !IsTheKey(entity, p)).ToList())
            {
                if (ForeignKeyConventions.IsNotAForeignKey(property))
                    continue;
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type == typeof(Guid) && principals.TryGetValue(property.Name, out var principal))
                    entity.AddForeignKey(property, principal.FindPrimaryKey()!, principal).DeleteBehavior = DeleteBehavior.Restrict;
                else if (type == typeof(string) && property.Name == "UserId")
                    entity.AddForeignKey(property, users.FindPrimaryKey()!, users).DeleteBehavior = DeleteBehavior.Cascade;
            }
        }
    }

    private static bool IsTheKey(Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entity, Microsoft.EntityFrameworkCore.Metadata.IMutableProperty property) =>
        entity.FindPrimaryKey()?.Properties is [var only] && only == property;

    /// <summary>
    /// <c>fk_&lt;table&gt;_&lt;principal table&gt;_&lt;columns&gt;</c>, from the tables' final names. The tables are named by their
    /// configurations (ToTable), and a foreign key declared before its principal's configuration ran would otherwise keep
    /// a name made from the principal's class name; this names them once every configuration has run, so no shared list
    /// of tables is needed to name them early.
    /// </summary>
    private static void ForeignKeysNamedByTheirTables(ModelBuilder builder)
    {
        foreach (var foreignKey in builder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredForeignKeys()))
        {
            if (foreignKey.GetDefaultName() is { } name)
                foreignKey.SetConstraintName(SnakeCase(name));
        }
    }

    // as the snake_case naming convention writes it (Identity's tables keep their names: AspNetUsers → asp_net_users)
    private static string SnakeCase(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z0-9])(?=[A-Z])", "_").ToLowerInvariant();

    /// <summary>
    /// Every date and instant column lies between 1900 and 2200 (BusinessTime.Earliest–Latest, the validators' bounds too): the validators keep dates near today or within the
    /// building's years, and this is the database's own stop for what slips past them (PostgreSQL would store
    /// 0001-01-01 or ±infinity, and a report or a reminder would count from there). Identity's own columns keep its
    /// idiom: a lockout "until the end of time" (DateTimeOffset.MaxValue) is how an erased account stays shut.
    /// </summary>
    private static void CalendarDatesInRange(ModelBuilder builder)
    {
        static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
        {
            foreach (var property in entity.GetDeclaredProperties().Where(p => p.PropertyInfo?.DeclaringType?.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) != true))
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                var range = type == typeof(DateOnly) ? $"'{Day(BusinessTime.Earliest)}' AND '{Day(BusinessTime.Latest)}'"
                    : type == typeof(DateTimeOffset) ? $"'{Day(BusinessTime.Earliest)}T00:00:00Z' AND '{Day(BusinessTime.Latest.AddDays(1))}T00:00:00Z'"
                    : null;
                if (range is null)
                    continue;
                var column = property.GetColumnName();
                entity.AddCheckConstraint($"ck_{entity.GetTableName()}_{column}_range", $"\"{column}\" BETWEEN {range}");
            }
        }
    }

    /// <summary>
    /// A text column is as long as its entity's limit, <c>const int &lt;Property&gt;Max</c>, or its kind's
    /// (<see cref="TextLengths"/>): the number the validators check, so the form, the service and the column cannot
    /// disagree. A configuration's own HasMaxLength wins.
    /// </summary>
    private static void TextLengthsFromEntities(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetDeclaredProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is null))
            {
                if (entity.ClrType.GetField(property.Name + "Max", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy) is { IsLiteral: true } limit)
                    property.SetMaxLength((int)limit.GetValue(null)!);
                else if (TextLengths.ForProperty(property.Name) is { } length)
                    property.SetMaxLength(length);
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // enums are stored as their names: readable in SQL and safe when members are reordered
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configuration.Properties<decimal>().HavePrecision(12, 2);
    }
}

/// <summary>For a column named like a reference that is none (see KoproGoDbContext.ForeignKeysByName).</summary>
public static class ForeignKeyConventions
{
    private const string Annotation = "KoproGo:NotAForeignKey";

    public static PropertyBuilder<T> NotAForeignKey<T>(this PropertyBuilder<T> property) => property.HasAnnotation(Annotation, true);

    // read once by the convention and taken off again: the mark is not part of the schema
    internal static bool IsNotAForeignKey(Microsoft.EntityFrameworkCore.Metadata.IMutableProperty property) =>
        property.RemoveAnnotation(Annotation)?.Value is true;
}

public static class Collations
{
    public const string Natural = "natural";
}

/// <summary>Options shared by the app, the design-time factory and the tests: Npgsql, snake_case names.</summary>
public static class KoproGoDbOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(KoproGoDbContext).Assembly.GetName().Name))
               .UseSnakeCaseNamingConvention()
               .AddInterceptors(NulStripping.Instance);
}

/// <summary>The Core port over EF's pooled factory: one context per operation.</summary>
public sealed class KoproGoDbFactory(IDbContextFactory<KoproGoDbContext> factory) : IKoproGoDbFactory
{
    public async Task<IKoproGoDb> CreateAsync(CancellationToken ct = default) => await factory.CreateDbContextAsync(ct);
}
