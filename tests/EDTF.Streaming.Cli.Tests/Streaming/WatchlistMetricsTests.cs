using EDTF.Streaming.Cli.Service;
using Prometheus;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>The watch-list metrics as the processing thread reports them once a second.</summary>
public class WatchlistMetricsTests
{
    private const string Dprk3 = "edtf_watchlist_entries{program=\"DPRK3\",source=\"OFAC SDN\"}";
    private const string Un = "edtf_watchlist_entries{program=\"UN-DPRK\",source=\"UN SC consolidated list\"}";

    [Fact]
    public async Task Watchlist_ProgrammeDelisted_ItsSeriesGoesAndTheOthersStay()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new PrometheusStreamingMetrics(registry);

        metrics.Watchlist(new Dictionary<(string, string), int> { [("DPRK3", "OFAC SDN")] = 2, [("UN-DPRK", "UN SC consolidated list")] = 5 }, null, 0);
        metrics.Watchlist(new Dictionary<(string, string), int> { [("UN-DPRK", "UN SC consolidated list")] = 5 }, 1_709_251_200_000, 2);

        var series = await SeriesAsync(registry);
        series.Should().NotContainKey(Dprk3, "a programme with no entry left is no series");
        series[Un].Should().Be(5);
        series[MetricNames.WatchlistLastChange].Should().Be(1_709_251_200);
        series[MetricNames.WatchlistChangesApplied].Should().Be(2);
    }

    [Fact]
    public async Task Watchlist_PipelineStartedAfresh_CounterKeepsCountingUp()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new PrometheusStreamingMetrics(registry);
        var none = new Dictionary<(string, string), int>();

        metrics.Watchlist(none, 1, 3);
        metrics.Watchlist(none, 1, 3);
        metrics.Watchlist(none, 2, 1); // the lease was lost and taken again: a new pipeline counts from zero

        (await SeriesAsync(registry))[MetricNames.WatchlistChangesApplied].Should().Be(4, "3 changes, then 1 more from the new pipeline; a repeat report adds nothing");
    }

    private static async Task<Dictionary<string, double>> SeriesAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return ServiceUnderTest.ParseMetrics(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
