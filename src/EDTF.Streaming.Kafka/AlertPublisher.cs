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
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly KafkaOptions _options;
    private readonly OffsetTracker _tracker;
    private readonly IStreamingMetrics _metrics;
    private readonly byte[] _source;
    private readonly Action<string> _log;
    private readonly System.Collections.Concurrent.ConcurrentQueue<(Message<byte[]?, byte[]?> Message, string Where)> _references = new();
    private long _deadLetterFailures;

    public AlertPublisher(KafkaOptions options, OffsetTracker tracker, IStreamingMetrics metrics, Action<string> log)
    {
        _options = options;
        _tracker = tracker;
        _metrics = metrics;
        _source = Encoding.UTF8.GetBytes(options.CloudEventsSource);
        _log = log;
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

    /// <summary>The CloudEvents <c>ce_id</c>: the same update (replayed after a crash) keeps its id, different updates differ (<see cref="AlertEventIds"/>).</summary>
    public static string CloudEventId(AlertUpdate alert) => AlertEventIds.Of(alert);

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

    /// <summary>Dead letters that could not be written, with their value or as a reference (counted; the stream went on).</summary>
    public long DeadLetterFailures => Interlocked.Read(ref _deadLetterFailures);

    /// <summary>
    /// Produces the record to the dead-letter topic with headers saying where it came from and why it failed, its value cut to
    /// <see cref="KafkaOptions.MaxDeadLetterBytes"/>. When the topic refuses it, a reference alone (topic, partition, offset,
    /// reason) is tried once (<see cref="ProduceReferences"/>); a dead letter that cannot be written is logged and counted, and
    /// never stops the stream.
    /// </summary>
    public void PublishDeadLetter(string topic, DeadLetter record) =>
        ProduceDeadLetter(DeadLetterMessages.Full(topic, record, _options.MaxDeadLetterBytes), DeadLetterMessages.Describe(topic, record),
            () => DeadLetterMessages.Reference(topic, record));

    /// <summary>Processing thread: produces the references of dead letters the topic refused (queued by delivery reports).</summary>
    public void ProduceReferences()
    {
        while (_references.TryDequeue(out var r))
        {
            ProduceDeadLetter(r.Message, r.Where, fallback: null);
        }
    }

    /// <summary>Waits until every produced record is acknowledged or <paramref name="timeout"/> passes.</summary>
    public void Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();

    private void ProduceDeadLetter(Message<byte[]?, byte[]?> message, string where, Func<Message<byte[]?, byte[]?>>? fallback)
    {
        var seq = _tracker.Issue();
        void Failed(Error error)
        {
            var n = fallback is null ? Interlocked.Increment(ref _deadLetterFailures) : Interlocked.Read(ref _deadLetterFailures);
            if (fallback is null)
            {
                _metrics.DeadLetterError(); // counted once the reference failed too: nothing of the record reached the topic
            }

            if (n <= 10 || n % 1_000 == 0)
            {
                _log(fallback is null
                    ? $"error: dead letter for {where} could not be written ({error.Reason}); the record stays at that offset of the input topic ({n} dead-letter failure(s) so far)"
                    : $"warn: dead letter for {where} refused by {_options.DlqTopic} ({error.Reason}); writing a reference without the value instead");
            }

            if (fallback is not null)
            {
                _references.Enqueue((fallback(), where));
            }
        }

        void Handler(DeliveryReport<byte[]?, byte[]?> report)
        {
            if (report.Error.Code == ErrorCode.NoError)
            {
                _metrics.DeadLetter();
            }
            else
            {
                Failed(report.Error);
            }

            _tracker.Acknowledge(seq, success: true); // a dead letter never holds the stream's offsets
        }

        while (true)
        {
            try
            {
                _producer.Produce(_options.DlqTopic, message, Handler);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
            catch (ProduceException<byte[]?, byte[]?> e)
            {
                Failed(e.Error);
                _tracker.Acknowledge(seq, success: true);
                return;
            }
        }
    }

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
