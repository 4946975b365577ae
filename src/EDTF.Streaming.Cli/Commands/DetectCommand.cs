using System.Diagnostics;
using System.Globalization;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf detect</c>: runs the detection pipeline over files offline and writes the alert updates as JSON Lines.</summary>
internal sealed class DetectCommand : ICommand
{
    public string Name => "detect";

    public string Summary => "Detect dark periods, transfers and port calls in AIS files; alerts as JSON Lines.";

    public string Usage => """
        edtf detect --input FILE [--input FILE ...] [--format auto|nmea|csv-marinecadastre|csv-dma]
                    [--watchlist FILE] [--ports FILE] [--scope interest|all] [--output FILE|-]
                    [--lateness-minutes N] [--quiet]

          --input       AIS file or directory (repeatable; read in order as one stream; .gz decompressed)
          --format      input format (default auto: decided per file from its first line)
          --watchlist   watch list: CSV 'imo,mmsi,name,program,source' or OFAC sdn.csv (default config/watchlist.csv)
          --ports       port areas GeoJSON (default config/ports.geojson)
          --scope       interest (default): alerts only for vessels of interest; all: every vessel
          --output      where the alerts go (default '-', standard output)
          --lateness-minutes  allowed lateness of out-of-order reports (default 60)
          --quiet       no progress lines (the summary is always written to standard error)
        """;

    public async Task<int> RunAsync(CommandLineArgs args)
    {
        var inputs = args.GetAll("input");
        if (inputs.Count == 0)
        {
            throw new CommandLineException("--input is required.");
        }

        if (!AisInputFormats.TryParse(args.Get("format", "auto"), out var format))
        {
            throw new CommandLineException($"--format must be one of {string.Join(", ", AisInputFormats.Names)}.");
        }

        var options = new DetectionOptions
        {
            Scope = args.Get("scope", DetectionDefaults.Scope)!,
            AllowedLatenessMinutes = args.GetInt("lateness-minutes", DetectionDefaults.AllowedLatenessMinutes),
        };
        if (options.Scope is not ("interest" or "all"))
        {
            throw new CommandLineException("--scope must be 'interest' or 'all'.");
        }

        var watchlistPath = args.Get("watchlist");
        var portsPath = args.Get("ports");
        var output = args.Get("output", "-")!;
        var quiet = args.Flag("quiet");
        args.RejectUnknown("help", "h");

        IReadOnlyList<string> files;
        Watchlist watchlist;
        PortAreas ports;
        try
        {
            files = InputFiles.Expand(inputs);
            watchlist = DefaultConfig.LoadWatchlist(RequireFile(watchlistPath, "--watchlist"));
            ports = DefaultConfig.LoadPorts(RequireFile(portsPath, "--ports"));
            options.Validate();
        }
        catch (Exception ex) when (ex is FileNotFoundException or FormatException or ArgumentException)
        {
            throw new CommandLineException(ex.Message);
        }

        var stderr = Console.Error;
        await using var sinkStream = output == "-" ? Console.OpenStandardOutput() : File.Create(output);
        await using var writer = new BufferedStream(sinkStream, 1 << 16);
        var run = new DetectRun(options, watchlist, ports, writer, quiet ? null : stderr);
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            run.ReadFile(file, FormatSniffer.Resolve(file, format));
        }

        run.Complete();
        await writer.FlushAsync().ConfigureAwait(false);
        clock.Stop();
        run.WriteSummary(stderr, files.Count, clock.Elapsed);
        return 0;
    }

    private static string? RequireFile(string? path, string option) =>
        path is null || File.Exists(path) ? path : throw new FileNotFoundException($"{option}: file not found: {path}", path);
}

/// <summary>One run of <c>detect</c>: feeds decoded reports to the pipeline, writes alerts, counts what happened.</summary>
internal sealed class DetectRun : IAisReportSink
{
    private const long ProgressEvery = 1_000_000;
    private const int RejectsShown = 10;

