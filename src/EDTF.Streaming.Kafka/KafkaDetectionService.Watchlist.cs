using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Kafka;

/// <summary>The watch-list room: the feed of <see cref="KafkaOptions.WatchlistTopic"/> and the changes it hands to the pipeline.</summary>
/// <remarks><see cref="StartWatchlistFeed"/> runs on the consume thread before the processing thread starts; the rest on the processing thread.</remarks>
internal sealed partial class KafkaDetectionService
{
    /// <summary>How long the detecting instance waits at start for the watch-list topic to be read to its end before it detects.</summary>
    private static readonly TimeSpan WatchlistCatchUpTimeout = TimeSpan.FromSeconds(30);

    private WatchlistFeed? _watchlistFeed;
    private long _watchlistChangesReceived;

    /// <summary>Every change handed to the pipeline, in order (processing thread): a pipeline restored from a snapshot gets them again (its list is the file's).</summary>
    private readonly List<WatchlistChange> _watchlistHanded = [];

    /// <summary>Watch-list changes handed to the pipeline so far (any thread); each applies when the watermark reaches its effective time.</summary>
    public long WatchlistChangesReceived => Interlocked.Read(ref _watchlistChangesReceived);

    /// <summary>Starts reading the watch-list topic and waits until it has been read to its end, so that the list is complete before the first report; null without a topic.</summary>
    private WatchlistFeed? StartWatchlistFeed(CancellationToken stop)
    {
        if (string.IsNullOrWhiteSpace(_options.WatchlistTopic))
        {
            return null;
        }

        var feed = _watchlistFeed = new WatchlistFeed(_options, _log);
        feed.Start();
        if (!feed.WaitCaughtUp(WatchlistCatchUpTimeout, stop) && !stop.IsCancellationRequested)
        {
            _log($"warn: the watch-list topic {_options.WatchlistTopic} was not read to its end within {WatchlistCatchUpTimeout.TotalSeconds:F0} s; detecting, its changes apply as they come");
        }

        return feed;
    }

    /// <summary>Processing thread: hands the changes read so far to the pipeline, in topic order.</summary>
    private void TakeWatchlistChanges()
    {
        while (_watchlistFeed is { } feed && feed.TryTake(out var change))
        {
            _pipeline.AddWatchlistChange(change);
            _watchlistHanded.Add(change);
            Interlocked.Increment(ref _watchlistChangesReceived);
        }
    }

    /// <summary>Processing thread: a restored pipeline holds the list file's entries only; the topic's changes handed over so far apply to it again (those already effective apply at once).</summary>
    private void HandWatchlistChangesTo(DetectionPipeline restored)
    {
        foreach (var change in _watchlistHanded)
        {
            restored.AddWatchlistChange(change);
        }
    }

    /// <summary>Processing thread: the list's entries by programme and source, the last change's effective time, the changes applied.</summary>
    private void ReportWatchlist()
    {
        var list = _pipeline.Watchlist;
        var entries = list.Entries.GroupBy(e => (e.Program, e.Source)).ToDictionary(g => g.Key, g => g.Count());
        _metrics.Watchlist(entries, list.LastChangeMs, list.ChangesApplied);
    }
}
