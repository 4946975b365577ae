using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using EDTF.Streaming.Cli.Broker;
using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf broker</c>: runs the embedded Kafka-protocol broker until SIGINT/SIGTERM.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "TCP port of broker 1 (broker n listens on port + n - 1; 0 = any free port)",
            HelpName = "PORT",
            DefaultValueFactory = _ => 9092,
        }.InRange(0, 65535);
        var brokers = new Option<int>("--brokers") { Description = "number of brokers", HelpName = "N", DefaultValueFactory = _ => 1 }.InRange(1, 16);
        var partitions = new Option<int>("--partitions") { Description = "partitions of each topic", HelpName = "N", DefaultValueFactory = _ => 12 }.InRange(1, 10_000);
        var topics = new Option<string>("--topics") { Description = "topics to create, comma-separated", HelpName = "TOPICS", DefaultValueFactory = _ => "ais.raw,edtf.alerts,ais.raw.dlq,edtf.state" };
        var bind = new Option<string>("--bind") { Description = "IP address to listen on", HelpName = "IP", DefaultValueFactory = _ => "127.0.0.1" }
            .Accept(text => IPAddress.TryParse(text, out _) ? null : $"expects an IP address, got '{text}'.");
        var advertisedHost = new Option<string>("--advertised-host") { Description = "host name the brokers advertise to clients", HelpName = "HOST", DefaultValueFactory = _ => "127.0.0.1" };
        var controlPort = new Option<int?>("--control-port")
        {
            Description = "HTTP endpoint on 127.0.0.1 that injects faults (brokers down/up, request errors, round-trip delay; 0 = any free port); prints 'control: URL' (default: no endpoint). See docs/service.md, \"Fault injection\"",
            HelpName = "PORT",
        };
        controlPort.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 0 or > 65535)
            {
                r.AddError("--control-port: expects 0 to 65535.");
            }
        });
        var command = new EdtfCommand(
            "broker",
            "run an in-memory Kafka-protocol broker (librdkafka mock cluster) for development",
            """
            Starts librdkafka's mock cluster in this process behind fixed TCP ports, creates the topics, prints
            'bootstrap: HOST:PORT' once it accepts connections and runs until SIGINT/SIGTERM.
            Limits: plaintext only, in memory, ~5 MiB / 100,000 batches kept per partition, no CreateTopics, no transaction
            isolation. For development, tests and the demo; production uses a real Kafka cluster.
            """)
        {
            port, brokers, partitions, topics, bind, advertisedHost, controlPort,
        };
        command.SetRun((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(controlPort),
            new EmbeddedBrokerOptions
            {
                Port = parseResult.GetValue(port),
                Brokers = parseResult.GetValue(brokers),
                Partitions = parseResult.GetValue(partitions),
                Topics = parseResult.GetRequiredValue(topics).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                BindAddress = parseResult.GetRequiredValue(bind),
                AdvertisedHost = parseResult.GetRequiredValue(advertisedHost),
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int? controlPort, EmbeddedBrokerOptions options, CancellationToken cancellationToken)
    {
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
            await Console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("edtf broker: stopping").ConfigureAwait(false);
            }
        }

        return 0;
    }
}
