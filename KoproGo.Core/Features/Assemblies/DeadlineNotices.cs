namespace KoproGo.Core.Features.Assemblies;

/// <summary>The loop the assemblies' deadline jobs share: one notice per row and threshold, however many runs at once.</summary>
internal static class DeadlineNotices
{
    /// <summary>
    /// For each row due a notice (<c>Overdue</c>: the day-30 one, which also settles day 25), in its own transaction:
    /// <paramref name="claim"/> marks the row with a conditional UPDATE that only one run wins (0 rows: another run
    /// has it), then <paramref name="notify"/> writes the notice. Returns how many notices were written.
    /// </summary>
    public static async Task<int> SendOnceEachAsync(IKoproGoDbFactory dbFactory, IEnumerable<(Guid Id, bool Overdue)> due,
        Func<IKoproGoDb, Guid, bool, DateTimeOffset, Task<int>> claim, Func<IKoproGoDb, Guid, bool, Task> notify, TimeProvider clock, CancellationToken ct)
    {
        var sent = 0;
        foreach (var (id, overdue) in due)
        {
            await using var db = await dbFactory.CreateAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await claim(db, id, overdue, clock.GetUtcNow()) == 0)
                continue;
            await notify(db, id, overdue);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            sent++;
        }
        return sent;
    }
}
