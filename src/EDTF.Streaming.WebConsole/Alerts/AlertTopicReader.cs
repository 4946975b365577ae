using Confluent.Kafka;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.Clients;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.WebConsole.Alerts;

/// <summary>
/// Reads the alert topic from its beginning into the <see cref="AlertStore"/>: every partition assigned directly (no
/// consumer group, nothing committed), so each console instance holds the whole topic. Runs on a thread of its own.
/// </summary>
internal sealed partial class AlertTopicReader(KafkaOptions kafka, string topic, AlertStore store, ILogger<AlertTopicReader> logger)
    : BackgroundService
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Set once every partition has been read to the end it had when the reader started (the console shows the whole topic).</summary>
    public bool CaughtUp { get; private set; }

    /// <summary>The reading consumer: a throw-away group id (librdkafka needs one; nothing is committed), EOF events, the <c>Kafka:Client</c> settings.</summary>
    internal static ConsumerConfig ConsumerConfig(KafkaOptions kafka) => TopicReaderConfig.For(kafka, "edtf-console");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var onLog = KafkaLog.To(line => LogKafka(logger, line), SyslogLevel.Warning);
        var partitions = WaitForPartitions(onLog, stoppingToken);
        if (partitions is null)
        {
            return;
        }

        using var consumer = KafkaClients.Consumer<byte[], byte[]>(ConsumerConfig(kafka), onLog).Build();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var atEnd = new HashSet<int>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var result = consumer.Consume(PollInterval);
                if (result is null)
                {
                    continue;
                }

                if (result.IsPartitionEOF)
                {
                    atEnd.Add(result.Partition.Value);
                    CaughtUp |= atEnd.Count == partitions.Count;
                    continue;
                }

                if (result.Message.Value is not { } value)
                {
                    continue;
                }

                if (AlertView.TryParse(value, out var view, out var error))
                {
                    store.Add(view!);
                }
                else
                {
                    LogSkipped(logger, result.TopicPartitionOffset.ToString(), error!);
                }
            }
        }
        catch (ConsumeException ex)
        {
            LogStopped(logger, ex.Error.Reason);
        }
        finally
        {
            consumer.Close();
        }
    }

    /// <summary>The topic's partitions, asking again until the topic exists; null when stopped first.</summary>
    private List<int>? WaitForPartitions(Action<LogMessage> onLog, CancellationToken stoppingToken)
    {
        using var admin = KafkaClients.Admin(KafkaClientSettings.Apply(new AdminClientConfig(), kafka), onLog).Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var metadata = admin.GetMetadata(topic, MetadataTimeout).Topics.FirstOrDefault(t => t.Topic == topic);
                if (metadata is { Error.IsError: false, Partitions.Count: > 0 })
                {
                    return [.. metadata.Partitions.Select(p => p.PartitionId).Order()];
                }

                LogWaiting(logger, topic, kafka.BootstrapServers, metadata?.Error.Reason ?? "not in metadata");
            }
            catch (KafkaException ex)
            {
                LogWaiting(logger, topic, kafka.BootstrapServers, ex.Error.Reason);
            }

            stoppingToken.WaitHandle.WaitOne(RetryInterval);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "alert topic {Topic} at {Bootstrap} not available yet ({Reason}); asking again")]
    private static partial void LogWaiting(ILogger logger, string topic, string bootstrap, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "skipped {Position}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string position, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "stopped reading the alert topic: {Reason}")]
    private static partial void LogStopped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Line}")]
    private static partial void LogKafka(ILogger logger, string line);
}
