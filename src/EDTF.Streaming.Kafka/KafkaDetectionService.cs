using System.Diagnostics;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Kafka;

/// <summary>
/// The Kafka driver of the detection pipeline: consumes NMEA records, decodes them, merges partitions by event time,
/// runs the pipeline, produces alert updates and dead letters, and stores input offsets once their outputs are acknowledged.
/// </summary>
/// <remarks>
/// Single-threaded: <see cref="Run"/> owns the consumer, the decoder and the pipeline; only delivery reports arrive on
/// librdkafka's thread (through <see cref="OffsetTracker"/>). Health properties may be read from any thread.
/// </remarks>
internal sealed partial class KafkaDetectionService
{
    private readonly KafkaOptions _options;
    private readonly DetectionOptions _detection;
    private readonly Watchlist _watchlist;
    private readonly PortAreas _ports;
    private readonly IStreamingMetrics _metrics;
    private readonly Action<string> _log;
    private readonly OffsetTracker _tracker = new();
    private readonly PartitionMerger _merger = new();
    private readonly RecordDecoder _decoder = new();
    private readonly HashSet<int> _paused = [];
    private readonly HashSet<int> _pipelineIdle = [];
    private readonly Dictionary<int, long> _toStore = [];
    private HashSet<(string AlertId, string Status)> _published = [];
    private DetectionPipeline _pipeline = null!;
    private AlertPublisher _publisher = null!;
    private IConsumer<byte[]?, byte[]?> _consumer = null!;
    private long _lastPollTicks;
    private long _lastProgressTicks;
    private int _assigned;
    private long _totalLag;
    private long _suppressed;
    private long _sentencesSeen;
    private long _nextStore;
    private Action<int, long, double>? _onCompleted;
    private long _nextIdleCheck;
    private bool _endSeen;
    private volatile bool _faulted;

    public KafkaDetectionService(
        KafkaOptions options, DetectionOptions detection, Watchlist watchlist, PortAreas ports, IStreamingMetrics? metrics = null, Action<string>? log = null)
    {
        _options = options;
        _detection = detection;
        _watchlist = watchlist;
        _ports = ports;
        _metrics = metrics ?? NullStreamingMetrics.Instance;
        _log = log ?? (_ => { });
    }

    /// <summary>Partitions currently assigned.</summary>
    public int AssignedPartitions => Volatile.Read(ref _assigned);

    /// <summary>True once the loop has stopped on an error.</summary>
    public bool Faulted => _faulted;

    /// <summary>When the loop last polled the consumer (UTC ticks; 0 before it started).</summary>
    public DateTime LastPollUtc => new(Volatile.Read(ref _lastPollTicks), DateTimeKind.Utc);

    /// <summary>When a record last went through (UTC ticks).</summary>
    public DateTime LastProgressUtc => new(Volatile.Read(ref _lastProgressTicks), DateTimeKind.Utc);

    /// <summary>Records between the consumer positions and the high watermarks, all partitions, at the last check.</summary>
    public long TotalLag => Volatile.Read(ref _totalLag);

    /// <summary>Alert updates not produced because they were already on the alerts topic (state rebuild after a restart).</summary>
    public long SuppressedRepeats => Volatile.Read(ref _suppressed);

    /// <summary>Raised (on the loop thread) once the first assignment is positioned.</summary>
    public event Action? Assigned;

