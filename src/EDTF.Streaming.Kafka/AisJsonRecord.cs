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

    /// <summary>The record's report (event time defaulting to the record timestamp); an unreadable record is counted and dead-lettered.</summary>
    public static AisReport[] Read(string topic, ConsumeResult<byte[]?, byte[]?> record, byte[] value, IStreamingMetrics metrics, AlertPublisher publisher)
    {
        if (AisReportJson.TryParse(value, out var report, out var error))
        {
            return [report.EventTimeMs is null ? report with { EventTimeMs = record.Message.Timestamp.UnixTimestampMs } : report];
        }

        var reject = new DecodeReject(1, RejectReason.Malformed, "not an AIS JSON record: " + error, Encoding.UTF8.GetString(value));
        metrics.DecodeReject(reject.Reason);
        publisher.PublishDeadLetter(topic, record, [reject], _ => 1);
        return [];
    }
}
