using System.Globalization;
using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka;

/// <summary>Produces alert updates (key = alertId, CloudEvents binary headers) and dead letters with one idempotent, acks=all producer.</summary>
internal sealed class AlertPublisher : IDisposable
{
    private static readonly byte[] SpecVersion = "1.0"u8.ToArray();
    private static readonly byte[] Json = "application/json"u8.ToArray();
    private static readonly byte[] RejectClass = Encoding.UTF8.GetBytes(typeof(DecodeReject).FullName!);
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly KafkaOptions _options;
    private readonly OffsetTracker _tracker;
    private readonly IStreamingMetrics _metrics;
    private readonly byte[] _source;

    public AlertPublisher(KafkaOptions options, OffsetTracker tracker, IStreamingMetrics metrics, Action<string> log)
    {
        _options = options;
        _tracker = tracker;
        _metrics = metrics;
        _source = Encoding.UTF8.GetBytes(options.CloudEventsSource);
        _producer = KafkaClients.Producer<byte[]?, byte[]?>(BuildConfig(options), KafkaLog.To(log))
            .SetErrorHandler((_, e) =>
            {
                log(KafkaLog.Line(e));
                if (e.IsFatal)
                {
                    _tracker.Acknowledge(0, success: false);
                }
            })
            .Build();
    }

    /// <summary>The producer configuration: idempotent, acks=all, then the <c>Kafka:Client</c> and every <c>Kafka:Producer</c> property.</summary>
    internal static ProducerConfig BuildConfig(KafkaOptions options)
    {
        var config = new ProducerConfig
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            ClientId = "edtf-alerts",
        };
        KafkaClientSettings.Apply(config, options);
        KafkaConfig.Apply(config, options.Producer);
        config.EnableIdempotence = config.EnableIdempotence ?? true;
        return config;
    }

    /// <summary>The CloudEvents <c>ce_type</c> of an update, e.g. <c>org.edtf.alert.darkperiod.open</c>.</summary>
    public static string CloudEventType(AlertUpdate alert) =>
        $"org.edtf.alert.{alert.Type.ToLowerInvariant()}.{alert.Status.ToLowerInvariant()}";

    /// <summary>The CloudEvents <c>ce_id</c>: the same update (replayed after a crash) keeps its id, different updates differ.</summary>
    public static string CloudEventId(AlertUpdate alert) => $"{alert.AlertId}/{alert.Status}";

    /// <summary>Produces one alert update; its acknowledgement is reported to the tracker.</summary>
    public void PublishAlert(AlertUpdate alert)
    {
        var headers = new Headers
        {
            { KafkaHeaderNames.CeSpecVersion, SpecVersion },
            { KafkaHeaderNames.CeId, Encoding.UTF8.GetBytes(CloudEventId(alert)) },
            { KafkaHeaderNames.CeSource, _source },
            { KafkaHeaderNames.CeType, Encoding.UTF8.GetBytes(CloudEventType(alert)) },
            { KafkaHeaderNames.CeTime, Encoding.UTF8.GetBytes(alert.DetectedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)) },
            { KafkaHeaderNames.ContentType, Json },
        };
        var message = new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(alert.AlertId),
            Value = AlertJson.SerializeToUtf8Bytes(alert),
            Headers = headers,
        };
        var type = alert.Type;
        var status = alert.Status;
        Produce(_options.AlertsTopic, message, ok =>
        {
            if (ok)
            {
                _metrics.AlertDelivered(type, status);
            }
            else
            {
                _metrics.AlertProduceError();
            }
        });
    }

    /// <summary>Produces the record unchanged to the dead-letter topic, with headers saying where it came from and why it failed.</summary>
    public void PublishDeadLetter(string topic, DeadLetter record)
    {
        var rejects = record.Rejects;
        var first = rejects.First(r => r.Reason is not (RejectReason.OrphanFragment or RejectReason.ExpiredFragments));
        var headers = new Headers();
        if (record.Headers is { } original)
        {
            foreach (var h in original)
            {
                headers.Add(h.Key, h.GetValueBytes());
            }
        }

        var label = RejectReasons.ToLabel(first.Reason);
        headers.Add(KafkaHeaderNames.ErrorTopic, Encoding.UTF8.GetBytes(topic));
        headers.Add(KafkaHeaderNames.ErrorPartition, Encoding.UTF8.GetBytes(record.Partition.ToString(CultureInfo.InvariantCulture)));
        headers.Add(KafkaHeaderNames.ErrorOffset, Encoding.UTF8.GetBytes(record.Offset.ToString(CultureInfo.InvariantCulture)));
        headers.Add(KafkaHeaderNames.ErrorClassName, RejectClass);
        headers.Add(KafkaHeaderNames.ErrorMessage, Encoding.UTF8.GetBytes($"{label}: {first.Detail} (line {record.LineInRecord(first)} of the record)"));
        headers.Add(KafkaHeaderNames.ErrorReason, Encoding.UTF8.GetBytes(label));
        headers.Add(KafkaHeaderNames.ErrorRejectCount, Encoding.UTF8.GetBytes(rejects.Length.ToString(CultureInfo.InvariantCulture)));
        var message = new Message<byte[]?, byte[]?>
        {
            Key = record.Key,
            Value = record.Value,
            Headers = headers,
            Timestamp = record.Timestamp,
        };
        Produce(_options.DlqTopic, message, ok =>
        {
            if (ok)
            {
                _metrics.DeadLetter();
            }
        });
    }

    /// <summary>Waits until every produced record is acknowledged or <paramref name="timeout"/> passes.</summary>
    public void Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();

    private void Produce(string topic, Message<byte[]?, byte[]?> message, Action<bool> onDelivered)
    {
        var seq = _tracker.Issue();
        void Handler(DeliveryReport<byte[]?, byte[]?> report)
        {
            var ok = report.Error.Code == ErrorCode.NoError;
            onDelivered(ok);
            _tracker.Acknowledge(seq, ok);
        }

        while (true)
        {
            try
            {
                _producer.Produce(topic, message, Handler);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
