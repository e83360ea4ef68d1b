using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KoproGo.Data;

/// <summary>
/// PostgreSQL text cannot hold U+0000: a NUL typed or pasted into any field, search box or imported file made the
/// statement fail (22021) and the page show a generic error or crash. It carries no meaning in text, so every string
/// parameter of every command loses it here, once, whatever form, search or import it came from.
/// </summary>
public sealed class NulStripping : DbCommandInterceptor
{
    public static readonly NulStripping Instance = new();

    private NulStripping() { }

    public static string? Clean(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    private static void Strip(DbCommand command)
    {
        foreach (DbParameter p in command.Parameters)
        {
            switch (p.Value)
            {
                case string s when s.Contains('\0', StringComparison.Ordinal):
                    p.Value = Clean(s);
                    break;
                case string?[] many when many.Any(s => s is not null && s.Contains('\0', StringComparison.Ordinal)):
                    p.Value = many.Select(Clean).ToArray();
                    break;
                case List<string> list when list.Any(s => s.Contains('\0', StringComparison.Ordinal)):
                    p.Value = list.Select(s => Clean(s)!).ToList();
                    break;
            }
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Strip(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Strip(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Strip(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Strip(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Strip(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Strip(command);
        return ValueTask.FromResult(result);
    }
}
