namespace EDTF.Streaming.Detection;

/// <summary>Where the input record that triggered an alert update came from: a Kafka record or a line of a file.</summary>
public sealed record AlertSource(string? Topic, int? Partition, long? Offset, string? File, long? Line)
{
    /// <summary>A Kafka record (topic, partition, offset).</summary>
    public static AlertSource FromKafka(string topic, int partition, long offset) => new(topic, partition, offset, null, null);

    /// <summary>A line of an input file.</summary>
    public static AlertSource FromFile(string file, long line) => new(null, null, null, file, line);
}
