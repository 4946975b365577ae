using System.CommandLine;
using System.Globalization;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.Clients;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf run</c>: the streaming service (Kafka in, alerts out, metrics and health).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        (Option<string?> Option, string Key)[] mapped =
        [
            (new("--bootstrap-servers") { Description = "Kafka brokers (default Kafka:BootstrapServers, 127.0.0.1:9092)", HelpName = "HOST:PORT" }, "Kafka:BootstrapServers"),
            (new("--input-topic") { Description = "AIS input topic (default Kafka:InputTopic, ais.raw)", HelpName = "TOPIC" }, "Kafka:InputTopic"),
            (new("--alerts-topic") { Description = "alert topic (default Kafka:AlertsTopic, edtf.alerts)", HelpName = "TOPIC" }, "Kafka:AlertsTopic"),
            (new("--dlq-topic") { Description = "dead-letter topic (default Kafka:DlqTopic, ais.raw.dlq)", HelpName = "TOPIC" }, "Kafka:DlqTopic"),
            (new("--group-id") { Description = "consumer group (default Kafka:GroupId, edtf)", HelpName = "GROUP" }, "Kafka:GroupId"),
            (new("--cloudevents-source") { Description = "CloudEvents source of the alerts (default Kafka:CloudEventsSource)", HelpName = "URI" }, "Kafka:CloudEventsSource"),
            (new Option<string?>("--watchlist") { Description = "watch list CSV (default Detection:WatchlistPath, config/watchlist.csv)", HelpName = "FILE" }.ExistingFile(), "Detection:WatchlistPath"),
            (new Option<string?>("--ports") { Description = "port areas GeoJSON (default Detection:PortsPath, config/ports.geojson)", HelpName = "FILE" }.ExistingFile(), "Detection:PortsPath"),
            (new Option<string?>("--scope") { Description = "interest or all (default Detection:Scope, interest)" }.OneOf("interest", "all"), "Detection:Scope"),
            (new Option<string?>("--metrics-port") { Description = "port of /metrics, /healthz, /readyz (default Service:MetricsPort, 9464)", HelpName = "PORT" }
                .Accept(text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
                    ? null
                    : $"expects a port number (0 to 65535), got '{text}'."), "Service:MetricsPort"),
        ];
        var set = new Option<string[]>("--set") { Description = "any configuration key, e.g. --set Kafka:Consumer:session.timeout.ms=6000; repeatable", HelpName = "Section:Key=value" }
            .Accept(SetProblem);
        var embedded = new Option<bool>("--embedded") { Description = "start the embedded broker in this process on the bootstrap port with the three topics" };
        var partitions = new Option<int>("--partitions") { Description = "with --embedded, partitions of each topic", HelpName = "N", DefaultValueFactory = _ => 12 }.InRange(1, 10_000);
        var command = new EdtfCommand(
            "run",
            "run the streaming service: AIS from Kafka in, alerts to Kafka out, /metrics /healthz /readyz",
            """
            Configuration: config/appsettings.json, then environment variables EDTF__Section__Key, then these options.
            Every librdkafka property can be set under Kafka:Consumer / Kafka:Producer (e.g. --set Kafka:Consumer:session.timeout.ms=6000);
            Kafka:Client properties (security.protocol, sasl.*, ssl.*) go to every client. Give secrets through the environment
            (EDTF__Kafka__Client__sasl.password) or files (Kafka:Client:sasl.password.file), never --set: ps shows the command line.
            The HTTP endpoint listens on Service:MetricsHost (default 127.0.0.1; 0.0.0.0 in containers).
            --embedded starts the embedded broker in this process on the bootstrap port (default 127.0.0.1:9092) with the three topics.
            Stops gracefully on SIGINT/SIGTERM: finishes the record in hand, flushes alerts, stores offsets, closes the consumer.
            """);
        foreach (var (option, _) in mapped)
        {
            command.Options.Add(option);
        }

        command.Options.Add(set);
        command.Options.Add(embedded);
        command.Options.Add(partitions);
        command.SetRun((parseResult, cancellationToken) =>
        {
            var overrides = ConfigurationOverrides.Collect(parseResult, mapped, set);

            return RunAsync(overrides, parseResult.GetValue(embedded), parseResult.GetValue(partitions), cancellationToken);
        });
        return command;
    }

    /// <summary>Why a <c>--set</c> value is refused (null when it is fine); never repeats the value, which may be a secret.</summary>
    internal static string? SetProblem(string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return $"expects Section:Key=value, got '{pair}'.";
        }

        var key = pair[..eq];
        return KafkaConfigRedaction.IsSecret(key[(key.LastIndexOf(':') + 1)..])
            ? $"{key}: secrets do not go on the command line (ps shows it); use the environment variable EDTF__{key.Replace(":", "__", StringComparison.Ordinal)} or {key}.file."
            : null;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, bool embedded, int partitions, CancellationToken cancellationToken)
    {
        var configuration = StreamingHost.LoadConfiguration(overrides);
        EmbeddedBroker? broker = null;
        if (embedded)
        {
            var kafka = StreamingHost.BindKafka(configuration);
            var bootstrap = kafka.BootstrapServers.Split(',')[0];
            var brokerPort = int.Parse(bootstrap[(bootstrap.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions
            {
                Port = brokerPort,
                Partitions = partitions,
                Topics = [kafka.InputTopic, kafka.AlertsTopic, kafka.DlqTopic, StreamingHost.BindState(configuration).Topic],
                LeaseTopic = kafka.LeaseTopic,
                WatchlistTopic = kafka.WatchlistTopic,
            });
            await Console.Out.WriteLineAsync($"bootstrap: {broker.BootstrapServers}").ConfigureAwait(false);
            overrides["Kafka:BootstrapServers"] = broker.BootstrapServers;
            configuration = StreamingHost.LoadConfiguration(overrides);
        }

        try
        {
            await using var app = StreamingHost.Build(configuration, Metrics.DefaultRegistry);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"metrics: {StreamingHost.BoundAddress(app)}/metrics").ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return Environment.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interruptible.InterruptedExitCode; // stopped while starting
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            throw new CommandLineException($"configuration: {string.Join("; ", e.Failures)}.");
        }
        finally
        {
            broker?.Dispose();
        }
    }
}