    /// <summary>The consumer configuration: cooperative-sticky, manual offset store, EOF events, then every <c>Kafka:Consumer</c> property.</summary>
    internal static ConsumerConfig BuildConsumerConfig(KafkaOptions options)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.GroupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1000,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            FetchWaitMaxMs = 50,
            ClientId = "edtf-service",
            ConsumeResultFields = "timestamp,headers",
        };
        KafkaConfig.Apply(config, options.Consumer);

        // Not overridable: at-least-once needs manual offset stores, and the partition merge needs EOF events.
        config.EnableAutoOffsetStore = false;
        config.EnablePartitionEof = true;
        return config;
    }

    /// <summary>Runs until <paramref name="stop"/> fires, then shuts down gracefully (flush, store, commit, close).</summary>
    public void Run(CancellationToken stop)
    {
        try
        {
            RunCore(stop);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    private void RunCore(CancellationToken stop)
    {
        if (_options.StateRebuildHours > 0)
        {
            _published = PublishedAlerts.Read(_options, TimeSpan.FromSeconds(60));
            _log($"alerts topic holds {_published.Count} update(s); they will not be produced again");
        }

        _pipeline = new DetectionPipeline(_detection, _watchlist, _ports, OnAlert);
        using var publisher = _publisher = new AlertPublisher(_options, _tracker, _metrics);
        using var consumer = _consumer = new ConsumerBuilder<byte[]?, byte[]?>(BuildConsumerConfig(_options))
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler(OnLost)
            .SetErrorHandler((_, e) => _log($"kafka: {e.Reason}"))
            .SetLogHandler((_, _) => { })
            .Build();
        consumer.Subscribe(_options.InputTopic);
        var nextGauges = Stopwatch.GetTimestamp();
        var gaugeInterval = Stopwatch.Frequency;
        while (!stop.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? r;
            try
            {
                r = consumer.Consume(TimeSpan.FromMilliseconds(100));
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                _log($"consume: {e.Error.Reason}");
                continue;
            }

            Volatile.Write(ref _lastPollTicks, DateTime.UtcNow.Ticks);
            if (r is not null)
            {
                if (r.IsPartitionEOF)
                {
                    _merger.MarkEnd(r.Partition.Value);
                    _endSeen = true;
                }
                else
                {
                    OnRecord(r);
                }
            }

            ReleaseAndStore();
            CompleteInputIfReachedEnd();
            if (Stopwatch.GetTimestamp() >= nextGauges)
            {
                nextGauges = Stopwatch.GetTimestamp() + gaugeInterval;
                UpdateGauges();
            }
        }

        Shutdown();
    }

    private void OnRecord(ConsumeResult<byte[]?, byte[]?> r)
    {
        var consumed = Stopwatch.GetTimestamp();
        Volatile.Write(ref _lastProgressTicks, DateTime.UtcNow.Ticks);
        _metrics.RecordConsumed();
        var partition = r.Partition.Value;
        var value = r.Message.Value;
        AisReport[] reports = [];
        if (value is { Length: > 0 } && AisJsonRecord.Is(r.Message.Headers))
        {
            reports = AisJsonRecord.Read(_options.InputTopic, r, value, _metrics, _publisher);
        }
        else if (value is { Length: > 0 })
        {
            _decoder.Decode(value, r.Message.Timestamp.UnixTimestampMs);
            var sentences = _decoder.Statistics.Sentences;
            if (sentences != _sentencesSeen)
            {
                _metrics.SentencesDecoded(sentences - _sentencesSeen);
                _sentencesSeen = sentences;
            }

            foreach (var reject in _decoder.Rejects)
            {
                _metrics.DecodeReject(reject.Reason);
            }

            if (_decoder.HasContentRejects)
            {
                _publisher.PublishDeadLetter(_options.InputTopic, r, _decoder.Rejects, _decoder.LineInRecord);
            }

            if (_decoder.Reports.Count > 0)
            {
                reports = _decoder.Reports.ToArray();
            }
        }

        _merger.Enqueue(new PendingRecord(partition, r.Offset.Value, consumed, reports));
        if (_merger.QueuedOf(partition) > _options.MaxQueuedRecordsPerPartition && _paused.Add(partition))
        {
            _consumer.Pause([new TopicPartition(_options.InputTopic, partition)]);
        }
    }

    private void ReleaseAndStore()
    {
        while (_merger.TryRelease(out var record))
        {
            if (_pipelineIdle.Remove(record.Partition))
            {
                _pipeline.SetPartitionIdle(record.Partition, false);
            }

            if (record.Reports.Length > 0)
            {
                var source = AlertSource.FromKafka(_options.InputTopic, record.Partition, record.Offset);
                foreach (var report in record.Reports)
                {
                    _pipeline.Add(report, source, record.Partition);
                }
            }

            _tracker.Released(record.Partition, record.Offset, record.ConsumedTimestamp);
        }

        if (_endSeen || Stopwatch.GetTimestamp() >= _nextIdleCheck)
        {
            _endSeen = false;
            _nextIdleCheck = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
            foreach (var p in _merger.Partitions)
            {
                if (_merger.IsIdle(p) && _pipelineIdle.Add(p))
                {
                    _pipeline.SetPartitionIdle(p, true);
                }
            }
        }

        if (_paused.Count > 0)
        {
            foreach (var p in _paused.Where(p => _merger.QueuedOf(p) < _options.MaxQueuedRecordsPerPartition / 2).ToList())
            {
                _paused.Remove(p);
                _consumer.Resume([new TopicPartition(_options.InputTopic, p)]);
            }
        }

        StoreCompleted(now: false);
    }

    private void StoreCompleted(bool now = true)
    {
        _tracker.Drain(_onCompleted ??= (partition, next, seconds) =>
        {
            _toStore[partition] = next;
            _metrics.ProcessingLatency(seconds);
        });
        if (_tracker.Failures > 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"{_tracker.Failures} alert/dead-letter record(s) could not be delivered; stopping without storing their offsets"));
        }

        if (_toStore.Count == 0 || (!now && Stopwatch.GetTimestamp() < _nextStore))
        {
            return;
        }

        _nextStore = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 200);

        foreach (var (partition, next) in _toStore)
        {
            if (_merger.Has(partition))
            {
                try
                {
                    _consumer.StoreOffset(new TopicPartitionOffset(_options.InputTopic, partition, next));
                }
                catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_State)
                {
                    // partition no longer assigned
                }
            }
        }

        _toStore.Clear();
    }

    private void OnAlert(AlertUpdate alert)
    {
        if (_published.Count > 0 && _published.Contains((alert.AlertId, alert.Status)))
        {
            _suppressed++;
            return;
        }

        _publisher.PublishAlert(alert);
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        foreach (var tp in partitions)
        {
            _merger.Add(tp.Partition.Value);
        }

        Interlocked.Add(ref _assigned, partitions.Count);
        var positions = StartPositions(consumer, partitions);
        _log($"assigned {string.Join(",", positions.Select(p => $"{p.Partition.Value}@{p.Offset}"))}");
        Assigned?.Invoke();
        return positions;
    }

    private List<TopicPartitionOffset> StartPositions(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (_options.StateRebuildHours <= 0 || partitions.Count == 0)
        {
            return partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Unset)).ToList();
        }

        var timeout = TimeSpan.FromSeconds(30);
        var committed = consumer.Committed(partitions, timeout).ToDictionary(c => c.Partition.Value, c => c.Offset);
        var since = new Timestamp(DateTime.UtcNow.AddHours(-_options.StateRebuildHours));
        var byTime = consumer.OffsetsForTimes(partitions.Select(tp => new TopicPartitionTimestamp(tp, since)), timeout)
            .ToDictionary(o => o.Partition.Value, o => o.Offset);
        var result = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var tp in partitions)
        {
            var c = committed.GetValueOrDefault(tp.Partition.Value, Offset.Unset);
            var t = byTime.GetValueOrDefault(tp.Partition.Value, Offset.End);
            Offset start;
            if (c.IsSpecial)
            {
                start = Offset.Unset; // a new group: auto.offset.reset decides
            }
            else if (!t.IsSpecial)
            {
                start = t.Value < c.Value ? t : c; // rebuild vessel state from the records inside the window
            }
            else if (c.Value > 0 && LastBeforeIsInside(tp, c, since.UtcDateTime))
            {
                // The broker found no record inside the window, yet the last processed one is inside it: it cannot look
                // offsets up by time (the embedded broker answers -1), so rebuild from the start of the retained log.
                start = Offset.Beginning;
            }
            else
            {
                start = c;
            }

            result.Add(new TopicPartitionOffset(tp, start));
        }

        return result;
    }

    /// <summary>True when the record before <paramref name="committed"/> has a timestamp at or after <paramref name="since"/>.</summary>
    private bool LastBeforeIsInside(TopicPartition tp, Offset committed, DateTime since)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            GroupId = _options.GroupId + ".probe",
            EnableAutoCommit = false,
        };
        using var probe = new ConsumerBuilder<Ignore, Ignore>(config).SetLogHandler((_, _) => { }).Build();
        probe.Assign(new TopicPartitionOffset(tp, committed.Value - 1));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var r = probe.Consume(TimeSpan.FromMilliseconds(200));
            if (r is { IsPartitionEOF: false })
            {
                return r.Message.Timestamp.UtcDateTime >= since;
            }
        }

        return false;
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        _publisher.Flush(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds));
        StoreCompleted();
        try
        {
            consumer.Commit();
        }
        catch (KafkaException e)
        {
            _log($"commit on revoke: {e.Error.Reason}");
        }

        Forget(partitions.Select(p => p.Partition.Value));
    }

    private void OnLost(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions) =>
        Forget(partitions.Select(p => p.Partition.Value));

    private void Forget(IEnumerable<int> partitions)
    {
        foreach (var p in partitions)
        {
            _merger.Remove(p);
            _tracker.Forget(p);
            _pipeline.RemovePartition(p);
            _pipelineIdle.Remove(p);
            _paused.Remove(p);
            _metrics.PartitionRevoked(p);
            Interlocked.Decrement(ref _assigned);
        }
    }

    private void UpdateGauges()
    {
        var stats = _pipeline.Statistics;
        double? watermarkLag = stats.WatermarkMs is { } w ? (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - w) / 1000.0 : null;
        _metrics.Pipeline(stats.VesselsTracked, stats.VesselsOfInterest, watermarkLag);
        long total = 0;
        foreach (var tp in _consumer.Assignment)
        {
            var high = _consumer.GetWatermarkOffsets(tp).High;
            var position = _consumer.Position(tp);
            if (high.IsSpecial || position.IsSpecial)
            {
                continue;
            }

            var lag = Math.Max(0, high.Value - position.Value) + _merger.QueuedOf(tp.Partition.Value);
            total += lag;
            _metrics.ConsumerLag(tp.Partition.Value, lag);
        }

        Volatile.Write(ref _totalLag, total);
    }

    private void Shutdown()
    {
        _log("stopping: flushing alerts, storing offsets, closing the consumer");
        _publisher.Flush(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds));
        StoreCompleted();
        var close = Task.Run(() =>
        {
            try
            {
                _consumer.Close();
            }
            catch (KafkaException e)
            {
                _log($"close: {e.Error.Reason}");
            }
        });
        if (!close.Wait(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds)))
        {
            _log("consumer close timed out");
        }
    }
}
