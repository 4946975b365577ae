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

    /// <summary>Path of config/ports-world.csv (the world port set) beside the executable, or null.</summary>
    public static string? WorldPortsPath => PathOf("ports-world.csv");

    /// <summary>The watch list at <paramref name="path"/>, else the shipped one, else an empty list.</summary>
    public static Watchlist LoadWatchlist(string? path = null) =>
        (path ?? WatchlistPath) is { } p ? Watchlist.Load(p) : Watchlist.Empty;

    /// <summary>The analysts' port areas only: those at <paramref name="path"/>, else the shipped ones, else none.</summary>
    public static PortAreas LoadPorts(string? path = null) =>
        (path ?? PortsPath) is { } p ? PortAreas.Load(p) : PortAreas.Empty;

    /// <summary>
    /// The port areas detection uses: the analysts' areas (<paramref name="path"/>, else the shipped ones) and, unless
    /// <see cref="PortCallOptions.UseWorldPorts"/> is off, the world port set (<see cref="PortCallOptions.WorldPortsPath"/>, else the
    /// shipped one, else none) where no analyst port area overrides it (<see cref="WorldPorts.Combine"/>).
    /// </summary>
    /// <exception cref="FormatException">A file is not in its format.</exception>
    public static PortAreas LoadPorts(string? path, PortCallOptions portCall)
    {
        var analyst = (path ?? PortsPath) is { } p ? GeoJsonAreas.ReadFile(p) : [];
        return portCall.UseWorldPorts && (portCall.WorldPortsPath ?? WorldPortsPath) is { } world
            ? WorldPorts.Combine(analyst, WorldPorts.Load(world), portCall.WorldPortRadiusKm, out _)
            : new PortAreas(analyst);
    }

    /// <summary><c>config/</c> directly inside <paramref name="baseDirectory"/>, or null; parent folders are never searched.</summary>
    internal static string? DirectoryIn(string baseDirectory)
    {
        var config = Path.Combine(baseDirectory, "config");
        return System.IO.Directory.Exists(config) ? config : null;
    }

    private static string? PathOf(string file) =>
        Directory is { } d && File.Exists(Path.Combine(d, file)) ? Path.Combine(d, file) : null;
}
