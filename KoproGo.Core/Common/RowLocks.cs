
namespace KoproGo.Core.Common;

/// <summary>
/// Rules over several rows (Σ unit shares ≤ building total, Σ ownership = 100 %) hold under concurrency because
/// the writer locks the parent row first, in the same transaction; concurrent writers of the same building or
/// unit queue behind that lock and then see the committed state.
/// </summary>
public static class RowLocks
{
    /// <summary>
    /// Locks the row of <typeparamref name="T"/> with that key until the end of the transaction (FOR UPDATE): the writers of
    /// one aggregate queue here and then read it as the previous one left it. The table and key column come from the EF model.
    /// </summary>
    public static Task LockAsync<T>(this IKoproGoDb db, Guid id, CancellationToken ct) where T : class => LockAsync<T>(db, id, "UPDATE", ct);

    /// <summary>A share lock: many holders at once, none while someone holds <see cref="LockAsync{T}"/>.</summary>
    public static Task ShareLockAsync<T>(this IKoproGoDb db, Guid id, CancellationToken ct) where T : class => LockAsync<T>(db, id, "SHARE", ct);

    private static Task LockAsync<T>(IKoproGoDb db, object id, string mode, CancellationToken ct) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = entity.GetTableName()!;
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName();
        // identifiers from our own model, the value as a parameter
#pragma warning disable EF1002
        return db.Database.ExecuteSqlRawAsync($"SELECT 1 FROM \"{table}\" WHERE \"{key}\" = {{0}} FOR {mode}", [id], ct);
#pragma warning restore EF1002
    }

    public static Task LockBuildingAsync(this IKoproGoDb db, Guid buildingId, CancellationToken ct) => db.LockAsync<Building>(buildingId, ct);

    public static Task LockUnitAsync(this IKoproGoDb db, Guid unitId, CancellationToken ct) => db.LockAsync<Unit>(unitId, ct);

    /// <summary>Serialises one user's requests that count or change their own rows (export quota, erasure).</summary>
    public static Task LockUserAsync(this IKoproGoDb db, string userId, CancellationToken ct) => LockAsync<KoproGo.Core.Features.UserAccounts.AppUser>(db, userId, "UPDATE", ct);
}
