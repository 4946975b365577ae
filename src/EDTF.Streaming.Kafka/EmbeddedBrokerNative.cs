using System.Reflection;
using System.Runtime.InteropServices;

namespace EDTF.Streaming.Kafka;

/// <summary>The few librdkafka functions the embedded broker needs, bound by function pointer from the native library Confluent.Kafka ships.</summary>
/// <remarks>
/// librdkafka.redist puts <c>librdkafka.so</c> (which needs <c>libsasl2.so.3</c>) and <c>centos8-librdkafka.so</c> side by side;
/// like Confluent.Kafka we try the default first and fall back to the centos8 build when it cannot be loaded.
/// </remarks>
internal static unsafe class EmbeddedBrokerNative
{
    private static readonly Lazy<Functions> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The bound functions; throws <see cref="DllNotFoundException"/> with every path tried when none loads.</summary>
    public static Functions Api => Loaded.Value;

    /// <summary>Where the library came from, for diagnostics.</summary>
    public static string LibraryPath => Api.Path;

    internal sealed class Functions
    {
        public required string Path { get; init; }

        public required delegate* unmanaged[Cdecl]<nint> ConfNew { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int> ConfSet { get; init; }

        public required delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint> New { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, void> Destroy { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, int, nint> MockClusterNew { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, void> MockClusterDestroy { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, byte*> MockClusterBootstraps { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, byte*, int, int, int> MockTopicCreate { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, int, byte*, int, void> MockBrokerSetHostPort { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, int, void> MockGroupInitialRebalanceDelayMs { get; init; }

        public required delegate* unmanaged[Cdecl]<int, byte*> Err2Str { get; init; }

        /// <summary><c>rd_kafka_mock_broker_set_down</c>; null when the library lacks it (fault injection, <see cref="EmbeddedBrokerFaults"/>).</summary>
        public delegate* unmanaged[Cdecl]<nint, int, int> MockBrokerSetDown { get; init; }

        public delegate* unmanaged[Cdecl]<nint, int, int> MockBrokerSetUp { get; init; }

        public delegate* unmanaged[Cdecl]<nint, int, int, int> MockBrokerSetRtt { get; init; }

        public delegate* unmanaged[Cdecl]<nint, short, nuint, int*, void> MockPushRequestErrorsArray { get; init; }

        public delegate* unmanaged[Cdecl]<nint, short, void> MockClearRequestErrors { get; init; }
    }

    /// <summary>Candidate file paths, most likely first.</summary>
    internal static IEnumerable<string> Candidates()
    {
        var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        string[] names;
        if (OperatingSystem.IsLinux())
        {
            names = ["librdkafka.so", "centos8-librdkafka.so"];
        }
        else if (OperatingSystem.IsMacOS())
        {
            rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "osx-arm64" : "osx-x64";
            names = ["librdkafka.dylib"];
        }
        else
        {
            rid = "win-x64";
            names = ["librdkafka.dll"];
        }

        var dirs = new List<string>();
        void AddDir(string? baseDir)
        {
            if (string.IsNullOrEmpty(baseDir))
            {
                return;
            }

            dirs.Add(System.IO.Path.Combine(baseDir, "runtimes", rid, "native"));
            dirs.Add(baseDir);
        }

        AddDir(AppContext.BaseDirectory);
        AddDir(System.IO.Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location));
        AddDir(System.IO.Path.GetDirectoryName(Assembly.GetEntryAssembly()?.Location));

        foreach (var dir in dirs.Distinct(StringComparer.Ordinal))
        {
            foreach (var name in names)
            {
                yield return System.IO.Path.Combine(dir, name);
            }
        }
    }

    private static Functions Load()
    {
        var tried = new List<string>();
        foreach (var path in Candidates())
        {
            if (!File.Exists(path))
            {
                continue;
            }

            tried.Add(path);
            if (NativeLibrary.TryLoad(path, out var handle))
            {
                return Bind(handle, path);
            }
        }

        // Last resort: the system's own librdkafka (e.g. Debian's librdkafka1), if it has the mock API.
        foreach (var name in new[] { "librdkafka.so.1", "librdkafka" })
        {
            tried.Add(name);
            if (NativeLibrary.TryLoad(name, out var handle) && NativeLibrary.TryGetExport(handle, "rd_kafka_mock_cluster_new", out _))
            {
                return Bind(handle, name);
            }
        }

        throw new DllNotFoundException("Could not load librdkafka for the embedded broker; tried: " + string.Join(", ", tried));
    }

    private static Functions Bind(nint h, string path) => new()
    {
        Path = path,
        ConfNew = (delegate* unmanaged[Cdecl]<nint>)NativeLibrary.GetExport(h, "rd_kafka_conf_new"),
        ConfSet = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int>)NativeLibrary.GetExport(h, "rd_kafka_conf_set"),
        New = (delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint>)NativeLibrary.GetExport(h, "rd_kafka_new"),
        Destroy = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(h, "rd_kafka_destroy"),
        MockClusterNew = (delegate* unmanaged[Cdecl]<nint, int, nint>)NativeLibrary.GetExport(h, "rd_kafka_mock_cluster_new"),
        MockClusterDestroy = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(h, "rd_kafka_mock_cluster_destroy"),
        MockClusterBootstraps = (delegate* unmanaged[Cdecl]<nint, byte*>)NativeLibrary.GetExport(h, "rd_kafka_mock_cluster_bootstraps"),
        MockTopicCreate = (delegate* unmanaged[Cdecl]<nint, byte*, int, int, int>)NativeLibrary.GetExport(h, "rd_kafka_mock_topic_create"),
        MockBrokerSetHostPort = (delegate* unmanaged[Cdecl]<nint, int, byte*, int, void>)NativeLibrary.GetExport(h, "rd_kafka_mock_broker_set_host_port"),
        MockGroupInitialRebalanceDelayMs = (delegate* unmanaged[Cdecl]<nint, int, void>)NativeLibrary.GetExport(h, "rd_kafka_mock_group_initial_rebalance_delay_ms"),
        Err2Str = (delegate* unmanaged[Cdecl]<int, byte*>)NativeLibrary.GetExport(h, "rd_kafka_err2str"),
        MockBrokerSetDown = (delegate* unmanaged[Cdecl]<nint, int, int>)Optional(h, "rd_kafka_mock_broker_set_down"),
        MockBrokerSetUp = (delegate* unmanaged[Cdecl]<nint, int, int>)Optional(h, "rd_kafka_mock_broker_set_up"),
        MockBrokerSetRtt = (delegate* unmanaged[Cdecl]<nint, int, int, int>)Optional(h, "rd_kafka_mock_broker_set_rtt"),
        MockPushRequestErrorsArray = (delegate* unmanaged[Cdecl]<nint, short, nuint, int*, void>)Optional(h, "rd_kafka_mock_push_request_errors_array"),
        MockClearRequestErrors = (delegate* unmanaged[Cdecl]<nint, short, void>)Optional(h, "rd_kafka_mock_clear_request_errors"),
    };

    /// <summary>The export's address, or 0 when this build of librdkafka lacks it (the fault-injection functions are newer).</summary>
    private static nint Optional(nint h, string name) => NativeLibrary.TryGetExport(h, name, out var address) ? address : 0;
}
