namespace EDTF.Streaming.Ais.Nmea;

/// <summary>What makes fragments belong together: the TAG block group id when present, else (source, channel, sequence id, count).</summary>
internal readonly record struct FragmentKey(int GroupId, string? Source, char Channel, int SequenceId, int Count);
