using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.WebConsole.Alerts;

/// <summary>
/// The watch list the console shows: the list file's entries with the changes of <see cref="KafkaOptions.WatchlistTopic"/>
/// applied in topic order (the service's feed, read from the beginning), and when it last changed (the effective time of
/// the last change).
/// </summary>
/// <remarks>The feed reads on its own thread; this service's loop applies its changes under <c>_gate</c>; requests read a copy under the same lock.</remarks>
internal sealed class WatchlistView(KafkaOptions kafka, Watchlist file, ILogger<WatchlistView> logger) : BackgroundService
{
    private static readonly TimeSpan ApplyInterval = TimeSpan.FromMilliseconds(500);
    private readonly object _gate = new();
    private readonly Watchlist _list = file.Copy();

    /// <summary>The entries now, the effective time of the last change applied (Unix ms; null before any), the changes applied.</summary>
    public (IReadOnlyList<WatchlistEntry> Entries, long? LastChangeMs, long ChangesApplied) Now()
    {
        lock (_gate)
        {
            return ([.. _list.Entries], _list.LastChangeMs, _list.ChangesApplied);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(kafka.WatchlistTopic))
        {
            return;
        }

        using var feed = new WatchlistFeed(kafka, line => logger.LogDebug("{Line}", line));
        feed.Start();
        while (!stoppingToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                while (feed.TryTake(out var change))
                {
                    _list.Apply(change);
                }
            }

            try
            {
                await Task.Delay(ApplyInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
