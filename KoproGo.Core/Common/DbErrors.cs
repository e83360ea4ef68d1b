using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Core.Common;

public static class DbErrors
{
    /// <summary>SQLSTATE 23505 (unique_violation), read without referencing the Npgsql types.</summary>
    public static bool IsUniqueViolation(this DbUpdateException e) => SqlState(e) == "23505";

    public static string? SqlState(this Exception e) => e.InnerException is DbException db ? db.SqlState : (e as DbException)?.SqlState;
}
