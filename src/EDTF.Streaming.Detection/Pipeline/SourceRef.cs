namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>Where a report came from, without allocating per report: an <see cref="AlertSource"/> (Kafka driver) or a file and line (file driver), materialised only when an alert needs it.</summary>
/// <remarks>One reference field holds either origin (16 bytes in all): it sits in every buffered report and every vessel.</remarks>
internal readonly struct SourceRef
{
    private readonly object? _origin;

    public SourceRef(AlertSource? source, string? file, long line)
    {
        _origin = (object?)source ?? file;
        Line = line;
    }

    /// <summary>The Kafka record the report came from, or null.</summary>
    public AlertSource? Source => _origin as AlertSource;

    /// <summary>The file the report came from, or null.</summary>
    public string? File => _origin as string;

    /// <summary>The 1-based line in <see cref="File"/>.</summary>
    public long Line { get; }

    public AlertSource? Resolve() => _origin switch
    {
        AlertSource s => s,
        string file => AlertSource.FromFile(file, Line),
        _ => null,
    };
}
