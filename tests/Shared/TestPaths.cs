namespace EDTF.Streaming.Tests;

/// <summary>Finds the repository root and the shared data beside it, from wherever a test runs.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder that holds EDTF.Streaming.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>A path under <c>../shared/</c>, relative to the repository root.</summary>
    public static string Shared(string relative) =>
        Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", relative));

    /// <summary>A real AIS capture under <c>../shared/data/ais/</c>.</summary>
    public static string AisData(string relative) => Shared(Path.Combine("data", "ais", relative));

    /// <summary>A path inside the repository.</summary>
    public static string InRepo(string relative) => Path.Combine(RepositoryRoot, relative);

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
