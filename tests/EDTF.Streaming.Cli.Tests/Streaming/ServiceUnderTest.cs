using System.Globalization;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>The <c>edtf run</c> host started in this process against a broker, with its own metrics registry and a free HTTP port.</summary>
internal sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();

    private ServiceUnderTest(WebApplication app, string address)
    {
        _app = app;
        Address = address;
        Service = app.Services.GetRequiredService<KafkaDetectionService>();
    }

    public string Address { get; }

    public KafkaDetectionService Service { get; }

    public static async Task<ServiceUnderTest> StartAsync(string bootstrap, TopicSet topics, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = Settings(bootstrap, topics);
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = StreamingHost.LoadConfiguration(settings);
        var app = StreamingHost.Build(configuration, Metrics.NewCustomRegistry(), l => l.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        return new ServiceUnderTest(app, StreamingHost.Address(app));
    }

    /// <summary>Command-line style overrides for a test: its own topics and group, a short session timeout, any free port.</summary>
    public static Dictionary<string, string?> Settings(string bootstrap, TopicSet topics) => new()
    {
        ["Kafka:BootstrapServers"] = bootstrap,
        ["Kafka:InputTopic"] = topics.Input,
        ["Kafka:AlertsTopic"] = topics.Alerts,
        ["Kafka:DlqTopic"] = topics.Dlq,
        ["Kafka:GroupId"] = topics.Input + "-group",
        ["Kafka:Consumer:session.timeout.ms"] = "6000",
        ["Kafka:FragmentQuietSeconds"] = "1",
        ["Kafka:PartitionIdleSeconds"] = "1",
        ["Service:MetricsPort"] = "0",
        ["Service:MetricsHost"] = "127.0.0.1",
    };

    public async Task<string> GetAsync(string path) => await _http.GetStringAsync(Address + path);

    public async Task<HttpResponseMessage> GetResponseAsync(string path) => await _http.GetAsync(Address + path);

    /// <summary>Sample values by full series name (e.g. <c>edtf_alerts_total{type="DarkPeriod",status="open"}</c>).</summary>
    public async Task<Dictionary<string, double>> MetricsAsync() => ParseMetrics(await GetAsync("/metrics"));

    /// <summary>Waits until every one of <paramref name="records"/> records is consumed and its outputs acknowledged.</summary>
    public async Task WaitUntilProcessedAsync(int records, TimeSpan timeout)
    {
        var (m, done) = await Eventually.PollAsync(MetricsAsync, m => m.GetValueOrDefault("edtf_processing_latency_seconds_count") >= records, timeout);
        if (!done)
        {
            throw new TimeoutException($"service processed {m.GetValueOrDefault("edtf_processing_latency_seconds_count")} of {records} records (consumed {m.GetValueOrDefault("edtf_records_consumed_total")})");
        }
    }

    /// <summary>Waits until the metric <paramref name="name"/> shows <paramref name="expected"/> (gauges are refreshed once a second).</summary>
    public async Task WaitForMetricAsync(string name, double expected, TimeSpan timeout)
    {
        var (m, done) = await Eventually.PollAsync(MetricsAsync, m => m.TryGetValue(name, out var v) && v == expected, timeout);
        if (!done)
        {
            throw new TimeoutException($"{name} did not reach {expected} within {timeout} (last: {(m.TryGetValue(name, out var last) ? last : double.NaN)})");
        }
    }

    public static Dictionary<string, double> ParseMetrics(string text)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            result[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A test's own input, alerts and dead-letter topics.</summary>
internal sealed record TopicSet(string Input, string Alerts, string Dlq)
{
    public static TopicSet Create(EmbeddedBroker broker, string name, int partitions)
    {
        var set = new TopicSet(name + ".raw", name + ".alerts", name + ".dlq");
        broker.CreateTopic(set.Input, partitions);
        broker.CreateTopic(set.Alerts, partitions);
        broker.CreateTopic(set.Dlq, 3);
        return set;
    }
}
