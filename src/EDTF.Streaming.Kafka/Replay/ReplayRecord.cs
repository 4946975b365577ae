namespace EDTF.Streaming.Kafka.Replay;

/// <summary>One record to replay: its key (MMSI), event time, value bytes and content type, and where it came from.</summary>
/// <param name="Mmsi">The Kafka key, written as UTF-8 decimal.</param>
/// <param name="EventTimeMs">Event time in Unix epoch milliseconds (the Kafka timestamp), or null when the input has none.</param>
/// <param name="Value">NMEA line(s) joined by <c>\n</c>, or one AIS JSON record.</param>
/// <param name="ContentType">The <c>content-type</c> header, or null for plain NMEA text.</param>
/// <param name="File">The input file.</param>
/// <param name="Line">The 1-based line of the record's first input line.</param>
internal readonly record struct ReplayRecord(int Mmsi, long? EventTimeMs, byte[] Value, string? ContentType, string File, long Line);
