using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Detection.Pipeline;

namespace EDTF.Streaming.Cli.Detect;

/// <summary>Reads and decodes the input files of <c>detect</c> on a thread of its own and hands prepared observations over in blocks, in input order.</summary>
/// <remarks>
/// Decoding and detection then run on two cores at once; a bounded queue of blocks keeps memory flat when detection is the
/// slower side. Rejects are counted here; read <see cref="Sentences"/>, <see cref="RejectCounts"/> and <see cref="FirstRejects"/>
/// only after <see cref="ReadAll"/> has returned its last block.
/// </remarks>
internal sealed class DetectInputReader : IAisReportSink, IDisposable
{
    private const int BlocksInFlight = 8;
    private const int RejectsShown = 10;

    private readonly IReadOnlyList<InputProgress> _files;
    private readonly AisInputFormat _format;
    private readonly InputFilter? _filter;
    private readonly NmeaDecoder _decoder = new();
    private readonly BlockingCollection<ObservationBatch> _full = new(BlocksInFlight);
    private readonly ConcurrentQueue<ObservationBatch> _free = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SortedDictionary<string, long> _rejectCounts = new(StringComparer.Ordinal);
    private readonly List<string> _firstRejects = [];
    private readonly Thread _thread;
    private ObservationBatch _current;
    private ExceptionDispatchInfo? _failure;
    private string _file = "";
    private InputProgress _progress = new();
    private long _csvRows;

    private DetectInputReader(IReadOnlyList<string> files, AisInputFormat format, InputFilter? filter)
    {
        _files = [.. files.Select(f => new InputProgress(f, new FileInfo(f).Length))];
        _format = format;
        _filter = filter is { IsEmpty: false } ? filter : null;
        _current = new ObservationBatch();
        _thread = new Thread(Run) { IsBackground = true, Name = "edtf detect reader" };
    }

    public long Sentences => _decoder.Statistics.Sentences + _csvRows;

    public IReadOnlyDictionary<string, long> RejectCounts => _rejectCounts;

    /// <summary>What has been read of each input file (bytes, rows, accepted, filtered, rejects); safe to read while reading goes on.</summary>
    public IReadOnlyList<InputProgress> Files => _files;

    public IReadOnlyList<string> FirstRejects => _firstRejects;

    /// <summary>Reports left out by <c>--bbox</c>, <c>--mmsi</c>, <c>--from</c>/<c>--to</c> (read after the last block, as the counts).</summary>
    public long Filtered { get; private set; }

    /// <summary>Starts reading <paramref name="files"/> in order at once; reports that <paramref name="filter"/> does not keep are counted and dropped.</summary>
    public static DetectInputReader Start(IReadOnlyList<string> files, AisInputFormat format, InputFilter? filter = null)
    {
        var reader = new DetectInputReader(files, format, filter);
        reader._thread.Start();
        return reader;
    }

    /// <summary>The blocks in input order; give each back with <see cref="Return"/> once used. Rethrows a failure of the reading thread.</summary>
    public IEnumerable<ObservationBatch> ReadAll()
    {
        foreach (var batch in _full.GetConsumingEnumerable(_stop.Token))
        {
            yield return batch;
        }

        _thread.Join();
        _failure?.Throw();
    }

    public void Return(ObservationBatch batch)
    {
        batch.Reset();
        _free.Enqueue(batch);
    }

    public void OnReport(in AisReport report)
    {
        if (_filter is not null && !_filter.Keeps(report))
        {
            Filtered++;
            _progress.OnFiltered();
            return;
        }

        _progress.OnAccepted(report.EventTimeMs);
        if (!Observation.TryCreate(report, _file, report.Line, out var o))
        {
            _current.WithoutEventTime++;
        }
        else
        {
            _current.Items[_current.Count++] = o;
            if (_current.IsFull)
            {
                HandOver();
            }
        }
    }

    public void OnReject(in DecodeReject reject)
    {
        var reason = RejectReasons.ToLabel(reject.Reason);
        CountReject(reason, string.Create(CultureInfo.InvariantCulture, $"{_file}:{reject.Line}: {reason}: {reject.Detail}"));
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _full.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        try
        {
            foreach (var progress in _files)
            {
                var file = progress.File;
                try
                {
                    ReadFile(progress, FormatSniffer.Resolve(file, _format));
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    throw new InputFileException(file, ex);
                }
            }

            HandOver();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The detecting side stopped (it failed or was disposed): nothing more to hand over.
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            _full.CompleteAdding();
        }
    }

    private void ReadFile(InputProgress progress, AisInputFormat format)
    {
        _file = progress.File;
        _progress = progress;
        if (format == AisInputFormat.Nmea)
        {
            using var stream = InputFiles.OpenRead(_file, progress);
            NmeaFileReader.Decode(stream, _decoder, this, progress: progress);
            return;
        }

        foreach (var item in AisInputReader.ReadFile(_file, format, progress, _filter))
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

    private void HandOver()
    {
        if (_current.Count == 0 && _current.WithoutEventTime == 0)
        {
            return;
        }

        _full.Add(_current, _stop.Token);
        _current = _free.TryDequeue(out var reused) ? reused : new ObservationBatch();
    }

    private void CountReject(string reason, string detail)
    {
        _progress.OnRejected(reason);
        _rejectCounts[reason] = _rejectCounts.GetValueOrDefault(reason) + 1;
        if (_firstRejects.Count < RejectsShown)
        {
            _firstRejects.Add(detail);
        }
    }
}

/// <summary>An input file could not be read to the end (truncated or corrupt archive, no known format, I/O error); names the file.</summary>
internal sealed class InputFileException(string file, Exception inner)
    : IOException(inner is InputFormatException ? inner.Message : $"{file}: {inner.Message}", inner)
{
    public string File { get; } = file;
}
