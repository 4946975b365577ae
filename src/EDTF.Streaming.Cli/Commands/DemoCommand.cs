using System.Globalization;
using EDTF.Streaming.Cli.Demo;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Simulation;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf demo</c>: the whole system on one machine, no Kafka needed: simulated traffic through the embedded broker and the service, alerts shown live, scored against the script.</summary>
internal sealed class DemoCommand : ICommand
{
    public string Name => "demo";

    public string Summary => "run everything in process: embedded broker, simulated traffic, the service, live alerts, score";

    public string Usage => """
        edtf demo [--scenario FILE] [--seed N] [--output DIR] [--speed N|max] [--metrics-port 9464]
                  [--broker-port 0] [--partitions 12]

          --scenario      scenario JSON (default config/scenarios/demo.json: 10 h, ~45 vessels, every behaviour and decoy)
          --seed          overrides the scenario's seed
          --output        keep the simulation (ais.nmea, truth.json) in DIR (default: a temporary directory, removed)
          --speed         event-time seconds per second; max = unpaced (default: the scenario in about 60 s, 600x for demo.json)
          --metrics-port  /metrics, /healthz, /readyz (default 9464; a free port when it is busy; the URL is printed)
          --broker-port   port of the embedded broker (default 0: a free port)
          --partitions    partitions of each topic (default 12)

        Starts the embedded broker (topics ais.raw, edtf.alerts, ais.raw.dlq), simulates the scenario, produces its
        traffic to ais.raw keyed by MMSI, runs the edtf run service in this process and shows the alerts from
        edtf.alerts as they arrive (redrawn in place on a terminal, appended lines otherwise). At the end of the
        traffic the input is declared ended so the service releases its last lateness window; the summary gives
        the records, the service's counters, alerts by type and status, and found vs scripted behaviours (truth.json).
        Exit codes: 0 ran (a miss is reported, not failed), 1 error, 2 bad arguments, 130 interrupted (Ctrl-C).
        """;

    public async Task<int> RunAsync(CommandLineArgs args)
    {
        var options = ParseOptions(args);
        args.RejectUnknown();
        using var signal = new ShutdownSignal();
        var terminal = !Console.IsOutputRedirected;
        var screen = new DemoScreen(Console.Out, terminal, ScreenSize);
        DemoResult result;
        try
        {
            result = await new DemoRunner(options, screen).RunAsync(signal.Token).ConfigureAwait(false);
        }
        catch (ScenarioException ex)
        {
            await Console.Error.WriteLineAsync($"edtf demo: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        screen.Write(DemoSummary.Render(result));
        return result.Interrupted ? 130 : 0;
    }

    private static DemoOptions ParseOptions(CommandLineArgs args)
    {
        var scenario = args.Get("scenario") ?? DefaultScenario()
            ?? throw new CommandLineException("--scenario is required (config/scenarios/demo.json was not found).");
        if (!File.Exists(scenario))
        {
            throw new CommandLineException($"scenario not found: {scenario}");
        }

        long? seed = args.Get("seed") is { } s
            ? long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new CommandLineException($"--seed expects a whole number, got '{s}'.")
            : null;
        var metricsPort = Port(args, "metrics-port", 9464);
        var brokerPort = Port(args, "broker-port", 0);
        var partitions = args.GetInt("partitions", 12);
        if (partitions is < 1 or > 1000)
        {
            throw new CommandLineException($"--partitions expects 1 to 1000, got {partitions}.");
        }

        return new DemoOptions
        {
            ScenarioPath = scenario,
            Seed = seed,
            OutputDirectory = args.Get("output"),
            Speed = args.Get("speed") is { } speed ? ParseSpeed(speed) : null,
            MetricsPort = metricsPort,
            BrokerPort = brokerPort,
            Partitions = partitions,
            Registry = Prometheus.Metrics.DefaultRegistry,
        };
    }

    private static string? DefaultScenario() =>
        DefaultConfig.Directory is { } dir && Path.Combine(dir, "scenarios", "demo.json") is var path && File.Exists(path) ? path : null;

    private static int Port(CommandLineArgs args, string name, int fallback)
    {
        var port = args.GetInt(name, fallback);
        return port is >= 0 and <= 65535 ? port : throw new CommandLineException($"--{name} expects a port number (0 to 65535), got {port}.");
    }

    private static double ParseSpeed(string text)
    {
        if (text.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && speed > 0 && double.IsFinite(speed)
            ? speed
            : throw new CommandLineException($"--speed expects a positive number or 'max', got '{text}'.");
    }

    private static (int Rows, int Columns) ScreenSize()
    {
        try
        {
            return (Console.WindowHeight > 0 ? Console.WindowHeight : 40, Console.WindowWidth > 0 ? Console.WindowWidth : 160);
        }
        catch (IOException)
        {
            return (40, 160);
        }
    }
}
