using System.Text.Json;
using Confluent.Kafka;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>Reads the alerts topic from the beginning on its own thread (all partitions assigned, no group) and hands every alert update over.</summary>
internal sealed class AlertFollower : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly Action<AlertUpdate> _onAlert;
    private readonly Dictionary<int, long> _next = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private (IReadOnlyDictionary<int, long> Ends, TaskCompletionSource Reached)? _waiting;
    private long _unreadable;

    public AlertFollower(string bootstrapServers, string topic, IReadOnlyList<int> partitions, Action<AlertUpdate> onAlert)
    {
        _onAlert = onAlert;
        var config = new ConsumerConfig
        {
            GroupId = "edtf-demo-alerts-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            ClientId = "edtf-demo-alerts",
            FetchWaitMaxMs = 50,
        };
        _consumer = KafkaClients.Consumer<byte[]?, byte[]?>(KafkaClientSettings.Apply(config, bootstrapServers, new Dictionary<string, string>()), DemoKafkaLog.Warnings).Build();
        _consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        _thread = new Thread(Loop) { Name = "edtf-demo-alerts", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Records on the alerts topic that were not alert bodies.</summary>
    public long Unreadable => Interlocked.Read(ref _unreadable);

    /// <summary>Completes once every partition has been read up to <paramref name="endOffsets"/> (partition to high watermark).</summary>
    public Task ReachedAsync(IReadOnlyDictionary<int, long> endOffsets)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting = (endOffsets, reached);
            CheckReached();
        }

        return reached.Task;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? r;
            try
            {
                r = _consumer.Consume(PollInterval);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                continue;
            }

            if (r is { IsPartitionEOF: false })
            {
                Handle(r.Message.Value);
                lock (_gate)
                {
                    _next[r.Partition.Value] = r.Offset.Value + 1;
                    CheckReached();
                }
            }
        }
    }

    private void Handle(byte[]? value)
    {
        if (value is null)
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }

        AlertUpdate alert;
        try
        {
            alert = AlertJson.Deserialize(value);
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }

        _onAlert(alert);
    }

    private void CheckReached()
    {
        if (_waiting is not { } w)
        {
            return;
        }

        if (w.Ends.All(e => e.Value <= 0 || _next.GetValueOrDefault(e.Key) >= e.Value))
        {
            _waiting = null;
            w.Reached.TrySetResult();
        }
    }
}
