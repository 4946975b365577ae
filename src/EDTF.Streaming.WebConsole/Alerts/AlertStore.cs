using System.Threading.Channels;

namespace EDTF.Streaming.WebConsole.Alerts;

/// <summary>
/// Every alert read from the topic: the newest update of each <c>alertId</c> (the topic's order wins: one alert's updates
/// are in one partition, in order) and its distinct updates, at most <see cref="HistoryLimit"/> each.
/// </summary>
/// <remarks>Written by the topic reader's thread, read by request threads and the event streams; one lock guards it.</remarks>
internal sealed class AlertStore
{
    /// <summary>Most updates kept per alert (the oldest are dropped; the newest is always kept).</summary>
    public const int HistoryLimit = 200;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ConsoleAlert> _alerts = new(StringComparer.Ordinal);
    private readonly List<Channel<AlertView>> _listeners = [];
    private long _updates;

    /// <summary>Updates taken in since start (repeats of an update already held are not counted).</summary>
    public long Updates
    {
        get
        {
            lock (_gate)
            {
                return _updates;
            }
        }
    }

    /// <summary>Takes in an update; false when it repeats, byte for byte, one already held (an at-least-once repeat).</summary>
    public bool Add(AlertView update)
    {
        Channel<AlertView>[] listeners;
        lock (_gate)
        {
            var raw = update.Body.GetRawText();
            if (_alerts.TryGetValue(update.AlertId, out var known))
            {
                if (known.History.Any(h => h.Body.GetRawText() == raw))
                {
                    return false;
                }

                var history = known.History.Count >= HistoryLimit ? known.History.Skip(1) : known.History;
                _alerts[update.AlertId] = new ConsoleAlert(update, [.. history, update]);
            }
            else
            {
                _alerts[update.AlertId] = new ConsoleAlert(update, [update]);
            }

            _updates++;
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener.Writer.TryWrite(update);
        }

        return true;
    }

    /// <summary>The newest update of each alert the filter keeps, newest first (latest update's event time, then start, then id).</summary>
    public IReadOnlyList<AlertView> Latest(AlertFilter filter)
    {
        lock (_gate)
        {
            return [.. _alerts.Values
                .Select(a => a.Latest)
                .Where(filter.Keeps)
                .OrderByDescending(a => a.DetectedAt)
                .ThenByDescending(a => a.Start)
                .ThenBy(a => a.AlertId, StringComparer.Ordinal)];
        }
    }

    /// <summary>The alert with this id, or null.</summary>
    public ConsoleAlert? Find(string alertId)
    {
        lock (_gate)
        {
            return _alerts.GetValueOrDefault(alertId);
        }
    }

    /// <summary>A stream of the updates taken in from now on; dropped (oldest first) when its reader falls 1,000 behind. Dispose the subscription to end it.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<AlertView>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _listeners.Add(channel);
        }

        return new Subscription(this, channel);
    }

    private void Unsubscribe(Channel<AlertView> channel)
    {
        lock (_gate)
        {
            _listeners.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    /// <summary>One reader's stream of updates (<see cref="Subscribe"/>).</summary>
    internal sealed class Subscription(AlertStore store, Channel<AlertView> channel) : IDisposable
    {
        public ChannelReader<AlertView> Reader => channel.Reader;

        public void Dispose() => store.Unsubscribe(channel);
    }
}