    private readonly DetectionPipeline _pipeline;
    private readonly NmeaDecoder _decoder = new();
    private readonly Stream _output;
    private readonly TextWriter? _progress;
    private readonly SortedDictionary<string, long> _alertCounts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _rejectCounts = new(StringComparer.Ordinal);
    private readonly List<string> _firstRejects = [];
    private string _file = "";
    private long _csvRows;
    private long _nextProgress = ProgressEvery;

    public DetectRun(DetectionOptions options, Watchlist watchlist, PortAreas ports, Stream output, TextWriter? progress)
    {
        _output = output;
        _progress = progress;
        _pipeline = new DetectionPipeline(options, watchlist, ports, Write);
    }

    public long Sentences => _decoder.Statistics.Sentences + _csvRows;

    public void ReadFile(string file, AisInputFormat format)
    {
        _file = file;
        if (format == AisInputFormat.Nmea)
        {
            NmeaFileReader.Decode(file, _decoder, this);
            return;
        }

        foreach (var item in AisInputReader.ReadFile(file, format))
        {
            _csvRows++;
            if (item.Reject is { } reject)
            {
                CountReject(reject.Reason, reject.ToString());
                continue;
            }

            OnReport(item.Report);
        }
    }

    public void Complete() => _pipeline.Complete();

    public void OnReport(in AisReport report)
    {
        _pipeline.Add(report, _file, report.Line);
        if (_progress is not null && Sentences >= _nextProgress)
        {
            _nextProgress += ProgressEvery;
            var s = _pipeline.Statistics;
            _progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"detect: {Sentences:N0} sentences, {s.VesselsTracked:N0} vessels, {s.AlertsEmitted:N0} alerts, watermark {Watermark(s.WatermarkMs)}"));
        }
    }

    public void OnReject(in DecodeReject reject) =>
        CountReject(RejectReasons.ToLabel(reject.Reason), string.Create(CultureInfo.InvariantCulture, $"{_file}:{reject.Line}: {RejectReasons.ToLabel(reject.Reason)}: {reject.Detail}"));

    public void WriteSummary(TextWriter w, int files, TimeSpan elapsed)
    {
        var s = _pipeline.Statistics;
        var rate = elapsed.TotalSeconds > 0 ? Sentences / elapsed.TotalSeconds : 0;
        var inv = CultureInfo.InvariantCulture;
        foreach (var line in _firstRejects)
        {
            w.WriteLine("detect: reject " + line);
        }

        w.WriteLine(string.Create(inv, $"detect: {Sentences:N0} sentences in {files} file(s), {s.ReportsIn:N0} reports, {_rejectCounts.Values.Sum():N0} rejects{Breakdown(_rejectCounts)}"));
        w.WriteLine(string.Create(inv, $"detect: {s.VesselsTracked:N0} vessels ({s.VesselsOfInterest:N0} of interest); {s.NonVesselReports:N0} non-vessel reports, {s.Duplicates:N0} duplicates, {s.ImplausibleJumps:N0} implausible jumps, {s.LateReports:N0} late, {s.ReportsWithoutEventTime:N0} without event time"));
        w.WriteLine(string.Create(inv, $"detect: {s.AlertsEmitted:N0} alert updates{Breakdown(_alertCounts)}"));
        w.WriteLine(string.Create(inv, $"detect: {elapsed.TotalSeconds:F2} s, {rate:N0} sentences/s"));
    }

    private void Write(AlertUpdate alert)
    {
        _output.Write(AlertJson.SerializeToUtf8Bytes(alert));
        _output.WriteByte((byte)'\n');
        var key = alert.Type + " " + alert.Status;
        _alertCounts[key] = _alertCounts.GetValueOrDefault(key) + 1;
    }

    private void CountReject(string reason, string detail)
    {
        _rejectCounts[reason] = _rejectCounts.GetValueOrDefault(reason) + 1;
        if (_firstRejects.Count < RejectsShown)
        {
            _firstRejects.Add(detail);
        }
    }

    private static string Breakdown(SortedDictionary<string, long> counts) =>
        counts.Count == 0 ? "" : " (" + string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:N0}"))) + ")";

    private static string Watermark(long? ms) =>
        ms is { } m ? DateTimeOffset.FromUnixTimeMilliseconds(m).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "none";
}
