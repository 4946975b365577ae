using System.Diagnostics;
using Confluent.Kafka;
using EDTF.Streaming.Cli.Alerts;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf alerts</c>: reads the alert topic and shows alerts as a table that updates as they open and close, or as JSON bodies.</summary>
internal sealed class AlertsCommand : ICommand
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(30);

    public string Name => "alerts";

    public string Summary => "show the alerts on the alert topic (table that updates as alerts open and close, or --json)";

    public string Usage => """
        edtf alerts [--bootstrap-servers H:P] [--topic edtf.alerts] [--follow] [--from-beginning] [--type T] [--json]

          --bootstrap-servers  Kafka brokers (default Kafka:BootstrapServers: $EDTF__Kafka__BootstrapServers or 127.0.0.1:9092)
          --topic              alert topic (default edtf.alerts)
          --follow             keep reading new alerts until Ctrl-C (a live table on a terminal, a line per update otherwise)
          --from-beginning     with --follow, show the alerts already on the topic too (without --follow the whole topic is always read)
          --type               only alerts of this type (DarkPeriod, ShipToShipTransfer, PortCall, ShipToShipTransferOneSideDark, IdentityChange, IdentityConflict)
          --json               print the alert bodies (contract JSON), one per line, instead of the table

        Connects like the service: Kafka:BootstrapServers and the Kafka:Client settings (security.protocol, sasl.*, ssl.*)
        from config/appsettings.json and EDTF__Kafka__... environment variables (docs/configuration.md).

        Alerts are upserted by alertId: a closed update replaces its open one. Reads every partition directly
        (no consumer group, nothing committed).
        """;

    public async Task<int> RunAsync(CommandLineArgs args)
    {
        var kafka = StreamingHost.BindKafka(StreamingHost.LoadConfiguration(new Dictionary<string, string?>()));
        kafka.BootstrapServers = args.Get("bootstrap-servers") ?? kafka.BootstrapServers;
        var topic = args.Get("topic", "edtf.alerts")!;
        var follow = args.Flag("follow");
        var fromBeginning = args.Flag("from-beginning") || !follow;
        var json = args.Flag("json");
        var type = args.Get("type");
        args.RejectUnknown();

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var view = new AlertsView(Console.Out, json, follow, terminal: !Console.IsOutputRedirected, type, () => SafeWindowHeight());
            return await Task.Run(() => Read(kafka, topic, follow, fromBeginning, view, cancel.Token)).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Reads the topic into the view; returns the exit code.</summary>
    internal static int Read(KafkaOptions kafka, string topic, bool follow, bool fromBeginning, AlertsView view, CancellationToken cancellationToken)
    {
        var bootstrap = kafka.BootstrapServers;
        var onLog = KafkaLog.To(line => Console.Error.WriteLine($"edtf alerts: {line}"), SyslogLevel.Warning);
        List<int> partitions;
        try
        {
            using var admin = KafkaClients.Admin(KafkaClientSettings.Apply(new AdminClientConfig(), kafka), onLog).Build();
            var metadata = admin.GetMetadata(topic, MetadataTimeout).Topics.FirstOrDefault(t => t.Topic == topic);
            if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
            {
                Console.Error.WriteLine($"edtf alerts: topic '{topic}' is not available ({metadata?.Error.Reason ?? "not in metadata"}) at {bootstrap}");
                return 1;
            }

            partitions = [.. metadata.Partitions.Select(p => p.PartitionId).Order()];
        }
        catch (KafkaException ex)
        {
            Console.Error.WriteLine($"edtf alerts: cannot reach the broker at {bootstrap}: {ex.Error.Reason}");
            return 1;
        }

        using var consumer = KafkaClients.Consumer<byte[], byte[]>(ConsumerConfig(kafka), onLog).Build();
        var start = fromBeginning ? Offset.Beginning : Offset.End;
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, start)));
        var atEnd = new HashSet<int>();
        var lastActivity = Stopwatch.GetTimestamp(); // a bound on real I/O: monotonic elapsed time
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = consumer.Consume(PollInterval);
                view.Tick();
                if (result is null)
                {
                    if (!follow && Stopwatch.GetElapsedTime(lastActivity) > QuietLimit)
                    {
                        Console.Error.WriteLine("edtf alerts: no end of topic reported within 30 s; showing what was read.");
                        break;
                    }

                    continue;
                }

                lastActivity = Stopwatch.GetTimestamp();
                if (result.IsPartitionEOF)
                {
                    atEnd.Add(result.Partition.Value);
                    if (!follow && atEnd.Count == partitions.Count)
                    {
                        break;
                    }

                    continue;
                }

                atEnd.Remove(result.Partition.Value);
                if (result.Message.Value is { } value && view.Add(value) is { } warning)
                {
                    Console.Error.WriteLine($"edtf alerts: skipped {result.TopicPartitionOffset}: {warning}");
                }
            }
        }
        catch (ConsumeException ex)
        {
            Console.Error.WriteLine($"edtf alerts: {ex.Error.Reason}");
            return 1;
        }
        finally
        {
            consumer.Close();
        }

        view.Complete();
        return 0;
    }

    /// <summary>The reading consumer: a throw-away group (nothing is committed), EOF events, brokers and <c>Kafka:Client</c>.</summary>
    internal static ConsumerConfig ConsumerConfig(KafkaOptions kafka) => KafkaClientSettings.Apply(
        new ConsumerConfig
        {
            GroupId = "edtf-alerts-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            ClientId = "edtf-alerts",
        },
        kafka);

    private static int SafeWindowHeight()
    {
        try
        {
            return Console.WindowHeight > 0 ? Console.WindowHeight : 40;
        }
        catch (IOException)
        {
            return 40;
        }
    }
}
