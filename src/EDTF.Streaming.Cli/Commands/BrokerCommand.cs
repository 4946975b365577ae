using System.Net.Sockets;
using EDTF.Streaming.Cli.Broker;
using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf broker</c>: runs the embedded Kafka-protocol broker until SIGINT/SIGTERM.</summary>
internal sealed class BrokerCommand : ICommand
{
    public string Name => "broker";

    public string Summary => "run an in-memory Kafka-protocol broker (librdkafka mock cluster) for development";

    public string Usage => """
        edtf broker [--port 9092] [--brokers 1] [--partitions 12] [--topics ais.raw,edtf.alerts,ais.raw.dlq]
                    [--bind 127.0.0.1] [--advertised-host 127.0.0.1] [--control-port N]

        Starts librdkafka's mock cluster in this process behind fixed TCP ports (broker n on port + n - 1; 0 = any free port),
        creates the topics, prints 'bootstrap: HOST:PORT' once it accepts connections and runs until SIGINT/SIGTERM.
        Limits: plaintext only, in memory, ~5 MiB / 100,000 batches kept per partition, no CreateTopics, no transaction
        isolation. For development, tests and the demo; production uses a real Kafka cluster.
        --control-port N (0 = any free port): an HTTP endpoint on 127.0.0.1 that injects faults (brokers down/up, request
        errors, round-trip delay); prints 'control: URL'. See docs/service.md, "Fault injection".
        """;

    public async Task<int> RunAsync(CommandLineArgs args)
    {
        var options = new EmbeddedBrokerOptions
        {
            Port = args.GetInt("port", 9092),
            Brokers = args.GetInt("brokers", 1),
            Partitions = args.GetInt("partitions", 12),
            Topics = (args.Get("topics") ?? "ais.raw,edtf.alerts,ais.raw.dlq")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            BindAddress = args.Get("bind") ?? "127.0.0.1",
            AdvertisedHost = args.Get("advertised-host") ?? "127.0.0.1",
        };
        int? controlPort = args.Get("control-port") is null ? null : args.GetInt("control-port", 0);
        args.RejectUnknown();
        if (controlPort is < 0 or > 65535)
        {
            throw new CommandLineException("--control-port must be 0-65535.");
        }

        if (options.Port is < 0 or > 65535 || options.Brokers is < 1 or > 16 || options.Partitions is < 1 or > 10_000)
        {
            throw new CommandLineException("--port must be 0-65535, --brokers 1-16, --partitions 1-10000.");
        }

        if (!System.Net.IPAddress.TryParse(options.BindAddress, out _))
        {
            throw new CommandLineException($"--bind expects an IP address, got '{options.BindAddress}'.");
        }

        using var signal = new ShutdownSignal();
        EmbeddedBroker broker;
        try
        {
            broker = EmbeddedBroker.Start(options);
        }
        catch (SocketException e)
        {
            await Console.Error.WriteLineAsync($"edtf broker: cannot listen on port {options.Port}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        using (broker)
        {
            await using var control = controlPort is { } port ? await BrokerControl.StartAsync(broker.Faults, port).ConfigureAwait(false) : null;
            await Console.Out.WriteLineAsync($"bootstrap: {broker.BootstrapServers}").ConfigureAwait(false);
            if (control is not null)
            {
                await Console.Out.WriteLineAsync($"control: {control.Address}/faults").ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync($"topics: {string.Join(',', options.Topics)} ({options.Partitions} partitions each)").ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, signal.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("edtf broker: stopping").ConfigureAwait(false);
            }
        }

        return 0;
    }
}
