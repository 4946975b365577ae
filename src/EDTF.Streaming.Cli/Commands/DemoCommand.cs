using System.CommandLine;
using System.Globalization;
using EDTF.Streaming.Cli.Demo;
using EDTF.Streaming.Cli.Replay;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Simulation;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf demo</c>: the whole system on one machine, no Kafka needed: simulated traffic through the embedded broker and the service, alerts shown live, scored against the script.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var scenario = new Option<string?>("--scenario")
        {
            Description = "scenario JSON (default config/scenarios/demo.json: 10 h, ~45 vessels, every behaviour and decoy)",
            HelpName = "FILE",
        }.ExistingFile();
        var seed = SharedOptions.Seed("overrides the scenario's seed");
        var output = new Option<string?>("--output")
        {
            Description = "keep the simulation (ais.nmea, truth.json) in DIR (default: a temporary directory, removed)",
            HelpName = "DIR",
        };
        var speed = SharedOptions.Speed("event-time seconds per second; max = unpaced (default: the scenario in about 60 s, 600x for demo.json)");
        var metricsPort = new Option<int>("--metrics-port")
        {
            Description = "/metrics, /healthz, /readyz (a free port when it is busy; the URL is printed)",
            HelpName = "PORT",
            DefaultValueFactory = _ => 9464,
        }.InRange(0, 65535);
        var consolePort = new Option<int>("--console-port")
        {
            Description = "the console: the alerts on a map in the browser, sign-in off, loopback only (a free port when it is busy; the URL is printed)",
            HelpName = "PORT",
            DefaultValueFactory = _ => 8080,
        }.InRange(0, 65535);
        var brokerPort = new Option<int>("--broker-port") { Description = "port of the embedded broker (0: a free port)", HelpName = "PORT", DefaultValueFactory = _ => 0 }.InRange(0, 65535);
        var partitions = new Option<int>("--partitions") { Description = "partitions of each topic", HelpName = "N", DefaultValueFactory = _ => 12 }.InRange(1, 1000);
        var command = new EdtfCommand(
            "demo",
            "run everything in process: embedded broker, simulated traffic, the service, live alerts, score",
            """
            Starts the embedded broker (topics ais.raw, edtf.alerts, ais.raw.dlq), simulates the scenario, produces its
            traffic to ais.raw keyed by MMSI, runs the edtf run service in this process and shows the alerts from
            edtf.alerts as they arrive (redrawn in place on a terminal, appended lines otherwise), and the console
            (edtf console, sign-in off, on 127.0.0.1) whose address it prints: the same alerts on a map, in the browser. At the end of the
            traffic the input is declared ended so the service releases its last lateness window; the summary gives
            the records, the service's counters, alerts by type and status, and found vs scripted behaviours (truth.json).
            Exit codes: 0 ran (a miss is reported, not failed), 1 error, 2 bad arguments, 130 interrupted (Ctrl-C).
            """)
        {
            scenario, seed, output, speed, metricsPort, consolePort, brokerPort, partitions,
        };
        command.SetRun((parseResult, cancellationToken) => RunAsync(
            new DemoOptions
            {
                ScenarioPath = parseResult.GetValue(scenario) ?? DefaultScenario()
                    ?? throw new CommandLineException("--scenario is required (config/scenarios/demo.json was not found)."),
                Seed = parseResult.GetValue(seed),
                OutputDirectory = parseResult.GetValue(output),
                Speed = parseResult.GetValue(speed) is { } text ? SpeedArgument.Parse(text) : null,
                MetricsPort = parseResult.GetValue(metricsPort),
                ConsolePort = parseResult.GetValue(consolePort),
                BrokerPort = parseResult.GetValue(brokerPort),
                Partitions = parseResult.GetValue(partitions),
                Registry = Prometheus.Metrics.DefaultRegistry,
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        var terminal = !Console.IsOutputRedirected;
        var screen = new DemoScreen(Console.Out, terminal, ScreenSize);
        DemoResult result;
        try
        {
            result = await new DemoRunner(options, screen).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioException ex)
        {
            await Console.Error.WriteLineAsync($"edtf demo: {ex.Message}").ConfigureAwait(false);
            return EdtfCommandLine.UsageError;
        }

        screen.Write(DemoSummary.Render(result));
        return result.Interrupted ? Interruptible.InterruptedExitCode : 0;
    }

    private static string? DefaultScenario() =>
        DefaultConfig.Directory is { } dir && Path.Combine(dir, "scenarios", "demo.json") is var path && File.Exists(path) ? path : null;

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
