using System.Diagnostics;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka;

/// <summary>
/// The Kafka driver of the detection pipeline: consumes NMEA records, decodes them, merges partitions by event time,
/// runs the pipeline, produces alert updates and dead letters, and stores input offsets once their outputs are acknowledged.
/// </summary>
/// <remarks>
/// Two threads. The consume thread (the caller of <see cref="Run"/>) polls the consumer, decodes each record (the decoder
/// is shared by all partitions, fed in consume order) and hands batches to the processing thread through a bounded
/// <see cref="RecordHandoff"/>. The processing thread owns the partition merge, the pipeline, the publisher and the offset
/// tracker; it stores offsets and pauses/resumes partitions (thread-safe consumer calls). Rebalance callbacks run on the
/// consume thread and are handed over in stream order as <see cref="ControlRequest"/>s; a revocation waits until the
/// processing thread has dealt with everything consumed before it. Delivery reports arrive on librdkafka's thread
/// (through <see cref="OffsetTracker"/>). Health properties may be read from any thread.
/// </remarks>
internal sealed partial class KafkaDetectionService
{
    private const int HandoffBatches = 64;
    private const int HandoffBatchSize = 512;

    /// <summary>How far past the wall clock a partition's event-time clock may run (receivers' clock errors; future-dated lines beyond are not believed).</summary>
    private const long FutureSkewMs = 120_000;
    private readonly KafkaOptions _options;
    private readonly DetectionOptions _detection;
    private readonly Watchlist _watchlist;
    private readonly PortAreas _ports;
    private readonly IStreamingMetrics _metrics;
    private readonly Action<string> _log;
    private readonly TimeProvider _clock;
    private readonly ServiceActivity _activity;
    private readonly OffsetTracker _tracker = new();
    private readonly PartitionMerger _merger;
    private readonly RecordDecoder _decoder = new();
    private RecordHandoff _handoff = new(HandoffBatches, HandoffBatchSize);
    private readonly HashSet<int> _paused = [];
    private readonly GuardLog _guardLog = new();
    private readonly RecentErrors _recentErrors;
    private readonly HashSet<int> _pipelineIdle = [];
    private readonly Dictionary<int, long> _toStore = [];
    private HashSet<string> _published = [];
    private DetectionPipeline _pipeline = null!;
    private AlertPublisher _publisher = null!;
    private IConsumer<ScratchBytes, ScratchBytes> _consumer = null!;
    private List<HandoffItem> _batch = null!;
    private List<PendingRecord> _stock = [];
    private List<PendingRecord> _released = new(HandoffBatchSize);
    private Thread? _processing;
    private Exception? _processingError;
    private Exception? _callbackError;
    private volatile bool _stopProcessing;
    private volatile bool _processingAbandoned;
    private int _assigned;
    private long _totalLag;
    private long _suppressed;
    private long _pauses;
    private long _sentencesSeen;
    private long _nextStore;
    private long _quietSince;
    private Action<int, long>? _onStore;
    private Action<double>? _onAcknowledged;
    private long _nextIdleCheck;
    private bool _endSeen;
    private volatile bool _faulted;

    /// <summary>Where the two threads wait (printed by the service benchmark).</summary>
    internal ThreadWaits Waits { get; } = new();

    public KafkaDetectionService(
        KafkaOptions options, DetectionOptions detection, Watchlist watchlist, PortAreas ports, IStreamingMetrics? metrics = null, Action<string>? log = null,
        TimeProvider? clock = null)
    {
        _options = options;
        _detection = detection;
        _watchlist = watchlist;
        _ports = ports;
        _metrics = metrics ?? NullStreamingMetrics.Instance;
        _log = log ?? (_ => { });
        _clock = clock ?? TimeProvider.System;
        _activity = new ServiceActivity(_clock);
        _recentErrors = new RecentErrors(_clock);
        _merger = new PartitionMerger(
            (long)(detection.EventTime.MaxAheadMinutes * 60_000), detection.EventTime.CorroboratingReports, _clock, TimeSpan.FromSeconds(options.PartitionIdleSeconds));
    }

    /// <summary>The clock of the health stamps, the watermark-lag gauge and the state-rebuild window.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Records on which decoding or detection threw in the last minute (any thread).</summary>
    public int ProcessingErrorsLastMinute => _recentErrors.Within(TimeSpan.FromMinutes(1));

    /// <summary>Partitions currently assigned.</summary>
    public int AssignedPartitions => Volatile.Read(ref _assigned);

    /// <summary>True once the loop has stopped on an error.</summary>
    public bool Faulted => _faulted;

    /// <summary>When the loop last polled the consumer (UTC, by the service's clock; year 1 before it started).</summary>
    public DateTime LastPollUtc => _activity.LastPollUtc;

