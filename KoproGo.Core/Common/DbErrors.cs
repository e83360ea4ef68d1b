using System.Data.Common;

namespace KoproGo.Core.Common;

public static class DbErrors
{
    /// <summary>SQLSTATE 23505 (unique_violation), read without referencing the Npgsql types.</summary>
    public static bool IsUniqueViolation(this DbUpdateException e) => SqlState(e) == "23505";

    public static string? SqlState(this Exception e) => e.InnerException is DbException db ? db.SqlState : (e as DbException)?.SqlState;

    /// <summary>
    /// The database was away, not wrong: a lost connection, a restart (SQLSTATE class 08 connection exception, 57P
    /// operator intervention: admin shutdown, starting up), or what the provider itself calls transient. Background work
    /// retries these instead of recording a final failure.
    /// </summary>
    public static bool IsTransientDbFailure(this Exception e)
    {
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
            if (x is DbException db && (db.IsTransient || db.SqlState is { } s && (s.StartsWith("08", StringComparison.Ordinal) || s.StartsWith("57P", StringComparison.Ordinal))))
                return true;
        return false;
    }
}
