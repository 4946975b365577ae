using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka;

/// <summary>
/// Reads the watch-list topic (<see cref="KafkaOptions.WatchlistTopic"/>) from the beginning on its own thread and queues each
/// record as a <see cref="WatchlistChange"/>, in topic order, for the processing thread to take.
/// </summary>
/// <remarks>
/// Its own consumer, every partition assigned by hand, no group offsets: the compacted topic is re-read in full at every start.
/// Key = entry id; value = entry JSON (<see cref="WatchlistJson"/>), empty = tombstone (delisted); effective time = the value's
/// <c>effective</c>, else the record timestamp. The feed thread writes the queue; <see cref="TryTake"/> is for one reader thread.
/// </remarks>
internal sealed class WatchlistFeed : IDisposable
{
    private readonly KafkaOptions _options;
    private readonly Action<string> _log;
    private readonly ConcurrentQueue<WatchlistChange> _changes = new();
    private readonly ManualResetEventSlim _caughtUp = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _rejected;

    public WatchlistFeed(KafkaOptions options, Action<string> log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.WatchlistTopic);
        _options = options;
        _log = log;
    }

    /// <summary>Records that were not a change (no key, not an entry); logged and skipped.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Starts reading on the feed thread.</summary>
    public void Start()
    {
        _thread ??= new Thread(Poll) { Name = "edtf-watchlist", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Waits until every partition's end, as it was at the start, has been read (or the topic was found missing); false on timeout.</summary>
    public bool WaitCaughtUp(TimeSpan timeout, CancellationToken stop)
    {
        try
        {
            return _caughtUp.Wait(timeout, stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The next change in topic order, if one waits.</summary>
    public bool TryTake(out WatchlistChange change) => _changes.TryDequeue(out change!);

    /// <summary>Stops the feed thread and closes its consumer.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        if (_thread is null || _thread.Join(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds)))
        {
            _stop.Dispose();
            _caughtUp.Dispose(); // else the feed thread still closes its consumer and may still use them
        }
    }

    /// <summary>The change a record stands for, or null (logged) when it is none.</summary>
    internal static WatchlistChange? ToChange(string? key, byte[]? value, long timestampMs, Action<string> reject)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            reject("a record without a key (the entry id)");
            return null;
        }

        if (value is null || value.Length == 0)
        {
            return new WatchlistChange(key, null, timestampMs);
        }

        try
        {
            var entry = JsonNode.Parse(value) as JsonObject ?? throw new FormatException("the value is not a JSON object");
            return new WatchlistChange(key, WatchlistJson.ReadEntry(entry, key), WatchlistJson.ReadEffective(entry) ?? timestampMs);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            reject($"entry {key}: {e.Message}");
            return null;
        }
    }

    private ConsumerConfig BuildConfig()
    {
        var config = new ConsumerConfig
        {
            GroupId = _options.GroupId + ".watchlist", // never joined or committed: the partitions are assigned by hand
            ClientId = "edtf-watchlist",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        return KafkaClientSettings.Apply(config, _options);
    }

    private void Poll()
    {
        try
        {
            using var consumer = KafkaClients.Consumer<string, byte[]>(BuildConfig(), KafkaLog.To(_log))
                .SetErrorHandler((_, e) => _log(KafkaLog.Line(e)))
                .Build();
            var atEnd = Assign(consumer);
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                    if (result is null)
                    {
                        continue;
                    }

                    if (result.IsPartitionEOF)
                    {
                        if (atEnd.Remove(result.Partition.Value) && atEnd.Count == 0)
                        {
                            _caughtUp.Set();
                        }

                        continue;
                    }

                    var change = ToChange(result.Message.Key, result.Message.Value, result.Message.Timestamp.UnixTimestampMs, Reject);
                    if (change is not null)
                    {
                        _changes.Enqueue(change);
                    }
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    Reject($"{e.Error.Reason} at {e.ConsumerRecord?.TopicPartitionOffset}");
                }
            }

            consumer.Close();
        }
        catch (Exception e)
        {
            _log($"error: the watch-list feed stopped: {e.Message}; the list stays as it is");
            _caughtUp.Set();
        }
    }

    /// <summary>Assigns every partition from the beginning; returns those still to be read to their end (none when the topic is missing).</summary>
    private HashSet<int> Assign(IConsumer<string, byte[]> consumer)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var topic = admin.GetMetadata(_options.WatchlistTopic, TimeSpan.FromSeconds(10)).Topics.FirstOrDefault();
        if (topic is not { Error.IsError: false, Partitions.Count: > 0 })
        {
            _log($"warn: watch-list topic {_options.WatchlistTopic} not found ({topic?.Error.Reason ?? "no metadata"}); the list file alone is used");
            _caughtUp.Set();
            return [];
        }

        var partitions = topic.Partitions.Select(p => p.PartitionId).Order().ToList();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(_options.WatchlistTopic, p, Offset.Beginning)));
        _log($"reading the watch list from {_options.WatchlistTopic} ({partitions.Count} partition(s)) from the beginning");
        return [.. partitions];
    }

    private void Reject(string why)
    {
        Interlocked.Increment(ref _rejected);
        _log($"warn: watch-list topic {_options.WatchlistTopic}: {why}; skipped");
    }
}