    /// <summary>When a record last went through (UTC, by the service's clock).</summary>
    public DateTime LastProgressUtc => _activity.LastProgressUtc;

    /// <summary>Records between the consumer positions and the high watermarks, all partitions, at the last check.</summary>
    public long TotalLag => Volatile.Read(ref _totalLag);

    /// <summary>When the processing thread last went round its loop (UTC, by the service's clock).</summary>
    public DateTime LastHeartbeatUtc => _activity.LastHeartbeatUtc;

    /// <summary>When the processing thread started the round it is still in (UTC, by the service's clock); null while it waits for input.</summary>
    public DateTime? ProcessingBusySinceUtc => _activity.ProcessingBusySinceUtc;

    /// <summary>True when input waits for the processing thread: a batch in its hands, batches queued for it, or consumer lag.</summary>
    public bool WorkWaiting => _activity.WorkInHand || QueuedBatches > 0 || TotalLag > 0;

    /// <summary>Alert updates not produced because they were already on the alerts topic (state rebuild after a restart).</summary>
    public long SuppressedRepeats => Volatile.Read(ref _suppressed);

    /// <summary>Times a partition was paused because its queue in the merge was full (each pause drops what librdkafka had prefetched).</summary>
    public long Pauses => Volatile.Read(ref _pauses);

    /// <summary>Test hook: runs on the processing thread before each record is taken (e.g. to hold it while the queue fills).</summary>
    internal Action? BeforeRecord { get; set; }

    /// <summary>Test hook: runs on the processing thread once a record (partition, offset) went into the pipeline.</summary>
    internal Action<int, long>? RecordReleased { get; set; }

    /// <summary>The consume thread's decoder counts (read them once the stream is quiet: they are written by the consume thread).</summary>
    internal DecoderStatistics DecoderStatistics => _decoder.Statistics;

    /// <summary>Records processed whose offsets wait for a multi-sentence message they carried a fragment of (or behind such a record of their partition).</summary>
    internal int HeldRecords => _tracker.Held;

    /// <summary>Batches waiting between the consume thread and the processing thread.</summary>
    internal int QueuedBatches => _handoff.Count;

    /// <summary>Batches that may wait at once (the consume thread blocks beyond); settable before <see cref="Run"/> for tests.</summary>
    internal int QueueCapacity
    {
        get => _handoff.Capacity;
        init => _handoff = new RecordHandoff(value, HandoffBatchSize);
    }

    /// <summary>Raised (on the consume thread) once the first assignment is positioned.</summary>
    public event Action? Assigned;

    /// <summary>The consumer configuration: cooperative-sticky, manual offset store, EOF events, then the <c>Kafka:Client</c> and every <c>Kafka:Consumer</c> property.</summary>
    internal static ConsumerConfig BuildConsumerConfig(KafkaOptions options)
    {
        var config = new ConsumerConfig
        {
            GroupId = options.GroupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1000,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            FetchWaitMaxMs = 50,
            ClientId = "edtf-service",
            ConsumeResultFields = "timestamp,headers",

            // Small per-partition fetches keep the partitions interleaved in the consumer queue. With the 1 MiB default one
            // fetch response queued tens of thousands of records of one partition before the next, the partition merge had
            // to hold them (or pause, dropping librdkafka's prefetch) while waiting for the others (docs/service.md, Speed).
            MaxPartitionFetchBytes = 65_536,

            // librdkafka skips a partition's next fetch for fetch.queue.backoff.ms (1 s by default) when the queue it feeds holds
            // queued.min.messages. That queue is the consumer's (all partitions forward to it), so over a backlog the 100,000
            // default was reached every second or so and every partition stopped fetching for a whole second while the queue
            // drained in a quarter of that: the consume thread sat idle in polls ~45% of the time (docs/service.md, Speed).
            FetchQueueBackoffMs = 10,
        };
        KafkaClientSettings.Apply(config, options);
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
        _log(KafkaClientSettings.Describe(_options.BootstrapServers, _options.Client));
        if (_options.StateRebuildHours > 0)
        {
            _published = PublishedAlerts.Read(_options, TimeSpan.FromSeconds(60), _log);
            _log($"alerts topic holds {_published.Count} update(s); they will not be produced again");
        }

        _pipeline = new DetectionPipeline(_detection, _watchlist, _ports, OnAlert);
        StartState(); // state: snapshots (KafkaDetectionService.State.cs)
        var publisher = _publisher = new AlertPublisher(_options, _tracker, _metrics, _log);
        var consumer = _consumer = KafkaClients.Consumer<ScratchBytes, ScratchBytes>(BuildConsumerConfig(_options), KafkaLog.To(_log))
            .SetKeyDeserializer(new ScratchDeserializer())
            .SetValueDeserializer(new ScratchDeserializer())
            .SetPartitionsAssignedHandler((c, p) => Guard(() => OnAssigned(c, p)))
            .SetPartitionsRevokedHandler((c, p) => Guard(() => OnRevoked(c, p)))
            .SetPartitionsLostHandler((c, p) => Guard(() => OnLost(c, p)))
            .SetErrorHandler((_, e) => _log(KafkaLog.Line(e)))
            .Build();
        bool? closed = null;
        try
        {
            _batch = _handoff.Rent();
            _processing = new Thread(ProcessLoop) { Name = "edtf-process", IsBackground = true };
            _processing.Start();
            bool processingStopped;
            try
            {
                consumer.Subscribe(_options.InputTopic);
                ConsumeLoop(stop);
            }
            finally
            {
                // Finish the record in hand on the processing thread, drop what is still queued (its offsets are not stored).
                _stopProcessing = true;
                _handoff.Wake();
                processingStopped = _processing.Join(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds));
                _handoff.Close();
            }

            if (_processingError is { } error)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }

