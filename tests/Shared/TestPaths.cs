namespace EDTF.Streaming.Tests;

/// <summary>Finds the repository root and the test data inside it, from wherever a test runs; never a path outside it.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder that holds EDTF.Streaming.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>A real AIS capture under <c>tests/data/ais/</c> (sources and licences: tests/data/README.md).</summary>
    public static string AisData(string relative) => InRepo(Path.Combine("tests", "data", "ais", relative));

    /// <summary>A path inside the repository.</summary>
    /// <exception cref="ArgumentException">The path resolves outside the repository.</exception>
    public static string InRepo(string relative) => Inside(RepositoryRoot, relative);

    /// <summary>The full path of <paramref name="relative"/> under <paramref name="root"/>, refusing anything that leaves it.</summary>
    internal static string Inside(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var fromRoot = Path.GetRelativePath(root, full);
        if (fromRoot == ".." || fromRoot.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(fromRoot))
        {
            throw new ArgumentException($"'{relative}' resolves to {full}, outside the repository {root}: tests read only what the repository holds", nameof(relative));
        }

        return full;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EDTF.Streaming.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("EDTF.Streaming.sln not found above " + AppContext.BaseDirectory);
    }
}
