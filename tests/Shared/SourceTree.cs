namespace KoproGo.Tests;

/// <summary>The repository's own files, for the tests that read the source (a rule every page or call must follow).</summary>
public static class SourceTree
{
    /// <summary>The folder of KoproGo.Web.sln, found upwards from the test's binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The files of one project folder (KoproGo.Web, KoproGo.Core…) matching the pattern, without bin/ and obj/.</summary>
    public static IEnumerable<string> Files(string project, string pattern) =>
        Directory.GetFiles(Path.Combine(Root, project), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "KoproGo.Web.sln")))
            root = root.Parent ?? throw new InvalidOperationException("KoproGo.Web.sln not found above " + AppContext.BaseDirectory);
        return root.FullName;
    }
}
