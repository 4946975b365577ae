using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace EDTF.Streaming.Kafka;

/// <summary>A Kafka-protocol broker in this process (librdkafka's mock cluster) behind fixed-port TCP relays, for development, tests and the demo.</summary>
/// <remarks>
/// Limits (librdkafka mock): plaintext only, in memory, each partition keeps only its newest ~5 MiB / 100,000 batches,
/// no CreateTopics API (use <see cref="CreateTopic"/>), transactions accepted but not isolated.
/// The mock brokers bind random loopback ports; each gets a relay on <c>Port + n - 1</c> and advertises the relay in its
/// metadata, so clients that follow the metadata (all Kafka clients do) stay on the fixed ports.
/// </remarks>
public sealed unsafe class EmbeddedBroker : IDisposable
{
    private const int ProducerType = 0;
    private readonly Lock _gate = new();
    private readonly List<EmbeddedBrokerRelay> _relays = [];
    private nint _handle;
    private nint _cluster;

    private EmbeddedBroker(string mockBootstrapServers, int brokers)
    {
        MockBootstrapServers = mockBootstrapServers;
        Faults = new EmbeddedBrokerFaults(this, brokers);
    }

    /// <summary>Fault injection into the running mock cluster: brokers down and up, request errors, round-trip delay.</summary>
    public EmbeddedBrokerFaults Faults { get; }

    /// <summary>Comma-separated <c>host:port</c> of the relays, what clients put in <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; private set; } = "";

    /// <summary>The mock brokers' own random listeners (diagnostics; clients should use <see cref="BootstrapServers"/>).</summary>
    public string MockBootstrapServers { get; }

    /// <summary>The fixed relay ports, broker 1 first.</summary>
    public IReadOnlyList<int> Ports => _relays.Select(r => r.Port).ToList();

    /// <summary>Starts the mock cluster and its relays and creates the configured topics.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">a fixed port is in use.</exception>
    public static EmbeddedBroker Start(EmbeddedBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Brokers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Partitions, 1);
        var api = EmbeddedBrokerNative.Api;

        var errstr = stackalloc byte[512];
        var conf = api.ConfNew();
        SetConf(conf, "log_level", "3", errstr);
        SetConf(conf, "client.id", "edtf-embedded-broker", errstr);
        var handle = api.New(ProducerType, conf, errstr, 512);
        if (handle == 0)
        {
            throw new InvalidOperationException("rd_kafka_new failed: " + Marshal.PtrToStringUTF8((nint)errstr));
        }

        var cluster = api.MockClusterNew(handle, options.Brokers);
        if (cluster == 0)
        {
            api.Destroy(handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }

        var broker = new EmbeddedBroker(Marshal.PtrToStringUTF8((nint)api.MockClusterBootstraps(cluster)) ?? "", options.Brokers)
        {
            _handle = handle,
            _cluster = cluster,
        };

        try
        {
            api.MockGroupInitialRebalanceDelayMs(cluster, options.GroupInitialRebalanceDelayMs);
            broker.StartRelays(options);
            foreach (var topic in options.Topics)
            {
                broker.CreateTopic(topic, options.Partitions);
            }

            if (!string.IsNullOrWhiteSpace(options.LeaseTopic) && !options.Topics.Contains(options.LeaseTopic))
            {
                broker.CreateTopic(options.LeaseTopic, 1);
            }

            if (!string.IsNullOrWhiteSpace(options.WatchlistTopic) && !options.Topics.Contains(options.WatchlistTopic))
            {
                broker.CreateTopic(options.WatchlistTopic, 1);
            }
        }
        catch
        {
            broker.Dispose();
            throw;
        }

        return broker;
    }

    /// <summary>Creates a topic with <paramref name="partitions"/> partitions (replication factor 1).</summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == 0, this);
            var api = EmbeddedBrokerNative.Api;
            var topic = Utf8(name);
            int err;
            fixed (byte* t = topic)
            {
                err = api.MockTopicCreate(_cluster, t, partitions, 1);
            }

            if (err != 0)
            {
                throw new InvalidOperationException($"creating topic '{name}' failed: {Marshal.PtrToStringUTF8((nint)api.Err2Str(err))}");
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> on the live mock cluster, serialised with topic creation and disposal.</summary>
    /// <exception cref="ObjectDisposedException">the broker was disposed.</exception>
    internal void OnCluster(Action<nint> action)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == 0, this);
            action(_cluster);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var relay in _relays)
            {
                relay.Dispose();
            }

            _relays.Clear();
            var api = EmbeddedBrokerNative.Api;
            if (_cluster != 0)
            {
                api.MockClusterDestroy(_cluster);
                _cluster = 0;
            }

            if (_handle != 0)
            {
                api.Destroy(_handle);
                _handle = 0;
            }
        }
    }

    private static void SetConf(nint conf, string name, string value, byte* errstr)
    {
        var n = Utf8(name);
        var v = Utf8(value);
        fixed (byte* pn = n, pv = v)
        {
            if (EmbeddedBrokerNative.Api.ConfSet(conf, pn, pv, errstr, 512) != 0)
            {
                throw new InvalidOperationException($"rd_kafka_conf_set {name}: {Marshal.PtrToStringUTF8((nint)errstr)}");
            }
        }
    }

    private static byte[] Utf8(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    private void StartRelays(EmbeddedBrokerOptions options)
    {
        // rd_kafka_mock_cluster_bootstraps lists the brokers in id order (1..n) as "127.0.0.1:port,...".
        var mockPorts = MockBootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(hp => int.Parse(hp[(hp.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture))
            .ToList();
        if (mockPorts.Count != options.Brokers)
        {
            throw new InvalidOperationException($"mock cluster reported '{MockBootstrapServers}' for {options.Brokers} broker(s)");
        }

        var bind = IPAddress.Parse(options.BindAddress);
        var host = Utf8(options.AdvertisedHost);
        for (var i = 0; i < mockPorts.Count; i++)
        {
            var port = options.Port == 0 ? 0 : options.Port + i;
            var relay = new EmbeddedBrokerRelay(bind, port, new IPEndPoint(IPAddress.Loopback, mockPorts[i]));
            _relays.Add(relay);
            fixed (byte* h = host)
            {
                EmbeddedBrokerNative.Api.MockBrokerSetHostPort(_cluster, i + 1, h, relay.Port);
            }
        }

        BootstrapServers = string.Join(',', _relays.Select(r => string.Create(CultureInfo.InvariantCulture, $"{options.AdvertisedHost}:{r.Port}")));
    }
}
