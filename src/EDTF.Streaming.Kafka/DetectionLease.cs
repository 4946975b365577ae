using Confluent.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka;

/// <summary>
/// Which instance of a deployment runs detection: the member of consumer group <c>{GroupId}.lease</c> that holds partition 0
/// of <see cref="KafkaOptions.LeaseTopic"/>. Kafka's group protocol does the election: one holder at a time, a new holder
/// once the old one leaves or its session times out (<see cref="KafkaOptions.LeaseSessionTimeoutMs"/>); cooperative-sticky
/// assignment keeps the lease where it is when other instances join. Nothing is ever written to the lease topic.
/// </summary>
/// <remarks>
/// Threads: its own thread (<c>edtf-lease</c>) polls the lease consumer, and the rebalance callbacks run there. A revocation
/// of the lease cancels <see cref="Lost"/> and then waits (up to <see cref="HandOverTimeout"/>) until the holder calls
/// <see cref="Released"/>, so the next holder is assigned only once this one has stored its offsets and stopped: no two
/// instances detect at once while both are alive. <see cref="Acquired"/>, <see cref="Lost"/>, <see cref="IsHolder"/> may be
/// read from any thread.
/// </remarks>
public sealed class DetectionLease : IDisposable
{
    private readonly KafkaOptions _options;
    private readonly Action<string> _log;
    private readonly TaskCompletionSource _acquired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lost = new();
    private readonly ManualResetEventSlim _released = new(false);
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private volatile bool _holder;
    private long _lastWarnTicks = long.MinValue / 2;

    /// <summary>A lease over <paramref name="options"/>' lease topic, not started.</summary>
    public DetectionLease(KafkaOptions options, Action<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.LeaseTopic);
        _options = options;
        _log = log ?? (_ => { });
        HandOverTimeout = TimeSpan.FromSeconds((options.CloseTimeoutSeconds * 2) + 5);
    }

    /// <summary>Completes when this instance holds the lease.</summary>
    public Task Acquired => _acquired.Task;

    /// <summary>Cancelled when the lease is taken away (or the lease consumer failed): the holder must stop detecting.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>True while this instance holds the lease.</summary>
    public bool IsHolder => _holder;

    /// <summary>True once the lease was lost (the session expired: another instance may already hold it), not handed over: the holder must not write a final snapshot or commit.</summary>
    public bool WasLost { get; private set; }

    /// <summary>How long a revocation waits for <see cref="Released"/>.</summary>
    public TimeSpan HandOverTimeout { get; init; }

    /// <summary>The consumer group of the lease (the input's group id with <c>.lease</c>).</summary>
    public static string GroupOf(KafkaOptions options) => options.GroupId + ".lease";

    /// <summary>The lease consumer's configuration: its own group, cooperative-sticky, the session timeout of the lease.</summary>
    internal static ConsumerConfig BuildConfig(KafkaOptions options)
    {
        var config = new ConsumerConfig
        {
            GroupId = GroupOf(options),
            ClientId = "edtf-lease",
            EnableAutoCommit = false,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = options.LeaseSessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(100, options.LeaseSessionTimeoutMs / 5),
            AllowAutoCreateTopics = false, // created with one partition beforehand (a broker default of several would move the lease needlessly)
        };
        return KafkaClientSettings.Apply(config, options);
    }

    /// <summary>Joins the lease group on the lease thread.</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }

        _thread = new Thread(Poll) { Name = "edtf-lease", IsBackground = true };
        _thread.Start();
    }

    /// <summary>The holder has stopped detecting and stored its offsets: a revocation waiting for it may hand the lease over.</summary>
    public void Released() => _released.Set();

    /// <summary>Leaves the lease group (the next instance takes the lease at once); call after the holder has stopped.</summary>
    public void Dispose()
    {
        _released.Set();
        _stop.Cancel();
        _thread?.Join(HandOverTimeout + TimeSpan.FromSeconds(5));
        _lost.Dispose();
        _stop.Dispose();
        _released.Dispose();
    }

    private void Poll()
    {
        try
        {
            using var consumer = KafkaClients.Consumer<Ignore, Ignore>(BuildConfig(_options), KafkaLog.To(_log))
                .SetPartitionsAssignedHandler((_, assigned) => OnAssigned(assigned))
                .SetPartitionsRevokedHandler((_, revoked) => OnRevoked(revoked.Select(p => p.TopicPartition)))
                .SetPartitionsLostHandler((_, lost) => OnLost(lost.Select(p => p.TopicPartition)))
                .SetErrorHandler((_, e) => _log(KafkaLog.Line(e)))
                .Build();
            consumer.Subscribe(_options.LeaseTopic);
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    consumer.Consume(TimeSpan.FromMilliseconds(200));
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    // the lease topic not created yet, or a broker away: the next poll tries again; said at warning level once a minute
                    var now = Environment.TickCount64;
                    var warn = now - _lastWarnTicks >= 60_000;
                    _lastWarnTicks = warn ? now : _lastWarnTicks;
                    _log($"{(warn ? "warn" : "debug")}: lease topic {_options.LeaseTopic}: {e.Error.Reason} (no instance detects until it can be read; create it with one partition: deploy/README.md)");
                }
            }

            consumer.Close(); // revokes the lease (handing over after Released) and leaves the group
        }
        catch (Exception e)
        {
            _log($"error: the lease consumer stopped: {e.Message}; this instance stops detecting");
            _holder = false;
            TryCancelLost();
        }
    }

    private void OnAssigned(IEnumerable<TopicPartition> assigned)
    {
        if (!_holder && assigned.Any(p => p.Partition.Value == 0))
        {
            _holder = true;
            _log($"this instance holds the detection lease ({_options.LeaseTopic}[0], group {GroupOf(_options)}): detecting");
            _acquired.TrySetResult();
        }
    }

    private void OnRevoked(IEnumerable<TopicPartition> revoked)
    {
        if (!_holder || !revoked.Any(p => p.Partition.Value == 0))
        {
            return;
        }

        _holder = false;
        _log("the detection lease is being taken away: stopping detection before handing it over");
        TryCancelLost();
        if (!_released.Wait(HandOverTimeout))
        {
            _log($"warn: detection did not stop within {HandOverTimeout.TotalSeconds:F0} s; handing the lease over anyway");
        }
    }

    /// <summary>The lease lost with the session (a stall longer than the session timeout): another member may hold it already, so nothing is waited for.</summary>
    private void OnLost(IEnumerable<TopicPartition> lost)
    {
        if (!_holder || !lost.Any(p => p.Partition.Value == 0))
        {
            return;
        }

        _holder = false;
        WasLost = true;
        _log("error: the detection lease was lost (session expired); stopping detection without a final snapshot or commit: another instance may hold it");
        TryCancelLost();
    }

    private void TryCancelLost()
    {
        try
        {
            _lost.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // disposed while stopping
        }
    }
}
