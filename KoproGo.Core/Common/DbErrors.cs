using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Core.Common;

public static class DbErrors
{
    /// <summary>SQLSTATE 23505 (unique_violation), read without referencing the Npgsql types.</summary>
    public static bool IsUniqueViolation(this DbUpdateException e) => SqlState(e) == "23505";

    /// <summary>SQLSTATE 23P01 (exclusion_violation) or 23514 (check_violation).</summary>
    public static bool IsConstraintViolation(this DbUpdateException e) => SqlState(e) is "23P01" or "23514" or "23505";

    public static string? SqlState(this Exception e) => e.InnerException is DbException db ? db.SqlState : (e as DbException)?.SqlState;
}
