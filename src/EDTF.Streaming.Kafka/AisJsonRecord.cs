using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Kafka;

/// <summary>Input records in the AIS JSON form (<c>content-type: application/vnd.edtf.ais+json</c>, as <c>edtf replay</c> sends CSV rows): one report per record.</summary>
internal static class AisJsonRecord
{
    private static readonly byte[] ContentType = Encoding.UTF8.GetBytes(AisReportJson.ContentType);

    /// <summary>True when the record's <c>content-type</c> header says AIS JSON.</summary>
    public static bool Is(Headers? headers) =>
        headers is not null && headers.TryGetLastBytes(KafkaHeaderNames.ContentType, out var type) && type.AsSpan().SequenceEqual(ContentType);

    /// <summary>True when the record's <c>content-type</c> header says AIS JSON.</summary>
    public static bool Is(in ConsumedRecord record) => record.HeaderEquals(KafkaHeaderNames.ContentType, ContentType);

    /// <summary>
    /// The record's report (event time defaulting to the record timestamp when that is plausible); an unreadable or
    /// out-of-range record is counted with its reason and returned as a dead letter.
    /// </summary>
    public static void Read(in ConsumedRecord record, PendingRecord reports, IStreamingMetrics metrics, out DeadLetter? deadLetter)
    {
        deadLetter = null;
        var value = record.Value;
        if (AisReportJson.TryParse(value, out var report, out var reason, out var error))
        {
            reports.AddReport(report.EventTimeMs is null ? report with { EventTimeMs = FallbackTime(record.Timestamp) } : report);
            return;
        }

        var reject = new DecodeReject(1, reason, "not an AIS JSON record: " + error, Encoding.UTF8.GetString(value));
        metrics.DecodeReject(reject.Reason);
        deadLetter = KafkaDetectionService.ToDeadLetter(record, [reject], 1);
    }

    /// <summary>The record timestamp as event time, or null when it is outside <see cref="InputLimits.IsEventTime(long)"/> (unset, negative, far off).</summary>
    internal static long? FallbackTime(Timestamp timestamp) =>
        InputLimits.IsEventTime(timestamp.UnixTimestampMs) ? timestamp.UnixTimestampMs : null;
}
