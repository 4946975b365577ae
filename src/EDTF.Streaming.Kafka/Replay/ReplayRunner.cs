using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Kafka.Replay;

/// <summary>
/// Runs a replay: reads every input (per-file streams merged by event time), drops records outside the window,
/// paces by event time and hands records to the sink; stops cleanly on cancellation.
/// </summary>
internal sealed class ReplayRunner(ReplayOptions options, IReplaySink sink, TimeProvider clock, ReplayStatistics statistics)
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

    public ReplayStatistics Statistics { get; } = statistics;

    public InputProgress Progress { get; } = new();

    /// <summary>Total bytes of the input files, known once the run has started.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>The input files, known once the run has started.</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    /// <summary>Replays everything; returns false when cancelled before the end.</summary>
    /// <exception cref="FileNotFoundException">An input does not exist.</exception>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Files = InputFiles.Expand(options.Inputs);
        TotalBytes = InputFiles.TotalBytes(Files);
        var context = new ReplaySourceContext(options, Statistics, Progress);
        var formats = Files.Select(f => FormatSniffer.Resolve(f, options.Format)).ToList();
        var sources = Files.Select((f, i) => ReplaySources.Open(f, formats[i], context)).ToList();
        var pacer = new ReplayPacer(options.Speed, clock);
        var completed = true;
        try
        {
            foreach (var record in EventTimeMerge.Merge(sources))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    completed = false;
                    break;
                }

                var delay = pacer.DelayBefore(record.EventTimeMs);
                if (delay > TimeSpan.Zero && !await WaitAsync(delay, cancellationToken).ConfigureAwait(false))
                {
                    completed = false;
                    break;
                }

                sink.Send(record);
                Statistics.OnSent(record);
            }
        }
        finally
        {
            sink.Flush(FlushTimeout);
        }

        return completed;
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