            if (!processingStopped)
            {
                // Its state is not ours to touch while it runs: store nothing more, leave the group (the next owner resumes at
                // the last committed offsets: at-least-once holds).
                _processingAbandoned = true;
                _log($"the processing thread did not stop within {_options.CloseTimeoutSeconds} s; closing without storing more offsets");
                closed = CloseConsumer();
                return;
            }

            closed = Shutdown();
        }
        finally
        {
            // On an error, still leave the group; a close that timed out is still running on another thread, and disposing the
            // consumer now would wait for it.
            closed ??= CloseConsumer();
            if (closed == true)
            {
                consumer.Dispose();
            }

            if (!_processingAbandoned)
            {
                publisher.Dispose(); // not under a processing thread that may still publish
                StopState(); // state: the snapshot producer
            }
        }
    }

    /// <summary>The consume thread: poll, decode, batch; a batch goes over when full or when the consumer has nothing more at hand.</summary>
    private void ConsumeLoop(CancellationToken stop)
    {
        var poller = DirectPoller.TryCreate(_consumer, out var reason);
        if (poller is null)
        {
            _log($"reading records through Confluent.Kafka's Consume ({reason})");
        }

        UpdateClockCeiling();

        try
        {
            while (!stop.IsCancellationRequested && Volatile.Read(ref _processingError) is null)
            {
                var timeoutMs = _batch.Count == 0 ? 100 : 0;
                bool got;
                try
                {
                    var t0 = timeoutMs > 0 ? Stopwatch.GetTimestamp() : 0;
                    got = poller is null ? ConsumeOne(timeoutMs) : PollOne(poller, timeoutMs);
                    if (timeoutMs > 0)
                    {
                        Waits.BlockingPoll(Stopwatch.GetTimestamp() - t0);
                    }
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    _log($"consume: {e.Error.Reason}");
                    continue;
                }
                catch (KafkaException e) when (!e.Error.IsFatal)
                {
                    _log($"consume: {e.Error.Reason}");
                    continue;
                }

                if (_callbackError is { } callbackError)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(callbackError);
                }

                if (!got)
                {
                    _activity.Polled();
                    UpdateClockCeiling();
                    PublishBatch(stop);
                    CheckEndOfInput();
                    ExpireFragmentsWhenQuiet();
                    continue;
                }

                _quietSince = 0;

                if (_batch.Count >= _handoff.BatchSize)
                {
                    _activity.Polled();
                    UpdateClockCeiling();
                    PublishBatch(stop);
                }
            }
        }
        finally
        {
            poller?.Dispose();
        }
    }

    private bool PollOne(DirectPoller poller, int timeoutMs)
    {
        if (!poller.Poll(timeoutMs, out var record, out var eofPartition))
        {
            return false;
        }

        if (eofPartition >= 0)
        {
            AtEnd(eofPartition);
            _batch.Add(HandoffItem.End(eofPartition));
        }
        else
        {
            _batch.Add(HandoffItem.Of(Decode(record)));
        }

        return true;
    }

    private bool ConsumeOne(int timeoutMs)
    {
        var r = _consumer.Consume(timeoutMs);
        if (r is null)
        {
            return false;
        }

        if (r.IsPartitionEOF)
        {
            AtEnd(r.Partition.Value);
            _batch.Add(HandoffItem.End(r.Partition.Value));
        }
        else
        {
            _batch.Add(HandoffItem.Of(Decode(new ConsumedRecord(r))));
        }

        return true;
    }

    private void PublishBatch(CancellationToken stop)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        var t0 = Stopwatch.GetTimestamp();
        var count = _batch.Count;
        var added = _handoff.Add(_batch, stop);
        Waits.Put(count, Stopwatch.GetTimestamp() - t0);
        if (added)
        {
            _batch = _handoff.Rent();
        }
        else
        {
            _batch.Clear(); // stopping: these records were not processed, their offsets are not stored
        }
    }

    /// <summary>A record without NMEA lines moves its partition's clock too (fragment groups elsewhere must not wait on it).</summary>
    private void ObserveTime(in ConsumedRecord r)
    {
        _decoder.ObserveTime(r.Partition, r.Timestamp.UnixTimestampMs);
        foreach (var reject in _decoder.Rejects)
        {
            _metrics.DecodeReject(reject.Reason);
        }
    }

    /// <summary>Keeps partition clocks from running ahead of the wall clock on a future-dated line (<see cref="RecordDecoder.ClockCeilingMs"/>).</summary>
    private void UpdateClockCeiling() => _decoder.ClockCeilingMs = _clock.GetUtcNow().ToUnixTimeMilliseconds() + FutureSkewMs;

    /// <summary>Consume thread: the partition is at its end; fragment groups that can no longer complete are rejected.</summary>
    private void AtEnd(int partition)
    {
        _decoder.PartitionAtEnd(partition);
        foreach (var reject in _decoder.Rejects)
        {
            _metrics.DecodeReject(reject.Reason);
        }
    }

    /// <summary>Consume thread, nothing at hand: once every partition has been at its end for <see cref="KafkaOptions.FragmentQuietSeconds"/> with fragments waiting, reject them (their records' offsets may then be stored).</summary>
    private void ExpireFragmentsWhenQuiet()
    {
        if (!_decoder.QuietWithPendingFragments)
        {
            _quietSince = 0;
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (_quietSince == 0)
        {
            _quietSince = now;
            return;
        }

        if (Stopwatch.GetElapsedTime(_quietSince, now).TotalSeconds < _options.FragmentQuietSeconds)
        {
            return;
        }

        _decoder.ExpirePendingFragments();
        foreach (var reject in _decoder.Rejects)
        {
            _metrics.DecodeReject(reject.Reason);
        }

        _log($"input quiet for {_options.FragmentQuietSeconds} s: {_decoder.Rejects.Count} incomplete message(s) rejected ({string.Join("; ", _decoder.Rejects.Take(3).Select(r => r.Text))})");

        _quietSince = 0;
    }

    /// <summary>Decodes a record on the consume thread (decoder state spans partitions, in consume order).</summary>
    private PendingRecord Decode(in ConsumedRecord r)
    {
        var consumed = Stopwatch.GetTimestamp();
        _metrics.RecordConsumed();
        var record = RentRecord();
        DeadLetter? deadLetter;
        if (RecordLimits.Check(r.Value, _options.MaxRecordBytes, _options.MaxLinesPerRecord) is { } tooBig)
        {
            // Not decoded at all: one reject for the whole record, which goes to the dead-letter topic (cut to a size it takes).
            _metrics.DecodeReject(tooBig.Reason);
            deadLetter = ToDeadLetter(r, [tooBig], tooBig.Line);
            ObserveTime(r);
        }
        else
        {
            try
            {
                deadLetter = DecodeContent(r, record);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A decoder defect must not stop the stream: the record is dead-lettered with the exception's message.
                _metrics.ProcessingError();
                _recentErrors.Record();
                _metrics.DecodeReject(RejectReason.ProcessingError);
                _log($"error: decoding {_options.InputTopic}/{r.Partition}@{r.Offset} threw {e.GetType().Name}: {e.Message}; the record is dead-lettered and the stream goes on");
                record.Clear();
                deadLetter = ToDeadLetter(r, [new DecodeReject(0, RejectReason.ProcessingError, $"{e.GetType().Name}: {e.Message}", "")], 0);
            }
        }

        record.Set(r.Partition, r.Offset, consumed, deadLetter);
        return record;
    }

    /// <summary>Decodes the record's content (JSON or NMEA lines) into <paramref name="record"/>; returns its dead letter, if any.</summary>
    private DeadLetter? DecodeContent(in ConsumedRecord r, PendingRecord record)
    {
        var value = r.Value;
        DeadLetter? deadLetter = null;
        if (value.Length > 0 && AisJsonRecord.Is(r))
        {
            AisJsonRecord.Read(r, record, _metrics, out deadLetter);
            ObserveTime(r);
        }
        else if (value.Length > 0)
        {
            _decoder.Decode(value, r.Timestamp.UnixTimestampMs, r.Partition);
            var sentences = _decoder.Statistics.Sentences;
            if (sentences != _sentencesSeen)
            {
                _metrics.SentencesDecoded(sentences - _sentencesSeen);
                _sentencesSeen = sentences;
            }

            if (_decoder.Rejects.Count > 0)
            {
                foreach (var reject in _decoder.Rejects)
                {
                    _metrics.DecodeReject(reject.Reason);
                }

                if (_decoder.HasContentRejects)
                {
                    deadLetter = ToDeadLetter(r, [.. _decoder.Rejects], _decoder.FirstLineOfRecord);
                }
            }

            foreach (ref readonly var report in CollectionsMarshal.AsSpan(_decoder.Reports))
            {
                record.AddReport(report);
            }

            if (_decoder.Holds.Count > 0 || _decoder.Completes.Count > 0)
            {
                record.SetFragments(FragmentHold.Pack(_decoder.Holds), FragmentHold.Pack(_decoder.Completes));
            }
        }
        else
        {
            ObserveTime(r);
        }

        return deadLetter;
    }

    /// <summary>A dead letter with its own copies of the record's key and value (the consume buffers are reused).</summary>
    internal static DeadLetter ToDeadLetter(in ConsumedRecord r, DecodeReject[] rejects, long firstLine) =>
        new(r.KeyIsNull ? null : r.Key.ToArray(), r.Value.ToArray(), r.CopyHeaders(), r.Timestamp, r.Partition, r.Offset, rejects, firstLine);

    /// <summary>Consume thread: a record to fill, recycled by the processing thread when one is free.</summary>
    private PendingRecord RentRecord()
    {
        if (_stock.Count == 0 && !_handoff.TryRestock(ref _stock))
        {
            return new PendingRecord();
        }

        var last = _stock[^1];
        _stock.RemoveAt(_stock.Count - 1);
        return last;
    }

    /// <summary>The processing thread: takes batches in order, merges, runs the pipeline, publishes, stores offsets.</summary>
    private void ProcessLoop()
    {
        try
        {
            var nextGauges = Stopwatch.GetTimestamp();
            var gaugeInterval = Stopwatch.Frequency;
            while (!_stopProcessing)
            {
                var waitMs = _tracker.Waiting > 0 || _toStore.Count > 0 ? 2 : 50;
                var t0 = Stopwatch.GetTimestamp();
                var taken = _handoff.TryTake(out var batch, waitMs);
                Waits.Take(Stopwatch.GetTimestamp() - t0);
                _activity.RoundStarted(workInHand: taken);
                if (taken)
                {
                    _pipeline.TimeCeilingMs = _clock.GetUtcNow().ToUnixTimeMilliseconds() + FutureSkewMs;
                    var records = false;
                    foreach (var item in batch)
                    {
                        if (_stopProcessing)
                        {
                            break; // the record in hand is finished; the rest is dropped
                        }

                        if (item.Record is { } record)
                        {
                            BeforeRecord?.Invoke();
                            OnRecord(record);
                            records = true;
                        }
                        else if (item.Control is { } control)
                        {
                            control.Execute();
                        }
                        else if (_merger.Has(item.EndOfPartition))
                        {
                            _merger.MarkEnd(item.EndOfPartition);
                            _endSeen = true;
                        }
                    }

                    _handoff.Return(batch);
                    if (records)
                    {
                        _activity.Progressed();
                    }
                }

                _publisher.ProduceReferences();
                ReleaseAndStore();
                StateRound(); // state: snapshot when due
                CompleteInputIfReachedEnd();
                if (Stopwatch.GetTimestamp() >= nextGauges)
                {
                    nextGauges = Stopwatch.GetTimestamp() + gaugeInterval;
                    UpdateGauges();
                }

                _activity.RoundFinished();
            }
        }
        catch (Exception e)
        {
            Volatile.Write(ref _processingError, e);
        }
    }

    /// <summary>True while the processing thread runs (control requests go to it; otherwise they run inline).</summary>
    private bool ProcessorAlive => _processing is { IsAlive: true } && !_stopProcessing;

    /// <summary>Runs <paramref name="action"/> on the processing thread after everything consumed so far, or inline when it is not running.</summary>
    private void OnProcessingThread(Action action, bool wait)
    {
        var request = new ControlRequest(action);
        if (_processingAbandoned)
        {
            return; // the processing thread would not stop: its state is not touched from here
        }

        if (!ProcessorAlive)
        {
            request.Execute();
            return;
        }

        _batch.Add(HandoffItem.Of(request));
        if (!wait)
        {
            return;
        }

        PublishBatch(CancellationToken.None);
        request.WaitOrRunInline(() => ProcessorAlive);
    }

    private void OnRecord(PendingRecord record)
    {
        var partition = record.Partition;
        if (!_merger.Has(partition))
        {
            FragmentHold.ReleaseAll(record.Completes); // the next owner reads it again, without the earlier fragments
            return; // consumed before its partition was revoked: not ours any more
        }

        if (record.DeadLetter is { } dead)
        {
            _publisher.PublishDeadLetter(_options.InputTopic, dead);
        }

        _merger.Enqueue(record);
        if (_merger.QueuedOf(partition) > _options.MaxQueuedRecordsPerPartition && _paused.Add(partition))
        {
            Interlocked.Increment(ref _pauses);
            _log($"pausing partition {partition}: {_merger.QueuedOf(partition)} records wait in the merge for slower partitions");
            try
            {
                _consumer.Pause([new TopicPartition(_options.InputTopic, partition)]);
            }
            catch (KafkaException e)
            {
                _log($"pause {partition}: {e.Error.Reason}");
            }
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

            if (record.ReportCount > 0)
            {
                AddToPipeline(record);
            }

            _tracker.Released(record.Partition, record.Offset, record.ConsumedTimestamp, record.Holds, record.Completes);
            StateEntered(record); // state: what the next snapshot reflects
            RecordReleased?.Invoke(record.Partition, record.Offset);
            record.Clear();
            _released.Add(record);
            if (_released.Count >= HandoffBatchSize)
            {
                _handoff.Recycle(ref _released);
            }
        }

        if (_endSeen || Stopwatch.GetTimestamp() >= _nextIdleCheck)
        {
            _endSeen = false;
            _nextIdleCheck = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
            foreach (var p in _merger.Partitions)
            {
                var idle = _merger.IsIdle(p);
                if (idle ? _pipelineIdle.Add(p) : _pipelineIdle.Remove(p))
                {
                    _pipeline.SetPartitionIdle(p, idle); // idle after the timeout; active again when the input resumes
                }
            }
        }

        if (_paused.Count > 0)
        {
            foreach (var p in _paused.Where(p => _merger.QueuedOf(p) < _options.MaxQueuedRecordsPerPartition / 2).ToList())
            {
                _paused.Remove(p);
                try
                {
                    _consumer.Resume([new TopicPartition(_options.InputTopic, p)]);
                }
                catch (KafkaException e)
                {
                    _log($"resume {p}: {e.Error.Reason}");
                }
            }
        }

        StoreCompleted(now: false);
    }

    /// <summary>Processing thread: the record's reports into the pipeline; a detection defect is logged, counted and dead-lettered by reference, and the stream goes on.</summary>
    private void AddToPipeline(PendingRecord record)
    {
        var source = AlertSource.FromKafka(_options.InputTopic, record.Partition, record.Offset);
        try
        {
            for (var i = 0; i < record.ReportCount; i++)
            {
                _pipeline.Add(record.Report(i), source, record.Partition);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _metrics.ProcessingError();
            _recentErrors.Record();
            _log($"error: detection threw {e.GetType().Name} on {_options.InputTopic}/{record.Partition}@{record.Offset}: {e.Message}; the record is dead-lettered by reference and the stream goes on");
            var reject = new DecodeReject(0, RejectReason.ProcessingError, $"{e.GetType().Name}: {e.Message}", "");
            _publisher.PublishDeadLetter(_options.InputTopic, new DeadLetter(null, [], null, Timestamp.Default, record.Partition, record.Offset, [reject], 0));
        }
    }

    private void StoreCompleted(bool now = true)
    {
        if (_processingAbandoned)
        {
            return; // a processing thread that outlived the stop stores nothing more
        }

        _tracker.Drain(_onStore ??= (partition, next) => _toStore[partition] = next, _onAcknowledged ??= _metrics.ProcessingLatency);
        if (_tracker.Failures > 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"{_tracker.Failures} alert/dead-letter record(s) could not be delivered; stopping without storing their offsets"));
        }

        if (StoreSnapshotOffsets())
        {
            return; // state: offsets go only as far as the newest snapshot on the state topic
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
        if (_published.Count > 0 && _published.Contains(AlertEventIds.Of(alert)))
        {
            _suppressed++;
            return;
        }

        _publisher.PublishAlert(alert);
    }

    /// <summary>Remembers a rebalance handler's exception for the consume loop (a direct poll does not rethrow it like Consume does).</summary>
    private T Guard<T>(Func<T> handler)
    {
        try
        {
            return handler();
        }
        catch (Exception e)
        {
            _callbackError ??= e;
            throw;
        }
    }

    private void Guard(Action handler) => Guard(() =>
    {
        handler();
        return true;
    });

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartition> partitions)
    {
        var added = partitions.Select(tp => tp.Partition.Value).ToList();
        foreach (var p in added)
        {
            _decoder.AddPartition(p);
        }

        OnProcessingThread(
            () =>
            {
                foreach (var p in added)
                {
                    _merger.Add(p);
                }
            },
            wait: false);
        var first = Interlocked.Add(ref _assigned, partitions.Count) == partitions.Count;
        var positions = AssignmentPositions(consumer, partitions, first); // state: restore a snapshot, or StartPositions
        _log($"assigned {string.Join(",", positions.Select(p => $"{p.Partition.Value}@{p.Offset}"))}");
        Assigned?.Invoke();
        return positions;
    }

    private List<TopicPartitionOffset> StartPositions(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartition> partitions)
    {
        if (_options.StateRebuildHours <= 0 || partitions.Count == 0)
        {
            return partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Unset)).ToList();
        }

        var timeout = TimeSpan.FromSeconds(30);
        var committed = consumer.Committed(partitions, timeout).ToDictionary(c => c.Partition.Value, c => c.Offset);
        var last = LastProcessedTimestamps(partitions.Where(tp => committed.GetValueOrDefault(tp.Partition.Value, Offset.Unset) is { IsSpecial: false, Value: > 0 })
            .Select(tp => new TopicPartitionOffset(tp, committed[tp.Partition.Value].Value - 1)).ToList());
        var since = partitions.ToDictionary(tp => tp.Partition.Value, tp => RebuildWindowStart(_clock, _options.StateRebuildHours, last.GetValueOrDefault(tp.Partition.Value)));
        var byTime = consumer.OffsetsForTimes(partitions.Select(tp => new TopicPartitionTimestamp(tp, since[tp.Partition.Value])), timeout)
            .ToDictionary(o => o.Partition.Value, o => o.Offset);
        var result = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var tp in partitions)
        {
            var p = tp.Partition.Value;
            var c = committed.GetValueOrDefault(p, Offset.Unset);
            var t = byTime.GetValueOrDefault(p, Offset.End);
            result.Add(new TopicPartitionOffset(tp, StartPosition(c, t, () => last.TryGetValue(p, out var l) && l >= since[p].UtcDateTime)));
        }

        return result;
    }

    /// <summary>The start of the state-rebuild window: the clock's now minus <paramref name="hours"/>.</summary>
    internal static Timestamp RebuildWindowStart(TimeProvider clock, double hours) => RebuildWindowStart(clock, hours, null);

    /// <summary>
    /// The start of the state-rebuild window: <paramref name="hours"/> before the last processed record's timestamp, or before
    /// the clock's now when that is earlier or unknown. Anchored at the record, a replay of history (record timestamps = event
    /// time, months old) still finds its window.
    /// </summary>
    internal static Timestamp RebuildWindowStart(TimeProvider clock, double hours, DateTime? lastProcessedUtc)
    {
        var now = clock.GetUtcNow();
        var anchor = lastProcessedUtc is { } l && l.Year > 1 && new DateTimeOffset(l, TimeSpan.Zero) < now ? new DateTimeOffset(l, TimeSpan.Zero) : now;
        return new Timestamp(anchor.AddHours(-hours));
    }

    /// <summary>
    /// Where an assigned partition starts when state is rebuilt, from its committed offset and the first offset inside the
    /// rebuild window (<paramref name="byTime"/>, special when the broker found none); <paramref name="lastBeforeIsInside"/>
    /// probes whether the last processed record is inside the window.
    /// </summary>
    internal static Offset StartPosition(Offset committed, Offset byTime, Func<bool> lastBeforeIsInside)
    {
        if (committed.IsSpecial)
        {
            return Offset.Unset; // a new group: auto.offset.reset decides
        }

        if (!byTime.IsSpecial)
        {
            return byTime.Value < committed.Value ? byTime : committed; // rebuild vessel state from the records inside the window
        }

        // The broker found no record inside the window, yet the last processed one is inside it: it cannot look offsets up
        // by time (the embedded broker answers -1), so rebuild from the start of the retained log.
        return committed.Value > 0 && lastBeforeIsInside() ? Offset.Beginning : committed;
    }

    /// <summary>The start-position probe: brokers and <c>Kafka:Client</c>, its own group, nothing committed.</summary>
    internal static ConsumerConfig BuildProbeConfig(KafkaOptions options) =>
        KafkaClientSettings.Apply(new ConsumerConfig { GroupId = options.GroupId + ".probe", EnableAutoCommit = false }, options);

    /// <summary>The timestamps (UTC) of the last processed records (<paramref name="positions"/>: each partition at its committed offset minus one), read with one probe consumer within 5 s.</summary>
    private Dictionary<int, DateTime> LastProcessedTimestamps(List<TopicPartitionOffset> positions)
    {
        var found = new Dictionary<int, DateTime>();
        if (positions.Count == 0)
        {
            return found;
        }

        using var probe = KafkaClients.Consumer<Ignore, Ignore>(BuildProbeConfig(_options), KafkaLog.To(_log)).Build();
        probe.Assign(positions);
        var started = Stopwatch.GetTimestamp(); // a bound on real I/O: monotonic elapsed time, not the (injectable) clock
        var wanted = positions.Select(p => p.Partition.Value).ToHashSet();
        while (wanted.Count > 0 && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5))
        {
            var r = probe.Consume(TimeSpan.FromMilliseconds(200));
            if (r is { IsPartitionEOF: false } && wanted.Remove(r.Partition.Value))
            {
                found[r.Partition.Value] = r.Message.Timestamp.UtcDateTime;
                probe.Pause([r.TopicPartition]);
            }
            else if (r is { IsPartitionEOF: true })
            {
                wanted.Remove(r.Partition.Value);
            }
        }

        return found;
    }

    /// <summary>
    /// Partitions taken away (consume thread, inside a poll or the close): the processing thread first deals with everything
    /// consumed before (merges, releases what it can), flushes, stores the completed offsets and forgets the partitions (records
    /// of them still waiting are dropped: the next owner reads them again); then the stored offsets are committed.
    /// </summary>
    private void OnRevoked(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartitionOffset> partitions)
    {
        var revoked = partitions.Select(p => p.Partition.Value).ToList();
        foreach (var p in revoked)
        {
            _decoder.RemovePartition(p);
        }

        _log($"revoking {string.Join(",", revoked)}: finishing what was consumed before, flushing, storing offsets");
        OnProcessingThread(
            () =>
            {
                ReleaseAndStore();
                _publisher.Flush(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds));
                StoreCompleted();
                FinalSnapshot(); // state: the newest state on the topic before the offsets are committed
                Forget(revoked);
            },
            wait: true);
        try
        {
            consumer.Commit();
        }
        catch (KafkaException e)
        {
            _log($"commit on revoke: {e.Error.Reason}");
        }
    }

    private void OnLost(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartitionOffset> partitions)
    {
        var lost = partitions.Select(p => p.Partition.Value).ToList();
        foreach (var p in lost)
        {
            _decoder.RemovePartition(p);
        }

        OnProcessingThread(() => Forget(lost), wait: true);
    }

    private void Forget(IEnumerable<int> partitions)
    {
        foreach (var p in partitions)
        {
            _merger.Remove(p);
            _tracker.Forget(p);
            _pipeline.RemovePartition(p);
            _pipelineIdle.Remove(p);
            _paused.Remove(p);
            StateForget(p); // state
            _metrics.PartitionRevoked(p);
            Interlocked.Decrement(ref _assigned);
        }
    }

    private void UpdateGauges()
    {
        var stats = _pipeline.Statistics;
        ReportPipeline(stats);
        _metrics.Guards(stats);
        _guardLog.Report(stats, _detection, _log);
        long total = 0;
        // The merge's partitions are the assignment as this thread knows it (consumer.Assignment would wait on librdkafka's main thread).
        foreach (var p in _merger.Partitions)
        {
            var tp = new TopicPartition(_options.InputTopic, p);
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
        _metrics.RecordsHeldForFragments(_tracker.Held);
    }

    /// <summary>Reports the pipeline's vessel counts and its watermark lag: the clock's now minus the event-time watermark.</summary>
    internal void ReportPipeline(PipelineStatistics stats)
    {
        double? watermarkLagSeconds = stats.WatermarkMs is { } w ? (_clock.GetUtcNow().ToUnixTimeMilliseconds() - w) / 1000.0 : null;
        _metrics.Pipeline(stats.VesselsTracked, stats.VesselsOfInterest, watermarkLagSeconds);
    }

    /// <summary>Flush, store, close; true when the consumer closed in time.</summary>
    private bool Shutdown()
    {
        _log("stopping: flushing alerts, storing offsets, closing the consumer");
        _publisher.Flush(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds));
        StoreCompleted();
        return CloseConsumer();
    }

    /// <summary>Closes the consumer (commit, leave the group) within <see cref="KafkaOptions.CloseTimeoutSeconds"/>; false when it did not finish.</summary>
    private bool CloseConsumer()
    {
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
            _log($"consumer close did not finish within {_options.CloseTimeoutSeconds} s; leaving it (the group evicts this member after session.timeout.ms)");
            return false;
        }

        return true;
    }
}
