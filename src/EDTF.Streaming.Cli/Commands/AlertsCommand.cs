using System.CommandLine;
using System.Diagnostics;
using Confluent.Kafka;
using EDTF.Streaming.Cli.Alerts;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf alerts</c>: reads the alert topic and shows alerts as a table that updates as they open and close, or as JSON bodies.</summary>
internal static class AlertsCommand
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var bootstrapServers = new Option<string?>("--bootstrap-servers")
        {
            Description = "Kafka brokers (default Kafka:BootstrapServers: $EDTF__Kafka__BootstrapServers or 127.0.0.1:9092)",
            HelpName = "HOST:PORT",
        };
        var topic = new Option<string>("--topic") { Description = "alert topic", HelpName = "TOPIC", DefaultValueFactory = _ => "edtf.alerts" };
        var follow = new Option<bool>("--follow") { Description = "keep reading new alerts until Ctrl-C (a live table on a terminal, a line per update otherwise)" };
        var fromBeginning = new Option<bool>("--from-beginning")
        {
            Description = "with --follow, show the alerts already on the topic too (without --follow the whole topic is always read)",
        };
        var type = new Option<string?>("--type") { Description = "only alerts of this type (DarkPeriod, ShipToShipTransfer, PortCall, ShipToShipTransferOneSideDark, IdentityChange, IdentityConflict; default: every type)", HelpName = "TYPE" };
        var json = new Option<bool>("--json") { Description = "print the alert bodies (contract JSON), one per line, instead of the table" };
        var command = new EdtfCommand(
            "alerts",
            "show the alerts on the alert topic (table that updates as alerts open and close, or --json)",
            """
            Connects like the service: Kafka:BootstrapServers and the Kafka:Client settings (security.protocol, sasl.*, ssl.*)
            from config/appsettings.json and EDTF__Kafka__... environment variables (docs/configuration.md).
            Alerts are upserted by alertId: a closed update replaces its open one. Reads every partition directly
            (no consumer group, nothing committed).
            """)
        {
            bootstrapServers, topic, follow, fromBeginning, type, json,
        };
        command.SetRun((parseResult, cancellationToken) =>
        {
            var kafka = StreamingHost.BindKafka(StreamingHost.LoadConfiguration(new Dictionary<string, string?>()));
            kafka.BootstrapServers = parseResult.GetValue(bootstrapServers) ?? kafka.BootstrapServers;
            var following = parseResult.GetValue(follow);
            var view = new AlertsView(
                Console.Out, parseResult.GetValue(json), following, terminal: !Console.IsOutputRedirected, parseResult.GetValue(type), () => SafeWindowHeight());
            var fromStart = parseResult.GetValue(fromBeginning) || !following;
            return Task.Run(() => Read(kafka, parseResult.GetRequiredValue(topic), following, fromStart, view, cancellationToken), CancellationToken.None);
        });
        return command;
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
    internal static ConsumerConfig ConsumerConfig(KafkaOptions kafka) => TopicReaderConfig.For(kafka, "edtf-alerts");

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
