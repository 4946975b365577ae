namespace EDTF.Streaming.Ais.Messages;

/// <summary>What the line around a payload tells about it: where it came from and when.</summary>
internal readonly record struct MessageContext(long Line, long? EventTimeMs, string? Source, char Channel);
