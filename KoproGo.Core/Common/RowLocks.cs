using Microsoft.EntityFrameworkCore;

namespace KoproGo.Core.Common;

/// <summary>
/// Rules over several rows (Σ unit shares ≤ building total, Σ ownership = 100 %) hold under concurrency because
/// the writer locks the parent row first, in the same transaction; concurrent writers of the same building or
/// unit queue behind that lock and then see the committed state.
/// </summary>
public static class RowLocks
{
    public static Task LockBuildingAsync(this IKoproGoDb db, Guid buildingId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM buildings WHERE id = {buildingId} FOR UPDATE", ct);

    public static Task LockUnitAsync(this IKoproGoDb db, Guid unitId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM units WHERE id = {unitId} FOR UPDATE", ct);

    /// <summary>Serialises one user's requests that count or change their own rows (export quota, erasure).</summary>
    public static Task LockUserAsync(this IKoproGoDb db, string userId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"AspNetUsers\" WHERE id = {userId} FOR UPDATE", ct);
}
