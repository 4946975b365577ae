using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Cli.Progress;
using EDTF.Streaming.Cli.Replay;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka.Replay;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf replay</c>: sends recorded AIS (NMEA or CSV) to Kafka in event-time order, keyed by MMSI, at a chosen speed.</summary>
internal static class ReplayCommand
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var input = new Option<string[]>("--input")
        {
            Description = "a file or directory (recursively); gzip, zstd and zip are unpacked (told by content); repeatable (files may also follow the options)",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };
        var files = new Argument<string[]>("files") { Description = "more input files or directories", Arity = ArgumentArity.ZeroOrMore };
        var bootstrapServers = new Option<string?>("--bootstrap-servers")
        {
            Description = "Kafka brokers (default Kafka:BootstrapServers: $EDTF__Kafka__BootstrapServers or 127.0.0.1:9092)",
            HelpName = "HOST:PORT",
        };
        var topic = new Option<string>("--topic") { Description = "target topic", HelpName = "TOPIC", DefaultValueFactory = _ => "ais.raw" };
        var speed = SharedOptions.Speed("event-time seconds per second: 1 = real time, 60 = a minute per second; max = no pacing");
        speed.DefaultValueFactory = _ => "max";
        var from = SharedOptions.Time("--from", "start of the event-time window [from, to), UTC unless an offset is given (default: the start of the input)");
        var to = SharedOptions.Time("--to", "end of the event-time window [from, to) (default: the end of the input)");
        var bbox = SharedOptions.Bbox();
        var mmsi = SharedOptions.Mmsi();
        var format = new Option<string>("--format") { Description = "input format (auto: sniffed per file from its first line)", DefaultValueFactory = _ => "auto" }
            .OneOf([.. AisInputFormats.Names]);
        var producer = new Option<string[]>("--producer") { Description = "a librdkafka producer property, e.g. --producer linger.ms=50; repeatable", HelpName = "KEY=VALUE" }
            .Accept(pair => pair.IndexOf('=', StringComparison.Ordinal) > 0 ? null : $"expects KEY=VALUE, got '{pair}'.");
        var quiet = new Option<bool>("--quiet") { Description = "no progress output, as --progress never" };
        var progress = SharedOptions.Progress();
        var command = new EdtfCommand(
            "replay",
            "replay recorded AIS (NMEA, MarineCadastre or DMA CSV) into Kafka by event time",
            """
            Records are keyed by MMSI (UTF-8 decimal) with the event time as Kafka timestamp, merged across files
            by event time. NMEA lines go as they are (a multi-sentence message in one record, lines joined by \n);
            CSV rows go as application/vnd.edtf.ais+json (docs/formats.md). Ctrl-C stops with a summary.
            Connects like the service: Kafka:BootstrapServers and the Kafka:Client settings (security.protocol, sasl.*, ssl.*)
            from config/appsettings.json and EDTF__Kafka__... environment variables (docs/configuration.md).
            Exit codes: 0 done, 1 delivery failed or broker unreachable, 2 bad arguments, 130 interrupted.
            """)
        {
            input, files, bootstrapServers, topic, speed, from, to, bbox, mmsi, format, producer, quiet, progress,
        };
        command.Validators.Add(result =>
        {
            if (EpochMs(result.GetValue(from)) is { } start && EpochMs(result.GetValue(to)) is { } end && start >= end)
            {
                result.AddError("--from must be before --to.");
            }
        });
        command.SetRun((parseResult, cancellationToken) =>
        {
            AisInputFormats.TryParse(parseResult.GetValue(format), out var inputFormat);
            var kafka = StreamingHost.BindKafka(StreamingHost.LoadConfiguration(new Dictionary<string, string?>()));
            string[] inputs = [.. parseResult.GetValue(input) ?? [], .. parseResult.GetValue(files) ?? []];
            if (inputs.Length == 0)
            {
                throw new CommandLineException("--input is required.");
            }

            var options = new ReplayOptions
            {
                Inputs = inputs,
                Format = inputFormat,
                BootstrapServers = parseResult.GetValue(bootstrapServers) ?? kafka.BootstrapServers,
                Client = kafka.Client,
                Topic = parseResult.GetRequiredValue(topic),
                Speed = SpeedArgument.Parse(parseResult.GetRequiredValue(speed)),
                FromMs = EpochMs(parseResult.GetValue(from)),
                ToMs = EpochMs(parseResult.GetValue(to)),
                Filter = new InputFilter { Box = parseResult.GetValue(bbox), Mmsis = parseResult.GetValue(mmsi) },
                ProducerProperties = Properties(parseResult.GetValue(producer) ?? []),
            };
            return RunAsync(options, InputProgressPrinter.Mode(parseResult.GetValue(progress), parseResult.GetValue(quiet)), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ReplayOptions options, ProgressMode progressMode, CancellationToken cancellationToken)
    {
        ReplayRunner runner;
        var statistics = new ReplayStatistics();
        using var sink = new KafkaReplaySink(options, statistics);
        if (sink.CheckTopic(MetadataTimeout) is { } problem)
        {
            var cause = statistics.FirstError is { } first ? $"; {first}" : string.Empty;
            await Console.Error.WriteLineAsync($"edtf replay: {problem} ({options.BootstrapServers}){cause}").ConfigureAwait(false);
            return 1;
        }

        runner = new ReplayRunner(options, sink, TimeProvider.System, statistics);
        var stopwatch = Stopwatch.StartNew();
        bool completed;
        var progress = InputProgressPrinter.IsShown(progressMode, stderrIsTerminal: !Console.IsErrorRedirected)
            ? new InputProgressPrinter("replay", () => runner.Files, Console.Error, TimeProvider.System, redraw: !Console.IsErrorRedirected)
            : null;
        try
        {
            completed = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException ex)
        {
            await Console.Error.WriteLineAsync($"edtf replay: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (IOException ex)
        {
            // A file in no known format, a corrupt archive, an I/O error: the message names the file.
            progress?.Dispose();
            InputFilesSummary.Write(Console.Error, "replay", runner.Files);
            await Console.Error.WriteLineAsync($"edtf replay: cannot read {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            progress?.Dispose();
        }

        InputFilesSummary.Write(Console.Out, "replay", runner.Files);
        ReplaySummary.Write(Console.Out, statistics, options.Topic, stopwatch.Elapsed, completed);
        return !completed ? Interruptible.InterruptedExitCode : statistics.Failed > 0 || statistics.Delivered < statistics.Sent ? 1 : 0;
    }

    /// <summary>The time of a valid <c>--from</c>/<c>--to</c> value, null when the option is absent or not a time.</summary>
    private static long? EpochMs(string? text) => text is not null && TimeArgument.TryParse(text, out var epochMs) ? epochMs : null;

    private static Dictionary<string, string> Properties(IEnumerable<string> pairs)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            properties[pair[..eq]] = pair[(eq + 1)..];
        }

        return properties;
    }
}
