namespace EDTF.Streaming.Detection;

/// <summary>Finds the shipped <c>config/</c> folder: next to the executable (copied at build), else walking up to the repository root.</summary>
public static class DefaultConfig
{
    /// <summary>The config folder, or null when none is found.</summary>
    public static string? Directory => FindDirectory(AppContext.BaseDirectory);

    /// <summary>Path of config/watchlist.csv, or null.</summary>
    public static string? WatchlistPath => PathOf("watchlist.csv");

    /// <summary>Path of config/ports.geojson, or null.</summary>
    public static string? PortsPath => PathOf("ports.geojson");

    /// <summary>The watch list at <paramref name="path"/>, else the shipped one, else an empty list.</summary>
    public static Watchlist LoadWatchlist(string? path = null) =>
        (path ?? WatchlistPath) is { } p ? Watchlist.Load(p) : Watchlist.Empty;

    /// <summary>The port areas at <paramref name="path"/>, else the shipped ones, else none.</summary>
    public static PortAreas LoadPorts(string? path = null) =>
        (path ?? PortsPath) is { } p ? PortAreas.Load(p) : PortAreas.Empty;

    internal static string? FindDirectory(string start)
    {
        var beside = Path.Combine(start, "config");
        if (File.Exists(Path.Combine(beside, "ports.geojson")) || File.Exists(Path.Combine(beside, "watchlist.csv")))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EDTF.Streaming.sln")))
            {
                var config = Path.Combine(dir.FullName, "config");
                return System.IO.Directory.Exists(config) ? config : null;
            }
        }

        return null;
    }

    private static string? PathOf(string file) =>
        Directory is { } d && File.Exists(Path.Combine(d, file)) ? Path.Combine(d, file) : null;
}
