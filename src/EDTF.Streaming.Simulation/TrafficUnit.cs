namespace EDTF.Streaming.Simulation;

/// <summary>What one reception of one message puts in the outputs: its NMEA lines (1 or 2 sentences) and, for a position report, a CSV row.</summary>
internal sealed record TrafficUnit(IReadOnlyList<string> NmeaLines, string? CsvRow);
