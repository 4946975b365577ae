using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>The service's clock: the watermark-lag gauge reads it, and <c>edtf run</c> injects the system clock once.</summary>
public sealed class ServiceClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReportPipeline_Watermark_GaugeIsFakeNowMinusTheWatermark()
    {
        var clock = new FakeTimeProvider(Now);
        var registry = Metrics.NewCustomRegistry();
        var service = Service(registry, clock);
        var watermark = Now.AddHours(-2).AddMilliseconds(-250);

        service.ReportPipeline(new PipelineStatistics { WatermarkMs = watermark.ToUnixTimeMilliseconds(), VesselsTracked = 3 });
        (await Gauges(registry))[MetricNames.WatermarkLag].Should().Be(7200.25);

        clock.Advance(TimeSpan.FromSeconds(90));
        service.ReportPipeline(new PipelineStatistics { WatermarkMs = watermark.ToUnixTimeMilliseconds(), VesselsTracked = 3 });
        (await Gauges(registry))[MetricNames.WatermarkLag].Should().Be(7290.25);
    }

    [Fact]
    public async Task ReportPipeline_NoWatermarkYet_LeavesTheGaugeAlone()
    {
        var registry = Metrics.NewCustomRegistry();
        var service = Service(registry, new FakeTimeProvider(Now));

        service.ReportPipeline(new PipelineStatistics { WatermarkMs = null, VesselsTracked = 2 });

        var gauges = await Gauges(registry);
        gauges[MetricNames.WatermarkLag].Should().Be(0);
        gauges[MetricNames.VesselsTracked].Should().Be(2);
    }

    [Fact]
    public async Task Build_EdtfRunHost_RegistersTheSystemClockOnceAndGivesItToTheService()
    {
        var configuration = StreamingHost.LoadConfiguration(ServiceUnderTest.Settings("127.0.0.1:1", new TopicSet("clock.raw", "clock.alerts", "clock.dlq", "clock.state")));
        var app = StreamingHost.Build(configuration, Metrics.NewCustomRegistry(), l => l.SetMinimumLevel(LogLevel.Warning));
        try
        {
            app.Services.GetServices<TimeProvider>().Should().ContainSingle().Which.Should().BeSameAs(TimeProvider.System);
            app.Services.GetRequiredService<KafkaDetectionService>().Clock.Should().BeSameAs(TimeProvider.System);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static KafkaDetectionService Service(CollectorRegistry registry, TimeProvider clock) =>
        new(new KafkaOptions(), new DetectionOptions(), Watchlist.Empty, PortAreas.Empty, new PrometheusStreamingMetrics(registry), clock: clock);

    private static async Task<Dictionary<string, double>> Gauges(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return ServiceUnderTest.ParseMetrics(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
