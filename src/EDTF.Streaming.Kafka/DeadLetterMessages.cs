using System.Globalization;
using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Kafka;

/// <summary>Builds the dead-letter records: the original (cut to a size the topic takes) with Kafka Connect's error headers, or a reference alone.</summary>
/// <remarks>Pure: no producer, no clock. A dead letter that cannot be written must never stop the stream, so both forms are bounded in size.</remarks>
internal static class DeadLetterMessages
{
    /// <summary>The longest error message header (a reject's detail can quote a whole garbage line).</summary>
    public const int MaxMessageChars = 1_000;

    private static readonly byte[] True = "true"u8.ToArray();
    private static readonly byte[] RejectClass = Encoding.UTF8.GetBytes(typeof(DecodeReject).FullName!);

    /// <summary>The dead letter for <paramref name="record"/>: its key, its value cut to <paramref name="maxValueBytes"/>, its headers, and why.</summary>
    public static Message<byte[]?, byte[]?> Full(string topic, DeadLetter record, int maxValueBytes)
    {
        var headers = new Headers();
        if (record.Headers is { } original)
        {
            foreach (var h in original)
            {
                headers.Add(h.Key, h.GetValueBytes());
            }
        }

        AddErrorHeaders(headers, topic, record);
        var value = record.Value;
        if (value.Length > maxValueBytes)
        {
            headers.Add(KafkaHeaderNames.DeadLetterTruncated, True);
            headers.Add(KafkaHeaderNames.DeadLetterOriginalBytes, Ascii(value.Length));
            value = value[..maxValueBytes];
        }

        return new Message<byte[]?, byte[]?> { Key = Cut(record.Key, 1_024), Value = value, Headers = headers, Timestamp = record.Timestamp };
    }

    /// <summary>The reference alone (no value, no original headers): where the record is and why it failed, small enough for any topic.</summary>
    public static Message<byte[]?, byte[]?> Reference(string topic, DeadLetter record)
    {
        var headers = new Headers();
        AddErrorHeaders(headers, topic, record);
        headers.Add(KafkaHeaderNames.DeadLetterReferenceOnly, True);
        headers.Add(KafkaHeaderNames.DeadLetterOriginalBytes, Ascii(record.Value.Length));
        return new Message<byte[]?, byte[]?> { Key = null, Value = null, Headers = headers, Timestamp = record.Timestamp };
    }

    /// <summary>The reject the headers describe: the first one that is about the record's own content.</summary>
    public static DecodeReject FirstContentReject(DeadLetter record) =>
        record.Rejects.FirstOrDefault(r => r.Reason is not (RejectReason.OrphanFragment or RejectReason.ExpiredFragments), record.Rejects[0]);

    /// <summary>One line for the log: where the record is and why it failed.</summary>
    public static string Describe(string topic, DeadLetter record)
    {
        var first = FirstContentReject(record);
        return string.Create(CultureInfo.InvariantCulture,
            $"{topic}/{record.Partition}@{record.Offset} ({record.Value.Length} bytes): {RejectReasons.ToLabel(first.Reason)}: {Limit(first.Detail, 200)}");
    }

    private static void AddErrorHeaders(Headers headers, string topic, DeadLetter record)
    {
        var first = FirstContentReject(record);
        var label = RejectReasons.ToLabel(first.Reason);
        headers.Add(KafkaHeaderNames.ErrorTopic, Encoding.UTF8.GetBytes(topic));
        headers.Add(KafkaHeaderNames.ErrorPartition, Ascii(record.Partition));
        headers.Add(KafkaHeaderNames.ErrorOffset, Ascii(record.Offset));
        headers.Add(KafkaHeaderNames.ErrorClassName, RejectClass);
        headers.Add(KafkaHeaderNames.ErrorMessage, Encoding.UTF8.GetBytes(Limit($"{label}: {first.Detail} (line {record.LineInRecord(first)} of the record)", MaxMessageChars)));
        headers.Add(KafkaHeaderNames.ErrorReason, Encoding.UTF8.GetBytes(label));
        headers.Add(KafkaHeaderNames.ErrorRejectCount, Ascii(record.Rejects.Length));
    }

    private static string Limit(string text, int maxChars) => text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), "...");

    private static byte[]? Cut(byte[]? bytes, int max) => bytes is null || bytes.Length <= max ? bytes : bytes[..max];

    private static byte[] Ascii(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));
}
