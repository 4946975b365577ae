using System.Diagnostics;
using System.Globalization;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Simulation;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.Replay;
using EDTF.Streaming.WebConsole;
using EDTF.Streaming.WebConsole.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Prometheus;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>
/// Runs the demo end to end in this process: simulate a scenario, start the embedded broker and the <c>edtf run</c> service,
/// replay the traffic into the input topic at the chosen speed, show the alerts as they arrive, then end the input, wait
/// until the service has completed it and every alert has been read, and score the alerts against the truth.
/// </summary>
internal sealed class DemoRunner(DemoOptions options, DemoScreen screen)
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AssignTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CompleteTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AlertsTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);
    private readonly List<string> _problems = [];
    private readonly DemoAlertBoard _board = new();
    private volatile string _phase = "starting";

    /// <summary>Runs the demo; <paramref name="cancellationToken"/> (Ctrl-C) ends it early, still with a result.</summary>
    /// <exception cref="ScenarioException">The scenario file is invalid.</exception>
    public async Task<DemoResult> RunAsync(CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        var scenario = ScenarioLoader.Load(options.ScenarioPath);
        var directory = options.OutputDirectory ?? Path.Combine(Path.GetTempPath(), "edtf-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var truth = ScenarioSimulator.Run(scenario, directory, options.Seed, SimulationFormats.Nmea);
            var speed = options.EffectiveSpeed(scenario.DurationHours);
            var expected = truth.Behaviours.Count(b => b.Expected);
            screen.Info(string.Create(CultureInfo.InvariantCulture,
                $"edtf demo: scenario '{truth.Scenario}' seed {truth.Seed}, {truth.Start} to {truth.End}: {truth.Statistics.Vessels} vessels, " +
                $"{truth.Statistics.NmeaLines:N0} NMEA lines, {expected} behaviours to find, {truth.Behaviours.Count - expected} decoys"));
            screen.Info($"  simulated into {directory}{(options.OutputDirectory is null ? " (removed at the end; --output DIR keeps it)" : "")}");
            return await RunWithBrokerAsync(truth, Path.Combine(directory, ScenarioSimulator.NmeaFileName), speed, wall, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (options.OutputDirectory is null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private async Task<DemoResult> RunWithBrokerAsync(GroundTruth truth, string nmeaPath, double speed, Stopwatch wall, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Kafka:GroupId"] = "edtf-demo",
            ["Kafka:Client:security.protocol"] = "plaintext", // the embedded broker, whatever EDTF__Kafka__Client__ says
            ["Kafka:StateRebuildHours"] = "0",
            ["State:SnapshotIntervalSeconds"] = "0", // a fresh broker each demo: nothing to restore
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:EDTF.Streaming.Kafka"] = "Warning",
        };
        var kafka = StreamingHost.BindKafka(StreamingHost.LoadConfiguration(overrides));
        using var broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions
        {
            Port = options.BrokerPort,
            Partitions = options.Partitions,
            Topics = [kafka.InputTopic, kafka.AlertsTopic, kafka.DlqTopic],
        });
        var bootstrap = broker.BootstrapServers;
        screen.Info($"broker: {bootstrap} (embedded, in memory; {options.Partitions} partitions of {kafka.InputTopic}, {kafka.AlertsTopic}, {kafka.DlqTopic})");

        overrides["Kafka:BootstrapServers"] = bootstrap;
        var host = StreamingHost.LoadConfiguration(overrides).GetValue("Service:MetricsHost", "127.0.0.1")!;
        var metricsPort = MetricsPort.Choose(options.MetricsPort, host);
        overrides["Service:MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        var registry = options.Registry ?? Metrics.NewCustomRegistry();
        await using var app = StreamingHost.Build(StreamingHost.LoadConfiguration(overrides), registry, LogToStandardError);
        var service = app.Services.GetRequiredService<KafkaDetectionService>();
        var assigned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Assigned += () => assigned.TrySetResult();

        await using var console = ConsoleHost.Build(
            new ConsoleOptions
            {
                Port = MetricsPort.Choose(options.ConsolePort, "127.0.0.1"),
                Host = "127.0.0.1",
                Auth = new ConsoleAuthOptions { Mode = "none" },
            },
            StreamingHost.BindKafka(StreamingHost.LoadConfiguration(overrides)),
            kafka.AlertsTopic,
            logging =>
            {
                logging.SetMinimumLevel(LogLevel.Error);
                LogToStandardError(logging);
            });
        var alertPartitions = TopicOffsets.Partitions(bootstrap, kafka.AlertsTopic, BrokerTimeout);
        using var follower = new AlertFollower(bootstrap, kafka.AlertsTopic, alertPartitions, a => screen.Alert(a.AlertId, _board.Add(a)));
        var statistics = new ReplayStatistics();
        var produce = Stopwatch.StartNew();
        var interrupted = false;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var refresh = new CancellationTokenSource();
        var refresher = RefreshAsync(statistics, truth, produce, refresh.Token);
        try
        {
            await app.StartAsync(stop.Token).ConfigureAwait(false);
            using var stopping = app.Lifetime.ApplicationStopping.Register(stop.Cancel);
            await console.StartAsync(stop.Token).ConfigureAwait(false);
            screen.Info($"console: {ConsoleHost.Address(console)}/ (the alerts on a map; sign-in off, loopback only; open it now, it closes with the demo)");
            var url = StreamingHost.Address(app);
            screen.Info($"service: the edtf run host in process; metrics {url}/metrics, health {url}/healthz {url}/readyz" +
                (metricsPort != options.MetricsPort ? $" (port {options.MetricsPort} is busy)" : ""));
            _phase = "waiting for the service to be assigned its partitions";
            await WaitAsync(assigned.Task, AssignTimeout, "the service was not assigned its partitions", stop.Token).ConfigureAwait(false);

            if (double.IsPositiveInfinity(speed) && options.Partitions > 1)
            {
                screen.Info("  unpaced: partitions that reach their end wait for nobody, so a report more than the allowed lateness behind another partition counts as late");
            }

            _phase = double.IsPositiveInfinity(speed) ? "producing (unpaced)" : string.Create(CultureInfo.InvariantCulture, $"producing at {speed:0.#}x");
            screen.Status($"{_phase}: {truth.Start} to {truth.End} into {kafka.InputTopic}", milestone: true);
            produce.Restart();
            var completed = await ProduceAsync(nmeaPath, bootstrap, kafka.InputTopic, speed, statistics, stop.Token).ConfigureAwait(false);
            produce.Stop();
            if (!completed)
            {
                throw new OperationCanceledException(stop.Token);
            }

            screen.Status(string.Create(CultureInfo.InvariantCulture, $"produced {statistics.Delivered:N0} records in {produce.Elapsed.TotalSeconds:0.0} s; ending the input"), milestone: true);
            _phase = "end of input: the service releases its last lateness window";
            var inputPartitions = TopicOffsets.Partitions(bootstrap, kafka.InputTopic, BrokerTimeout);
            service.EndInputAt(TopicOffsets.HighWatermarks(bootstrap, kafka.InputTopic, inputPartitions, BrokerTimeout));
            if (await WaitAsync(service.InputCompleted, CompleteTimeout, "the service did not complete the input", stop.Token).ConfigureAwait(false))
            {
                _phase = "reading the last alerts";
                var ends = TopicOffsets.HighWatermarks(bootstrap, kafka.AlertsTopic, alertPartitions, BrokerTimeout);
                await WaitAsync(follower.ReachedAsync(ends), AlertsTimeout, "the alerts topic was not read to its end", stop.Token).ConfigureAwait(false);
            }

            _phase = "done";
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            interrupted = true;
            _phase = "interrupted";
            if (service.Faulted)
            {
                _problems.Add("the service stopped on an error (see the log above)");
            }
        }
        finally
        {
            await refresh.CancelAsync().ConfigureAwait(false);
            await refresher.ConfigureAwait(false);
            screen.Status(string.Create(CultureInfo.InvariantCulture,
                $"{_phase}: {statistics.Delivered:N0} records produced in {produce.Elapsed.TotalSeconds:0.0} s, {_board.UpdateCount} alert updates read"), milestone: true);
            screen.Redraw();
        }

        var figures = await ServiceFigures.ReadAsync(registry).ConfigureAwait(false);
        await StopAsync(console).ConfigureAwait(false);
        await StopAsync(app).ConfigureAwait(false);
        if (statistics.Failed > 0)
        {
            _problems.Add($"{statistics.Failed} record(s) could not be produced: {statistics.FirstError}");
        }

        var scopeAll = StreamingHost.BindDetection(StreamingHost.LoadConfiguration(overrides)).ScopeAll;
        return new DemoResult
        {
            Truth = truth,
            Speed = speed,
            RecordsProduced = statistics.Delivered,
            ProduceTime = produce.Elapsed,
            ProducedUntilMs = statistics.LastEventMs,
            NotProduced = [.. statistics.RejectsByReason().Select(r => (r.Reason, r.Count))],
            Service = figures,
            Alerts = _board,
            Score = DemoScoring.Score(_board.Updates(), truth, scopeAll),
            Interrupted = interrupted,
            Problems = _problems,
            WallTime = wall.Elapsed,
        };
    }

    private static async Task<bool> ProduceAsync(string nmeaPath, string bootstrap, string topic, double speed, ReplayStatistics statistics, CancellationToken cancellationToken)
    {
        var replay = new ReplayOptions { Inputs = [nmeaPath], BootstrapServers = bootstrap, Topic = topic, Speed = speed };
        using var sink = new KafkaReplaySink(replay, statistics);
        var runner = new ReplayRunner(replay, sink, TimeProvider.System, statistics);
        return await runner.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void LogToStandardError(ILoggingBuilder logging) =>
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

    private static async Task StopAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Waits for <paramref name="task"/> until the deadline; false (with the problem noted) when it passed.</summary>
    private async Task<bool> WaitAsync(Task task, TimeSpan deadline, string problem, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            _problems.Add(string.Create(CultureInfo.InvariantCulture, $"{problem} within {deadline.TotalSeconds:0} s"));
            return false;
        }
    }

    private async Task RefreshAsync(ReplayStatistics statistics, GroundTruth truth, Stopwatch produce, CancellationToken cancellationToken)
    {
        var startMs = DateTimeOffset.Parse(truth.Start, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var endMs = DateTimeOffset.Parse(truth.End, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            do
            {
                var progress = "";
                if (statistics.LastEventMs is { } t)
                {
                    var share = Math.Clamp((t - startMs) / (double)Math.Max(1, endMs - startMs), 0, 1);
                    progress = string.Create(CultureInfo.InvariantCulture,
                        $" | traffic to {DateTimeOffset.FromUnixTimeMilliseconds(t):yyyy-MM-dd HH:mm} ({share:P0}), {statistics.Sent:N0} records in {produce.Elapsed.TotalSeconds:0} s");
                }

                screen.Status(string.Create(CultureInfo.InvariantCulture, $"{_phase}{progress} | {_board.UpdateCount} alert updates"));
                screen.Redraw();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
