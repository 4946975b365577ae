namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>Where a report came from, without allocating per report: an <see cref="AlertSource"/> (Kafka driver) or a file and line (file driver), materialised only when an alert needs it.</summary>
/// <remarks>One reference field holds either origin and one long the line and the receiving station (16 bytes in all): it sits in every buffered report and every vessel.</remarks>
internal readonly struct SourceRef
{
    private const int StationShift = 48;
    private const long LineMask = (1L << StationShift) - 1;

    private readonly object? _origin;
    private readonly long _lineAndStation;

    public SourceRef(AlertSource? source, string? file, long line)
    {
        _origin = (object?)source ?? file;
        _lineAndStation = line & LineMask;
    }

    private SourceRef(object? origin, long lineAndStation)
    {
        _origin = origin;
        _lineAndStation = lineAndStation;
    }

    /// <summary>The Kafka record the report came from, or null.</summary>
    public AlertSource? Source => _origin as AlertSource;

    /// <summary>The file the report came from, or null.</summary>
    public string? File => _origin as string;

    /// <summary>The 1-based line in <see cref="File"/>.</summary>
    public long Line => _lineAndStation & LineMask;

    /// <summary>The receiving station (TAG block <c>s:</c>) as a <see cref="StationIds"/> number, 0 when unknown.</summary>
    public int Station => (int)((ulong)_lineAndStation >> StationShift);

    /// <summary>This origin heard by <paramref name="station"/> (a <see cref="StationIds"/> number).</summary>
    public SourceRef WithStation(int station) => new(_origin, (_lineAndStation & LineMask) | ((long)(station & 0xFFFF) << StationShift));

    /// <summary>The origin as stored (an <see cref="AlertSource"/>, a file name or null), for the state snapshot.</summary>
    internal object? Origin => _origin;

    /// <summary>A reference rebuilt from a snapshot: <paramref name="origin"/> as <see cref="Origin"/> gave it.</summary>
    internal static SourceRef Restore(object? origin, long line, int station) =>
        new SourceRef(origin, line & LineMask).WithStation(station);

    public AlertSource? Resolve() => _origin switch
    {
        AlertSource s => s,
        string file => AlertSource.FromFile(file, Line),
        _ => null,
    };
}
