using System.Globalization;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.Clients;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf run</c>: the streaming service (Kafka in, alerts out, metrics and health).</summary>
internal sealed class RunCommand : ICommand
{
    private static readonly (string Option, string Key)[] Mapped =
    [
        ("bootstrap-servers", "Kafka:BootstrapServers"),
        ("input-topic", "Kafka:InputTopic"),
        ("alerts-topic", "Kafka:AlertsTopic"),
        ("dlq-topic", "Kafka:DlqTopic"),
        ("group-id", "Kafka:GroupId"),
        ("cloudevents-source", "Kafka:CloudEventsSource"),
        ("watchlist", "Detection:WatchlistPath"),
        ("ports", "Detection:PortsPath"),
        ("scope", "Detection:Scope"),
        ("metrics-port", "Service:MetricsPort"),
    ];

    public string Name => "run";

    public string Summary => "run the streaming service: AIS from Kafka in, alerts to Kafka out, /metrics /healthz /readyz";

    public string Usage => """
        edtf run [--bootstrap-servers HOST:PORT] [--input-topic ais.raw] [--alerts-topic edtf.alerts] [--dlq-topic ais.raw.dlq]
                 [--group-id edtf] [--cloudevents-source URI] [--watchlist FILE] [--ports FILE] [--scope interest|all]
                 [--metrics-port 9464] [--set Section:Key=value ...] [--embedded [--partitions 12]]

        Configuration: config/appsettings.json, then environment variables EDTF__Section__Key, then these options.
        Every librdkafka property can be set under Kafka:Consumer / Kafka:Producer (e.g. --set Kafka:Consumer:session.timeout.ms=6000);
        Kafka:Client properties (security.protocol, sasl.*, ssl.*) go to every client. Give secrets through the environment
        (EDTF__Kafka__Client__sasl.password) or files (Kafka:Client:sasl.password.file), never --set: ps shows the command line.
        The HTTP endpoint listens on Service:MetricsHost (default 127.0.0.1; 0.0.0.0 in containers).
        --embedded starts the embedded broker in this process on the bootstrap port (default 127.0.0.1:9092) with the three topics.
        Stops gracefully on SIGINT/SIGTERM: finishes the record in hand, flushes alerts, stores offsets, closes the consumer.
        """;

    public async Task<int> RunAsync(CommandLineArgs args)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (option, key) in Mapped)
        {
            if (args.Get(option) is { } value)
            {
                overrides[key] = value;
            }
        }

        foreach (var set in args.GetAll("set"))
        {
            var eq = set.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CommandLineException($"--set expects Section:Key=value, got '{set}'.");
            }

            var key = set[..eq];
            if (KafkaConfigRedaction.IsSecret(key[(key.LastIndexOf(':') + 1)..]))
            {
                throw new CommandLineException($"--set {key}: secrets do not go on the command line (ps shows it); use the environment variable EDTF__{key.Replace(":", "__", StringComparison.Ordinal)} or {key}.file.");
            }

            overrides[key] = set[(eq + 1)..];
        }

        var embedded = args.Flag("embedded");
        var partitions = args.GetInt("partitions", 12);
        args.RejectUnknown();
        if (overrides.TryGetValue("Service:MetricsPort", out var mp) && (!int.TryParse(mp, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535))
        {
            throw new CommandLineException($"--metrics-port expects a port number, got '{mp}'.");
        }

        foreach (var file in new[] { "Detection:WatchlistPath", "Detection:PortsPath" })
        {
            if (overrides.TryGetValue(file, out var path) && !File.Exists(path))
            {
                throw new CommandLineException($"file not found: {path}");
            }
        }

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
                Topics = [kafka.InputTopic, kafka.AlertsTopic, kafka.DlqTopic],
            });
            await Console.Out.WriteLineAsync($"bootstrap: {broker.BootstrapServers}").ConfigureAwait(false);
            overrides["Kafka:BootstrapServers"] = broker.BootstrapServers;
            configuration = StreamingHost.LoadConfiguration(overrides);
        }

        try
        {
            await using var app = StreamingHost.Build(configuration, Metrics.DefaultRegistry);
            await app.StartAsync().ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"metrics: {StreamingHost.BoundAddress(app)}/metrics").ConfigureAwait(false);
            await app.WaitForShutdownAsync().ConfigureAwait(false);
            return Environment.ExitCode;
        }
        finally
        {
            broker?.Dispose();
        }
    }
}
