using System.Globalization;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace EDTF.Streaming.Kafka;

/// <summary>Injects faults into a running <see cref="EmbeddedBroker"/> through librdkafka's mock API: brokers down and up, request errors, round-trip delay.</summary>
/// <remarks>
/// Thread-safe. Broker ids are 1 to the broker count; <see cref="AllBrokers"/> (-1) means every broker. Request errors are a
/// cluster-wide stack per request type: the next <c>count</c> requests of that type fail with the error, then requests succeed
/// again; <see cref="ErrorCode.Local_Transport"/> makes the broker drop the connection instead. Faults last until cleared
/// (<see cref="ClearAll"/>) or, for request errors, used up.
/// </remarks>
public sealed unsafe class EmbeddedBrokerFaults
{
    /// <summary>The broker id meaning every broker.</summary>
    public const int AllBrokers = -1;

    private readonly EmbeddedBroker _broker;
    private readonly int _brokers;
    private readonly Lock _gate = new();
    private readonly SortedSet<int> _down = [];
    private readonly SortedDictionary<int, int> _delayMs = [];
    private readonly List<RequestErrorsPushed> _pushed = [];

    internal EmbeddedBrokerFaults(EmbeddedBroker broker, int brokers)
    {
        _broker = broker;
        _brokers = brokers;
    }

    /// <summary>Disconnects broker <paramref name="brokerId"/> (or all) and refuses new connections until <see cref="BrokerUp"/>; no leader change.</summary>
    public void BrokerDown(int brokerId) => SetUpDown(brokerId, up: false);

    /// <summary>Lets broker <paramref name="brokerId"/> (or all) accept connections again.</summary>
    public void BrokerUp(int brokerId) => SetUpDown(brokerId, up: true);

    /// <summary>Delays every response of broker <paramref name="brokerId"/> (or all) by <paramref name="delayMs"/> milliseconds; 0 removes the delay.</summary>
    public void SetRoundTripDelay(int brokerId, int delayMs)
    {
        CheckBroker(brokerId);
        ArgumentOutOfRangeException.ThrowIfNegative(delayMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delayMs, 600_000);
        var api = EmbeddedBrokerNative.Api;
        Require(api.MockBrokerSetRtt != null, "rd_kafka_mock_broker_set_rtt");
        lock (_gate)
        {
            _broker.OnCluster(c => Check(api.MockBrokerSetRtt(c, brokerId, delayMs), "set_rtt"));
            foreach (var id in Ids(brokerId))
            {
                if (delayMs == 0)
                {
                    _delayMs.Remove(id);
                }
                else
                {
                    _delayMs[id] = delayMs;
                }
            }
        }
    }

    /// <summary>Makes the next <paramref name="count"/> requests of type <paramref name="api"/>, to any broker, fail with <paramref name="error"/>.</summary>
    public void FailRequests(KafkaApiKey api, int count, ErrorCode error)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1_000_000);
        if (error == ErrorCode.NoError)
        {
            throw new ArgumentException("an injected request error must not be NoError", nameof(error));
        }

        var native = EmbeddedBrokerNative.Api;
        Require(native.MockPushRequestErrorsArray != null, "rd_kafka_mock_push_request_errors_array");
        var errors = new int[count];
        Array.Fill(errors, (int)error);
        lock (_gate)
        {
            _broker.OnCluster(c =>
            {
                fixed (int* e = errors)
                {
                    native.MockPushRequestErrorsArray(c, (short)api, (nuint)count, e);
                }
            });
            _pushed.Add(new RequestErrorsPushed(api, count, error));
        }
    }

    /// <summary>Drops the request errors still waiting for requests of type <paramref name="api"/>.</summary>
    public void ClearRequestErrors(KafkaApiKey api)
    {
        var native = EmbeddedBrokerNative.Api;
        Require(native.MockClearRequestErrors != null, "rd_kafka_mock_clear_request_errors");
        lock (_gate)
        {
            _broker.OnCluster(c => native.MockClearRequestErrors(c, (short)api));
            _pushed.RemoveAll(p => p.Api == api);
        }
    }

    /// <summary>Ends every fault: all brokers up, no delay, no request errors waiting.</summary>
    public void ClearAll()
    {
        lock (_gate)
        {
            foreach (var api in Enum.GetValues<KafkaApiKey>())
            {
                ClearRequestErrors(api);
            }

            BrokerUp(AllBrokers);
            SetRoundTripDelay(AllBrokers, 0);
        }
    }

    /// <summary>The faults in force: brokers down, delays, and the request errors pushed since they were last cleared (some may be used up).</summary>
    public EmbeddedBrokerFaultState State
    {
        get
        {
            lock (_gate)
            {
                return new EmbeddedBrokerFaultState([.. _down], new Dictionary<int, int>(_delayMs), [.. _pushed]);
            }
        }
    }

    private void SetUpDown(int brokerId, bool up)
    {
        CheckBroker(brokerId);
        var api = EmbeddedBrokerNative.Api;
        var fn = up ? api.MockBrokerSetUp : api.MockBrokerSetDown;
        Require(fn != null, up ? "rd_kafka_mock_broker_set_up" : "rd_kafka_mock_broker_set_down");
        lock (_gate)
        {
            _broker.OnCluster(c => Check(fn(c, brokerId), up ? "set_up" : "set_down"));
            foreach (var id in Ids(brokerId))
            {
                if (up)
                {
                    _down.Remove(id);
                }
                else
                {
                    _down.Add(id);
                }
            }
        }
    }

    private IEnumerable<int> Ids(int brokerId) => brokerId == AllBrokers ? Enumerable.Range(1, _brokers) : [brokerId];

    private void CheckBroker(int brokerId)
    {
        if (brokerId != AllBrokers && (brokerId < 1 || brokerId > _brokers))
        {
            throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId,
                string.Create(CultureInfo.InvariantCulture, $"broker id must be 1 to {_brokers}, or {AllBrokers} for all"));
        }
    }

    private static void Require(bool present, string function)
    {
        if (!present)
        {
            throw new NotSupportedException($"the loaded librdkafka ({EmbeddedBrokerNative.LibraryPath}) has no {function}");
        }
    }

    private static void Check(int err, string what)
    {
        if (err != 0)
        {
            throw new InvalidOperationException($"rd_kafka_mock_broker_{what} failed: {Marshal.PtrToStringUTF8((nint)EmbeddedBrokerNative.Api.Err2Str(err))}");
        }
    }
}

/// <summary>Request errors pushed for one request type: <paramref name="Count"/> requests fail with <paramref name="Error"/>.</summary>
public sealed record RequestErrorsPushed(KafkaApiKey Api, int Count, ErrorCode Error);

/// <summary>What <see cref="EmbeddedBrokerFaults"/> has put in force.</summary>
public sealed record EmbeddedBrokerFaultState(
    IReadOnlyList<int> BrokersDown, IReadOnlyDictionary<int, int> RoundTripDelayMsByBroker, IReadOnlyList<RequestErrorsPushed> RequestErrors);
