using Npgsql;

namespace KoproGo.E2E;

/// <summary>Plain SQL against a test database, for what a test sets up or must know but the page does not say.</summary>
public static class Sql
{
    /// <summary>One value (parameters @p0, @p1…); a NULL comes back as default.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        for (var i = 0; i < parameters.Length; i++)
            cmd.Parameters.AddWithValue($"p{i}", parameters[i]);
        var value = await cmd.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    public static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
