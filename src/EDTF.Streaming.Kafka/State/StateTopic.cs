using Confluent.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka.State;

/// <summary>
/// The compacted state topic: writes a snapshot as chunks (tombstoning chunks of a larger earlier one), and finds the newest
/// complete snapshot that covers given input partitions.
/// </summary>
/// <remarks>
/// <see cref="Write"/> runs on the processing thread (or the consume thread once it has stopped); delivery reports arrive on
/// librdkafka's thread and only touch the <see cref="Delivery"/> they belong to. <see cref="FindNewest"/> runs on the consume thread.
/// </remarks>
internal sealed class StateTopic : IDisposable
{
    private readonly KafkaOptions _kafka;
    private readonly StateOptions _state;
    private readonly Action<string> _log;
    private readonly Dictionary<string, int> _chunksWritten = new(StringComparer.Ordinal);
    private IProducer<string, byte[]?>? _producer;

    public StateTopic(KafkaOptions kafka, StateOptions state, Action<string> log)
    {
        _kafka = kafka;
        _state = state;
        _log = log;
    }

    /// <summary>The producer configuration: idempotent, acks=all, then <c>Kafka:Client</c> and every <c>Kafka:Producer</c> property.</summary>
    internal static ProducerConfig BuildConfig(KafkaOptions kafka)
    {
        var config = AlertPublisher.BuildConfig(kafka);
        config.ClientId = "edtf-state";
        config.LingerMs = 0;
        return config;
    }

    /// <summary>Produces the snapshot's chunks; <paramref name="delivery"/> counts their acknowledgements.</summary>
    public void Write(long snapshotId, IReadOnlyDictionary<int, long> offsets, byte[] bytes, Delivery delivery)
    {
        _producer ??= KafkaClients.Producer<string, byte[]?>(BuildConfig(_kafka), KafkaLog.To(_log)).Build();
        var count = Math.Max(1, (bytes.Length + _state.MaxChunkBytes - 1) / _state.MaxChunkBytes);
        delivery.Expect(count);
        // Two key slots taken in turn: a snapshot whose write is cut short (a crash between its chunks) leaves the previous
        // complete one in the other slot, instead of half of it overwritten.
        var slot = (int)(snapshotId & 1);
        var baseKey = StateChunk.Key(_kafka.GroupId, _kafka.InputTopic, offsets.Keys, slot, 0);
        for (var i = 0; i < count; i++)
        {
            var start = i * _state.MaxChunkBytes;
            var data = bytes.AsSpan(start, Math.Min(_state.MaxChunkBytes, bytes.Length - start)).ToArray();
            var chunk = new StateChunk(_kafka.GroupId, _kafka.InputTopic, snapshotId, i, count, offsets, data);
            Produce(StateChunk.Key(_kafka.GroupId, _kafka.InputTopic, offsets.Keys, slot, i), chunk.Encode(), delivery);
        }

        // Chunks beyond this snapshot's count, left by a larger earlier one, are deleted (compaction drops them).
        if (_chunksWritten.TryGetValue(baseKey, out var before))
        {
            for (var i = count; i < before; i++)
            {
                _producer.Produce(_state.Topic, new Message<string, byte[]?> { Key = StateChunk.Key(_kafka.GroupId, _kafka.InputTopic, offsets.Keys, slot, i), Value = null });
            }
        }

        _chunksWritten[baseKey] = count;
    }

    /// <summary>Waits for outstanding deliveries (bounded).</summary>
    public void Flush(TimeSpan timeout) => _producer?.Flush(timeout);

    /// <summary>
    /// The newest complete snapshot of this consumer group and input topic whose partitions overlap <paramref name="partitions"/>;
    /// null when there is none. <paramref name="unreadable"/> counts records of the topic this build cannot read.
    /// </summary>
    public FoundSnapshot? FindNewest(IReadOnlySet<int> partitions, out IReadOnlySet<int>? covers, out int unreadable, out string? problem)
    {
        covers = null;
        unreadable = 0;
        problem = null;
        var timeout = TimeSpan.FromSeconds(_state.ReadTimeoutSeconds);
        var latest = ReadLatestByKey(timeout);
        var chunks = new List<StateChunk>();
        foreach (var value in latest.Values)
        {
            if (StateChunk.Decode(value, out var why) is { } chunk)
            {
                if (chunk.Group == _kafka.GroupId && chunk.InputTopic == _kafka.InputTopic)
                {
                    chunks.Add(chunk);
                }
            }
            else
            {
                unreadable++;
                problem ??= why;
            }
        }

        foreach (var snapshot in chunks.Where(c => c.Offsets.Keys.Any(partitions.Contains)).GroupBy(c => c.SnapshotId).OrderByDescending(g => g.Key))
        {
            var parts = snapshot.OrderBy(c => c.Index).ToList();
            if (parts.Count != parts[0].Count || parts.Select(c => c.Index).Distinct().Count() != parts.Count)
            {
                continue; // incomplete (a later snapshot's chunks overwrote some of it): an older one may still be whole
            }

            covers = parts[0].Offsets.Keys.ToHashSet();
            return new FoundSnapshot(snapshot.Key, parts[0].Offsets, [.. parts.SelectMany(c => c.Data)]);
        }

        return null;
    }

    public void Dispose()
    {
        _producer?.Flush(TimeSpan.FromSeconds(_kafka.CloseTimeoutSeconds));
        _producer?.Dispose();
    }

    private void Produce(string key, byte[] value, Delivery delivery)
    {
        try
        {
            _producer!.Produce(_state.Topic, new Message<string, byte[]?> { Key = key, Value = value }, report => delivery.Report(report.Error.IsError ? report.Error.Reason : null));
        }
        catch (ProduceException<string, byte[]?> e)
        {
            delivery.Report(e.Error.Reason);
        }
    }

    /// <summary>The newest value of every key on the topic (tombstones remove the key), read from the start to the end.</summary>
    private Dictionary<string, byte[]> ReadLatestByKey(TimeSpan timeout)
    {
        var latest = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var exists = TopicScan.ReadAll(_kafka, _state.Topic, ".state-scan", timeout, _log, r =>
        {
            if (r.Message.Key is not { } key)
            {
                return;
            }

            var name = System.Text.Encoding.UTF8.GetString(key);
            if (r.Message.Value is { } value)
            {
                latest[name] = value;
            }
            else
            {
                latest.Remove(name);
            }
        });
        if (!exists)
        {
            _log($"warn: state topic '{_state.Topic}' not found; create it (cleanup.policy=compact) for restores in seconds");
        }

        return latest;
    }

    /// <summary>The acknowledgements of one snapshot's chunks (counted from librdkafka's delivery thread).</summary>
    internal sealed class Delivery
    {
        private int _expected = int.MaxValue;
        private int _delivered;
        private string? _error;

        /// <summary>True once every chunk is acknowledged.</summary>
        public bool Durable => Volatile.Read(ref _delivered) >= Volatile.Read(ref _expected) && Error is null;

        /// <summary>The first delivery error, if any.</summary>
        public string? Error => Volatile.Read(ref _error);

        public void Expect(int chunks) => Volatile.Write(ref _expected, chunks);

        public void Report(string? error)
        {
            if (error is not null)
            {
                Interlocked.CompareExchange(ref _error, error, null);
                return;
            }

            Interlocked.Increment(ref _delivered);
        }
    }
}
