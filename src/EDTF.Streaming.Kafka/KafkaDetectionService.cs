using System.Diagnostics;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Detection.Cargo;
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
/// <para>Rooms, one file each: this one (state, lifecycle: run, stand by for the lease, shut down); <c>.Consuming</c> (consume
/// thread: poll, decode, hand over); <c>.Processing</c> (processing thread: merge, pipeline, publish, pause/resume, gauges);
/// <c>.Offsets</c> (what may be stored and committed); <c>.Rebalance</c> (assignment, revocation); <c>.StartPositions</c>
/// (where an assigned partition starts: committed offset or the rebuild window); <c>.Alerts</c> (alert updates: ledger, repeats);
/// <c>.EndOfInput</c> (bounded runs). The lease is <see cref="DetectionLease"/>; the publisher <see cref="AlertPublisher"/>.</para>
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
    private volatile bool _standby;
    private volatile bool _leaseLost;
    private DetectionLease? _lease;

    /// <summary>Where the two threads wait (printed by the service benchmark).</summary>
    internal ThreadWaits Waits { get; } = new();

    public KafkaDetectionService(
        KafkaOptions options, DetectionOptions detection, Watchlist watchlist, PortAreas ports, IStreamingMetrics? metrics = null, Action<string>? log = null,
        TimeProvider? clock = null)
    {
        _options = options;
        _standby = !string.IsNullOrWhiteSpace(options.LeaseTopic); // with a lease, standing by until it is held
        _detection = detection;
        _watchlist = watchlist;
        _ports = ports;
        _metrics = metrics ?? NullStreamingMetrics.Instance;
        _ledger = new Ledger(detection.Ledger, detection.PortCall.InterestCountries);
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

    /// <summary>True while this instance waits for the detection lease (another instance of the group detects); false once it holds it, or without a lease.</summary>
    public bool Standby => _standby;

    /// <summary>True when <see cref="Run"/> returned because the detection lease was taken away (not because it was asked to stop).</summary>
    public bool LeaseLost => _leaseLost;

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
        if (string.IsNullOrWhiteSpace(_options.LeaseTopic))
        {
            RunGuarded(stop);
            return;
        }

        // One detector per group (docs/adr/0004-one-detector-per-group.md): stand by until this instance holds the lease, then
        // detect on every input partition until asked to stop or the lease is taken away.
        using var lease = new DetectionLease(_options, _log); // _standby is true from construction
        _metrics.LeaseHeld(false);
        _log($"standing by for the detection lease ({_options.LeaseTopic}, group {DetectionLease.GroupOf(_options)})");
        lease.Start();
        try
        {
            WaitHandle.WaitAny([((IAsyncResult)lease.Acquired).AsyncWaitHandle, stop.WaitHandle, lease.Lost.WaitHandle]);
            if (stop.IsCancellationRequested || !lease.Acquired.IsCompleted || lease.Lost.IsCancellationRequested)
            {
                _leaseLost = !stop.IsCancellationRequested;
                return;
            }

            _standby = false;
            _metrics.LeaseHeld(true);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(stop, lease.Lost);
            _lease = lease;
            RunGuarded(both.Token);
            _leaseLost = lease.Lost.IsCancellationRequested && !stop.IsCancellationRequested;
        }
        finally
        {
            _metrics.LeaseHeld(false);
            lease.Released();
        }
    }

    private void RunGuarded(CancellationToken stop)
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
        using var watchlistFeed = StartWatchlistFeed(stop);
        try
        {
            _batch = _handoff.Rent();
            _processing = new Thread(ProcessLoop) { Name = "edtf-process", IsBackground = true };
            _processing.Start();
            bool processingStopped;
            try
            {
                if (string.IsNullOrWhiteSpace(_options.LeaseTopic))
                {
                    consumer.Subscribe(_options.InputTopic);
                }
                else
                {
                    AssignAll(consumer, stop);
                }

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

    /// <summary>Flush, store, close; true when the consumer closed in time.</summary>
    private bool Shutdown()
    {
        _log("stopping: flushing alerts, storing offsets, closing the consumer");
        _publisher.Flush(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds));
        StoreCompleted();
        if (_lease is { WasLost: true })
        {
            _log("warn: the lease was lost, not handed over: no final snapshot, no commit (the instance that holds it now resumes from the last ones)");
        }
        else if (!string.IsNullOrWhiteSpace(_options.LeaseTopic))
        {
            // A manual assignment has no revocation: write the final snapshot and commit here, before the lease is handed over.
            FinalSnapshot(); // state
            CommitStored();
        }

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
