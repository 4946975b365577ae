using EDTF.Streaming.Cli.Service;
using Prometheus;

namespace EDTF.Streaming.Cli.Tests.Streaming;

public sealed class ServiceProgressTests
{
    private static readonly ServiceProgress Start = new(1_000, 1_100, 3, 1, 10, 200, 5, 7_200, 90_000);

    [Fact]
    public void Describe_CatchingUp_GivesRateRemainingRecordsAndTimeLeft()
    {
        var now = Start with { RecordsConsumed = 31_000, SentencesDecoded = 35_100, AlertUpdates = 14, DecodeRejects = 5, LagRecords = 60_000, WatermarkLagSeconds = 5_400 };

        var line = now.Describe(Start, TimeSpan.FromSeconds(30));

        line.Should().Contain("30,000 records (1,000/s)")
            .And.Contain("34,000 sentences in the last 30 s")
            .And.Contain("31,000 records since start")
            .And.Contain("60,000 records to read (about 60 s at this rate)")
            .And.Contain("event time 1.5 h behind the clock")
            .And.Contain("200 vessels tracked, 5 of interest")
            .And.Contain("4 alert updates (14 since start)")
            .And.Contain("2 rejected lines, 0 dead letters");
    }

    [Fact]
    public void Describe_NothingWaiting_SaysCaughtUp()
    {
        var now = Start with { RecordsConsumed = 1_600, LagRecords = 0, WatermarkLagSeconds = 30 };

        now.Describe(Start, TimeSpan.FromSeconds(30)).Should().Contain("caught up").And.Contain("event time 30 s behind").And.NotContain("to read");
    }

    [Fact]
    public void Describe_RecordsWaitingButNoneRead_SaysNoProgress()
    {
        Start.Describe(Start, TimeSpan.FromSeconds(30)).Should().Contain("90,000 records to read (no progress in this interval)");
    }

    [Fact]
    public void IsIdleSince_OnlyWhenNothingReadAndNothingWaits()
    {
        var idle = Start with { LagRecords = 0 };
        idle.IsIdleSince(idle).Should().BeTrue();
        Start.IsIdleSince(Start).Should().BeFalse("records wait");
        (idle with { RecordsConsumed = idle.RecordsConsumed + 1 }).IsIdleSince(idle).Should().BeFalse();
    }

    [Fact]
    public void Snapshot_SumsTheLabelledCounters()
    {
        var metrics = new PrometheusStreamingMetrics(Metrics.NewCustomRegistry());
        metrics.RecordConsumed();
        metrics.RecordConsumed();
        metrics.SentencesDecoded(3);
        metrics.DecodeReject(EDTF.Streaming.Ais.RejectReason.BadChecksum);
        metrics.DecodeReject(EDTF.Streaming.Ais.RejectReason.OrphanFragment);
        metrics.AlertDelivered("DarkPeriod", "open");
        metrics.AlertDelivered("PortCall", "closed");
        metrics.AlertDelivered("PortCall", "closed");
        metrics.DeadLetter();

        var before = metrics.Snapshot(lagRecords: 7);
        metrics.Pipeline(vesselsTracked: 12, vesselsOfInterest: 2, watermarkLagSeconds: 4.5);
        var after = metrics.Snapshot(lagRecords: 0);

        before.Should().Be(new ServiceProgress(2, 3, 2, 1, 3, 0, 0, null, 7));
        after.Should().Be(new ServiceProgress(2, 3, 2, 1, 3, 12, 2, 4.5, 0));
    }
}

public sealed class ProgressReporterTests
{
    [Fact]
    public async Task Run_RecordsReadBetweenTicks_LogsOneLinePerIntervalAndNothingWhenIdle()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var metrics = new PrometheusStreamingMetrics(Metrics.NewCustomRegistry());
        var service = new EDTF.Streaming.Kafka.KafkaDetectionService(
            new EDTF.Streaming.Kafka.KafkaOptions(), new EDTF.Streaming.Detection.DetectionOptions(), EDTF.Streaming.Detection.Watchlist.Empty, EDTF.Streaming.Detection.PortAreas.Empty);
        var logger = new ListLogger();
        using var reporter = new ProgressReporter(metrics, service, new ServiceSettings { ProgressLogSeconds = 30 }, clock, logger);
        await reporter.StartAsync(CancellationToken.None);
        await reporter.Timing.WaitAsync(TimeSpan.FromSeconds(10));

        for (var i = 0; i < 600; i++)
        {
            metrics.RecordConsumed();
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        await WaitUntil(() => logger.Lines.Count == 1);
        logger.Lines[0].Should().Contain("600 records (20/s)").And.Contain("caught up");

        clock.Advance(TimeSpan.FromSeconds(30)); // nothing read, nothing waiting: no line
        metrics.RecordConsumed();
        clock.Advance(TimeSpan.FromSeconds(30));
        await WaitUntil(() => logger.Lines.Count == 2);
        logger.Lines[1].Should().Contain("1 records (0/s)").And.Contain("601 records since start");

        await reporter.StopAsync(CancellationToken.None);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the reporter should have logged by now");
            await Task.Delay(10);
        }
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<ProgressReporter>
    {
        private readonly List<string> _lines = [];

        public List<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
