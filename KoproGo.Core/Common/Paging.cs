namespace KoproGo.Core.Common;

/// <summary>A page of a server-paged list (MudDataGrid ServerData).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);

public sealed record PageRequest(int Page = 0, int PageSize = 25, string? Search = null, string? SortBy = null, bool Descending = false)
{
    public int Skip => Math.Max(0, Page) * Size;
    public int Size => Math.Clamp(PageSize, 1, 200);
}

public static class SearchText
{
    /// <summary>A lower-case LIKE pattern "%text%" with the user's % and _ taken literally (compare with column.ToLower()).</summary>
    public static string Pattern(string search) =>
        "%" + search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
