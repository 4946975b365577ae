namespace EDTF.Streaming.Detection;

/// <summary>The shipped <c>config/</c> folder beside the executable (the CLI build copies it there) and the files in it.</summary>
/// <remarks>No other folder is searched: a caller that wants files elsewhere passes their paths explicitly.</remarks>
public static class DefaultConfig
{
    /// <summary>The config folder beside the executable, or null when there is none.</summary>
    public static string? Directory => DirectoryIn(AppContext.BaseDirectory);

    /// <summary>Path of config/watchlist.csv beside the executable, or null.</summary>
    public static string? WatchlistPath => PathOf("watchlist.csv");

    /// <summary>Path of config/ports.geojson beside the executable, or null.</summary>
    public static string? PortsPath => PathOf("ports.geojson");

    /// <summary>The watch list at <paramref name="path"/>, else the shipped one, else an empty list.</summary>
    public static Watchlist LoadWatchlist(string? path = null) =>
        (path ?? WatchlistPath) is { } p ? Watchlist.Load(p) : Watchlist.Empty;

    /// <summary>The port areas at <paramref name="path"/>, else the shipped ones, else none.</summary>
    public static PortAreas LoadPorts(string? path = null) =>
        (path ?? PortsPath) is { } p ? PortAreas.Load(p) : PortAreas.Empty;

    /// <summary><c>config/</c> directly inside <paramref name="baseDirectory"/>, or null; parent folders are never searched.</summary>
    internal static string? DirectoryIn(string baseDirectory)
    {
        var config = Path.Combine(baseDirectory, "config");
        return System.IO.Directory.Exists(config) ? config : null;
    }

    private static string? PathOf(string file) =>
        Directory is { } d && File.Exists(Path.Combine(d, file)) ? Path.Combine(d, file) : null;
}
