using System.Threading.Channels;
using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Kafka.Replay;

/// <summary>
/// Runs a replay: reads every input (per-file streams merged by event time) on a reader thread, drops records outside
/// the window, and on the calling thread paces by event time and hands records to the sink; stops cleanly on cancellation.
/// </summary>
internal sealed class ReplayRunner(ReplayOptions options, IReplaySink sink, TimeProvider clock, ReplayStatistics statistics)
{
    private const int BatchRecords = 1024;
    private const int QueuedBatches = 16;
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

    public ReplayStatistics Statistics { get; } = statistics;

    /// <summary>The progress of each input file, in input order; known once the run has started (empty before).</summary>
    public IReadOnlyList<InputProgress> Files { get; private set; } = [];

    /// <summary>Replays everything; returns false when cancelled before the end.</summary>
    /// <exception cref="FileNotFoundException">An input does not exist.</exception>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var files = InputFiles.Expand(options.Inputs);
        Files = [.. files.Select(f => new InputProgress(f, new FileInfo(f).Length))];
        var formats = files.Select(f => FormatSniffer.Resolve(f, options.Format)).ToList();
        var sources = files.Select((f, i) => ReplaySources.Open(f, formats[i], new ReplaySourceContext(options, Statistics, Files[i]))).ToList();
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Factory.StartNew(
            () => Read(sources, batches.Writer, stopReading.Token), stopReading.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var completed = false;
        try
        {
            completed = await SendAsync(batches.Reader, new ReplayPacer(options.Speed, clock), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            sink.Flush(FlushTimeout);
        }

        await reading.ConfigureAwait(false);
        return completed;
    }

    private static void Read(List<IEnumerable<ReplayRecord>> sources, ChannelWriter<Batch> writer, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new Batch();
            foreach (var record in EventTimeMerge.Merge(sources))
            {
                batch.Records[batch.Count++] = record;
                if (batch.Count == BatchRecords)
                {
                    if (!Write(writer, batch, cancellationToken))
                    {
                        return;
                    }

                    batch = new Batch();
                }
            }

            if (batch.Count > 0)
            {
                Write(writer, batch, cancellationToken);
            }

            writer.TryComplete();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            writer.TryComplete(ex);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static bool Write(ChannelWriter<Batch> writer, Batch batch, CancellationToken cancellationToken)
    {
        while (!writer.TryWrite(batch))
        {
            try
            {
                if (!writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
                {
                    return false;
                }
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sends every batch; false when cancelled first.</summary>
    private async Task<bool> SendAsync(ChannelReader<Batch> reader, ReplayPacer pacer, CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var batch))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var delay = pacer.DelayBefore(batch.Records[i].EventTimeMs);
                        if (delay > TimeSpan.Zero)
                        {
                            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
                        }

                        if (cancellationToken.IsCancellationRequested)
                        {
                            return false;
                        }

                        sink.Send(batch.Records[i]);
                        Statistics.OnSent(batch.Records[i]);
                    }
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Records handed from the reader thread to the sending loop in one go.</summary>
    private sealed class Batch
    {
        public ReplayRecord[] Records { get; } = new ReplayRecord[BatchRecords];

        public int Count { get; set; }
    }
}
