using System.Buffers.Text;
using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka.Replay;

/// <summary>Sends replay records to a Kafka topic with a high-throughput producer (keyed by MMSI, timestamp = event time).</summary>
internal sealed class KafkaReplaySink : IReplaySink, IDisposable
{
    private static readonly byte[] JsonContentType = Encoding.UTF8.GetBytes(Ais.Formats.AisReportJson.ContentType);
    private static readonly TimeSpan QueueFullPoll = TimeSpan.FromMilliseconds(20);
    private const int MaxCachedKeys = 1 << 20;

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;
    private readonly ReplayStatistics _statistics;
    private readonly Action<DeliveryReport<byte[], byte[]>>? _onDelivery;
    private readonly Dictionary<int, byte[]> _keys = [];

    public KafkaReplaySink(ReplayOptions options, ReplayStatistics statistics)
    {
        _topic = options.Topic;
        _statistics = statistics;
        var config = CreateConfig(options);
        _onDelivery = config.EnableDeliveryReports == false ? null : OnDelivery;
        _producer = KafkaClients.Producer<byte[], byte[]>(config, m => OnLog(m, statistics))
            .SetErrorHandler((_, e) => statistics.OnError(e.Reason))
            .Build();
    }

    /// <summary>Producer settings for throughput (lz4, large batches, short linger), then the <c>Kafka:Client</c> settings, then the user's overrides.</summary>
    public static ProducerConfig CreateConfig(ReplayOptions options)
    {
        var config = new ProducerConfig
        {
            ClientId = "edtf-replay",
            LingerMs = 10,
            BatchSize = 1_000_000,
            BatchNumMessages = 100_000,
            CompressionType = CompressionType.Lz4,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 1_048_576,
            MessageTimeoutMs = 60_000,
            EnableDeliveryReports = true,
            DeliveryReportFields = "status",
        };
        KafkaClientSettings.Apply(config, options.BootstrapServers, options.Client);
        foreach (var (key, value) in options.ProducerProperties)
        {
            config.Set(key, value);
        }

        return config;
    }

    /// <summary>Checks that the broker answers and the topic exists; returns a reason when not.</summary>
    public string? CheckTopic(TimeSpan timeout)
    {
        try
        {
            using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
            var metadata = admin.GetMetadata(_topic, timeout);
            var topic = metadata.Topics.FirstOrDefault(t => t.Topic == _topic);
            return topic is null || topic.Error.IsError || topic.Partitions.Count == 0
                ? $"topic '{_topic}' is not available: {topic?.Error.Reason ?? "not in metadata"}"
                : null;
        }
        catch (KafkaException ex)
        {
            return $"cannot reach the broker: {ex.Error.Reason}";
        }
    }

    public void Send(in ReplayRecord record)
    {
        var message = new Message<byte[], byte[]>
        {
            Key = Key(record.Mmsi),
            Value = record.Value,
            Timestamp = record.EventTimeMs is { } t ? new Timestamp(t, TimestampType.CreateTime) : Timestamp.Default,
            Headers = record.ContentType is null ? null : new Headers { { "content-type", JsonContentType } },
        };
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, _onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(QueueFullPoll);
            }
        }
    }

    public void Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();

    private byte[] Key(int mmsi)
    {
        if (_keys.TryGetValue(mmsi, out var key))
        {
            return key;
        }

        Span<byte> buffer = stackalloc byte[11];
        Utf8Formatter.TryFormat(mmsi, buffer, out var written);
        key = buffer[..written].ToArray();
        if (_keys.Count < MaxCachedKeys)
        {
            _keys[mmsi] = key;
        }

        return key;
    }

    private static void OnLog(LogMessage message, ReplayStatistics statistics)
    {
        if (message.Level <= SyslogLevel.Error)
        {
            statistics.OnError(message.Message);
        }
    }

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            _statistics.OnFailed(report.Error.Reason);
        }
        else
        {
            _statistics.OnDelivered();
        }
    }
}
