using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using EDTF.Streaming.Cli.Detect;
using EDTF.Streaming.Cli.Progress;
using EDTF.Streaming.Cli.Replay;
using EDTF.Streaming.Cli.Watchlists;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf detect</c>: runs the detection pipeline over files offline and writes the alert updates as JSON Lines.</summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var input = new Option<string[]>("--input")
        {
            Description = "AIS file or directory (repeatable; read in order as one stream; gzip, zstd and zip unpacked, told by content)",
            HelpName = "FILE",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "input format (auto: decided per file from its first line)",
            DefaultValueFactory = _ => "auto",
        }.OneOf([.. AisInputFormats.Names]);
        var watchlist = new Option<string?>("--watchlist")
        {
            Description = "watch list: CSV 'imo,mmsi,name,program,source' or OFAC sdn.csv (default config/watchlist.csv)",
            HelpName = "FILE",
        }.ExistingFile();
        var changes = new Option<string?>("--watchlist-changes")
        {
            Description = "watch-list changes with their effective times, JSON Lines (docs/watchlists.md); each applies when event time reaches it (default: none, the list stays as loaded)",
            HelpName = "FILE",
        }.ExistingFile();
        var ports = new Option<string?>("--ports") { Description = "analysts' port areas GeoJSON (default config/ports.geojson); they override the world port set", HelpName = "FILE" }.ExistingFile();
        var worldPorts = new Option<string?>("--world-ports")
        {
            Description = "world port set, CSV 'locode,country,lat,lon,name' (default config/ports-world.csv)",
            HelpName = "FILE",
        }.ExistingFile();
        var noWorldPorts = new Option<bool>("--no-world-ports") { Description = "use only the analysts' port areas (Detection:PortCall:UseWorldPorts=false)" };
        var scope = new Option<string>("--scope")
        {
            Description = "interest: alerts only for vessels of interest; all: every vessel",
            DefaultValueFactory = _ => DetectionDefaults.Scope,
        }.OneOf("interest", "all");
        var output = new Option<string>("--output") { Description = "where the alerts go; '-' is standard output", HelpName = "FILE|-", DefaultValueFactory = _ => "-" };
        var lateness = new Option<int>("--lateness-minutes")
        {
            Description = "allowed lateness of out-of-order reports",
            HelpName = "N",
            DefaultValueFactory = _ => DetectionDefaults.AllowedLatenessMinutes,
        };
        var from = SharedOptions.Time("--from", "keep only reports at or after this event time, UTC unless an offset is given (default: the start of the input)");
        var to = SharedOptions.Time("--to", "keep only reports before this event time (default: the end of the input)");
        var bbox = SharedOptions.Bbox();
        var mmsi = SharedOptions.Mmsi();
        var quiet = new Option<bool>("--quiet") { Description = "no progress lines, as --progress never (the summary is always written to standard error)" };
        var progress = SharedOptions.Progress();
        var command = new EdtfCommand("detect", "Detect dark periods, transfers and port calls in AIS files; alerts as JSON Lines.", string.Empty)
        {
            input, format, watchlist, changes, ports, worldPorts, noWorldPorts, scope, output, lateness, from, to, bbox, mmsi, quiet, progress,
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
            var options = new DetectionOptions
            {
                Scope = parseResult.GetRequiredValue(scope).ToLowerInvariant(),
                AllowedLatenessMinutes = parseResult.GetValue(lateness),
                PortCall = { UseWorldPorts = !parseResult.GetValue(noWorldPorts), WorldPortsPath = parseResult.GetValue(worldPorts) },
            };
            var filter = new InputFilter
            {
                Box = parseResult.GetValue(bbox),
                Mmsis = parseResult.GetValue(mmsi),
                FromMs = EpochMs(parseResult.GetValue(from)),
                ToMs = EpochMs(parseResult.GetValue(to)),
            };
            var run = () => RunAsync(
                parseResult.GetRequiredValue(input), inputFormat, filter, options, (parseResult.GetValue(watchlist), parseResult.GetValue(changes)), parseResult.GetValue(ports),
                parseResult.GetRequiredValue(output), InputProgressPrinter.Mode(parseResult.GetValue(progress), parseResult.GetValue(quiet)));
            return Interruptible.RunAsync(run, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        IReadOnlyList<string> inputs, AisInputFormat format, InputFilter filter, DetectionOptions options, (string? List, string? Changes) watchlistPaths, string? portsPath, string output, ProgressMode progressMode)
    {
        IReadOnlyList<string> files;
        try
        {
            files = InputFiles.Expand(inputs);
            options.Validate();
        }
        catch (Exception ex) when (ex is FileNotFoundException or FormatException or ArgumentException)
        {
            throw new CommandLineException(ex.Message);
        }

        // One pass over a file: throughput over pauses, so no background (concurrent) collections (GC pause on the 1M-sentence benchmark file: 116 ms -> 74 ms).
        GCSettings.LatencyMode = GCLatencyMode.Batch;

        // Reading starts at once on its own thread, so decoding overlaps loading the watch list and the port areas.
        var clock = Stopwatch.StartNew();
        using var reader = DetectInputReader.Start(files, format, filter);
        Watchlist watchlist;
        List<WatchlistChange> changes;
        PortAreas ports;
        try
        {
            watchlist = DefaultConfig.LoadWatchlist(watchlistPaths.List);
            changes = watchlistPaths.Changes is { } changesPath ? WatchlistChangesFile.Read(changesPath) : [];
            ports = DefaultConfig.LoadPorts(portsPath, options.PortCall);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FormatException or ArgumentException)
        {
            throw new CommandLineException(ex.Message);
        }

        var stderr = Console.Error;
        await using var sinkStream = output == "-" ? Console.OpenStandardOutput() : File.Create(output);
        await using var writer = new BufferedStream(sinkStream, 1 << 16);
        var run = new DetectRun(options, watchlist, ports, writer);
        var printer = InputProgressPrinter.IsShown(progressMode, stderrIsTerminal: !Console.IsErrorRedirected)
            ? new InputProgressPrinter("detect", () => reader.Files, stderr, TimeProvider.System, redraw: !Console.IsErrorRedirected)
            : null;
        run.AddWatchlistChanges(changes);
        try
        {
            run.Run(reader);
        }
        catch (InputFileException ex)
        {
            // What was detected before the failure has been written; say where reading stopped and fail the run.
            printer?.Dispose();
            await writer.FlushAsync().ConfigureAwait(false);
            InputFilesSummary.Write(stderr, "detect", reader.Files);
            await stderr.WriteLineAsync($"edtf detect: cannot read {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            printer?.Dispose();
        }

        await writer.FlushAsync().ConfigureAwait(false);
        clock.Stop();
        run.WriteSummary(stderr, reader, files.Count, clock.Elapsed);
        return 0;
    }

    private static long? EpochMs(string? text) => text is not null && TimeArgument.TryParse(text, out var epochMs) ? epochMs : null;
}
