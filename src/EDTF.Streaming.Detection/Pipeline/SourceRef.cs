namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>Where a report came from, without allocating per report: an <see cref="AlertSource"/> (Kafka driver) or a file and line (file driver), materialised only when an alert needs it.</summary>
internal readonly record struct SourceRef(AlertSource? Source, string? File, long Line)
{
    public AlertSource? Resolve() => Source ?? (File is null ? null : AlertSource.FromFile(File, Line));
}
