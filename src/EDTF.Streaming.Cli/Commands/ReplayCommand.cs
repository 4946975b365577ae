using System.Diagnostics;
using System.Globalization;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Cli.Replay;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka.Replay;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf replay</c>: sends recorded AIS (NMEA or CSV) to Kafka in event-time order, keyed by MMSI, at a chosen speed.</summary>
internal sealed class ReplayCommand : ICommand
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public string Name => "replay";

    public string Summary => "replay recorded AIS (NMEA, MarineCadastre or DMA CSV) into Kafka by event time";

    public string Usage => """
        edtf replay --input FILE [--input FILE ...] [--bootstrap-servers H:P] [--topic ais.raw]
                    [--speed N|max] [--from T] [--to T] [--format auto|nmea|csv-marinecadastre|csv-dma]
                    [--producer KEY=VALUE ...] [--quiet]

          --input              a file or directory (recursively); .gz is decompressed; repeatable
          --bootstrap-servers  Kafka brokers (default Kafka:BootstrapServers: $EDTF__Kafka__BootstrapServers or 127.0.0.1:9092)
          --topic              target topic (default ais.raw)
          --speed              event-time seconds per second: 1 = real time, 60 = a minute per second; max (default) = no pacing
          --from, --to         event-time window [from, to): 2023-01-01T06:00:00Z, 2023-01-01 or Unix seconds (UTC)
          --format             input format (default auto: sniffed per file from its first line)
          --producer           a librdkafka producer property, e.g. --producer linger.ms=50; repeatable
          --quiet              no progress output

        Records are keyed by MMSI (UTF-8 decimal) with the event time as Kafka timestamp, merged across files
        by event time. NMEA lines go as they are (a multi-sentence message in one record, lines joined by \n);
        CSV rows go as application/vnd.edtf.ais+json (docs/formats.md). Ctrl-C stops with a summary.
        Connects like the service: Kafka:BootstrapServers and the Kafka:Client settings (security.protocol, sasl.*, ssl.*)
        from config/appsettings.json and EDTF__Kafka__... environment variables (docs/configuration.md).
        Exit codes: 0 done, 1 delivery failed or broker unreachable, 2 bad arguments, 130 interrupted.
        """;

    public async Task<int> RunAsync(CommandLineArgs args)
    {
        var options = ParseOptions(args);
        var quiet = args.Flag("quiet");
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
            return await RunAsync(options, quiet, cancel.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> RunAsync(ReplayOptions options, bool quiet, CancellationToken cancellationToken)
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
        var progress = quiet ? null : new ReplayProgressPrinter(runner, Console.Error, terminal: !Console.IsErrorRedirected);
        try
        {
            completed = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException ex)
        {
            await Console.Error.WriteLineAsync($"edtf replay: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        finally
        {
            if (progress is not null)
            {
                await progress.DisposeAsync().ConfigureAwait(false);
            }
        }

        ReplaySummary.Write(Console.Out, statistics, options.Topic, stopwatch.Elapsed, completed);
        return !completed ? 130 : statistics.Failed > 0 || statistics.Delivered < statistics.Sent ? 1 : 0;
    }

    private static ReplayOptions ParseOptions(CommandLineArgs args)
    {
        var inputs = args.GetAll("input").Concat(args.Positional).ToList();
        if (inputs.Count == 0)
        {
            throw new CommandLineException("--input is required.");
        }

        if (!AisInputFormats.TryParse(args.Get("format"), out var format))
        {
            throw new CommandLineException($"--format must be one of {string.Join(", ", AisInputFormats.Names)}.");
        }

        var from = args.Get("from") is { } f ? TimeArgument.Parse("from", f) : (long?)null;
        var to = args.Get("to") is { } t ? TimeArgument.Parse("to", t) : (long?)null;
        if (from >= to)
        {
            throw new CommandLineException("--from must be before --to.");
        }

        var kafka = StreamingHost.BindKafka(StreamingHost.LoadConfiguration(new Dictionary<string, string?>()));
        return new ReplayOptions
        {
            Inputs = inputs,
            Format = format,
            BootstrapServers = args.Get("bootstrap-servers") ?? kafka.BootstrapServers,
            Client = kafka.Client,
            Topic = args.Get("topic", "ais.raw")!,
            Speed = ParseSpeed(args.Get("speed", "max")!),
            FromMs = from,
            ToMs = to,
            ProducerProperties = ParseProperties(args.GetAll("producer")),
        };
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

    private static Dictionary<string, string> ParseProperties(IReadOnlyList<string> pairs)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CommandLineException($"--producer expects KEY=VALUE, got '{pair}'.");
            }

            properties[pair[..eq]] = pair[(eq + 1)..];
        }

        return properties;
    }
}
