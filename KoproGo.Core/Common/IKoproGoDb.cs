using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KoproGo.Core.Common;

/// <summary>
/// The database as the use cases see it (EF Core directly, no repositories). Implemented by KoproGoDbContext in
/// KoproGo.Data. One context per operation: see <see cref="IKoproGoDbFactory"/>.
/// </summary>
public interface IKoproGoDb : IAsyncDisposable
{
    /// <summary>
    /// Any mapped entity. Each feature names its tables in <c>Features/&lt;F&gt;/&lt;F&gt;Tables.cs</c> (extension
    /// properties over this interface: <c>db.CallLines</c>), so this interface does not change when a feature is added.
    /// </summary>
    DbSet<T> Set<T>() where T : class;

    DatabaseFacade Database { get; }
    /// <summary>The EF model: table and column names for the few statements written by hand (row locks).</summary>
    Microsoft.EntityFrameworkCore.Metadata.IModel Model { get; }
    /// <summary>For long batches in one context (a bank file): clearing what was saved keeps each step's cost flat.</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }
    Task<int> SaveChangesAsync(CancellationToken ct = default);
    /// <summary>
    /// Writes new rows at once (PostgreSQL binary COPY, in the current transaction), outside the change tracker: for
    /// batches of thousands (a bank file's payments). Database-generated keys are not read back.
    /// </summary>
    Task InsertManyAsync<T>(IReadOnlyCollection<T> rows, CancellationToken ct) where T : class;
}

/// <summary>Opens a fresh context per operation: right for a long-lived Blazor circuit, a request and a job alike.</summary>
public interface IKoproGoDbFactory
{
    Task<IKoproGoDb> CreateAsync(CancellationToken ct = default);
}
