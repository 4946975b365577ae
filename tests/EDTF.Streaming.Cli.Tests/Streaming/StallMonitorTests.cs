using EDTF.Streaming.Cli.Service;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>The stall watch's decisions on plain health values: one error line per stall, one line when it clears, the gauge on every check.</summary>
public sealed class StallMonitorTests
{
    private static readonly DateTime Start = new(2026, 11, 27, 3, 0, 0, DateTimeKind.Utc);
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly CollectingLogger _logger = new();
    private readonly StallMonitor _monitor;

    public StallMonitorTests()
    {
        _monitor = new StallMonitor(new ServiceSettings { StallSeconds = 60 }, new PrometheusStreamingMetrics(_registry), _logger);
    }

    [Fact]
    public void Check_StallPastTheBoundSeenTwice_LogsOneError()
    {
        _monitor.Check(Stalled(), Start.AddSeconds(61));
        _monitor.Check(Stalled() with { LastPollUtc = Start.AddSeconds(62) }, Start.AddSeconds(62));

        _logger.Entries.Should().ContainSingle().Which.Level.Should().Be(LogLevel.Error);
        _logger.Entries[0].Message.Should().Contain("processing stalled: in one round for 61 s while input waits");
        _monitor.InStall.Should().BeTrue();
    }

    [Fact]
    public void Check_StallClears_LogsOnceThatItCleared()
    {
        _monitor.Check(Stalled(), Start.AddSeconds(61));

        _monitor.Check(Stalled() with { ProcessingBusySinceUtc = null, LastPollUtc = Start.AddSeconds(70) }, Start.AddSeconds(70));
        _monitor.Check(Stalled() with { ProcessingBusySinceUtc = null, LastPollUtc = Start.AddSeconds(71) }, Start.AddSeconds(71));

        _logger.Entries.Select(e => e.Level).Should().Equal(LogLevel.Error, LogLevel.Warning);
        _logger.Entries[1].Message.Should().Contain("stall cleared 9 s after it was detected");
        _monitor.InStall.Should().BeFalse();
    }

    [Fact]
    public void Check_StallShorterThanTheBound_LogsNothing()
    {
        _monitor.Check(Stalled(), Start.AddSeconds(59));

        _logger.Entries.Should().BeEmpty("a round under the bound is slow, not stuck (readiness reports it)");
    }

    [Fact]
    public void Check_Faulted_LogsNothing()
    {
        _monitor.Check(Stalled() with { Faulted = true }, Start.AddSeconds(120));

        _logger.Entries.Should().BeEmpty("the worker logs a fault as critical; it is not a stall");
    }

    [Fact]
    public async Task Check_InARoundWhileInputWaits_GaugeIsTheSecondsInTheRoundAndZeroAfter()
    {
        _monitor.Check(Stalled(), Start.AddSeconds(42.5));
        (await Gauge()).Should().Be(42.5);

        _monitor.Check(Stalled() with { ProcessingBusySinceUtc = null }, Start.AddSeconds(43));
        (await Gauge()).Should().Be(0);
    }

    /// <summary>In a round since <see cref="Start"/> while input waits; the consume loop last polled 61 s later.</summary>
    private static ServiceHealth Stalled() =>
        new(Faulted: false, AssignedPartitions: 1, LastPollUtc: Start.AddSeconds(61), LastProgressUtc: Start, TotalLag: 10, ProcessingBusySinceUtc: Start, WorkWaiting: true);

    private async Task<double> Gauge()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream);
        return ServiceUnderTest.ParseMetrics(System.Text.Encoding.UTF8.GetString(stream.ToArray()))[MetricNames.ProcessingStalled];
    }
}
