using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

public class DetectionPipelineTests
{
    private static readonly Lazy<PortAreas> Ports = new(() => PortAreas.Load(EDTF.Streaming.Tests.TestPaths.InRepo("config/ports.geojson")));

    /// <summary>Several vessels of interest going dark at different times, plus background traffic.</summary>
    private static List<AisReport> Scenario()
    {
        var tracks = new List<IEnumerable<AisReport>>();
        for (var i = 0; i < 6; i++)
        {
            var mmsi = DprkMmsi + i;
            var goesDarkAt = Hours(1 + i);
            tracks.Add(Harness.Reports(mmsi, T0, T0 + goesDarkAt, 39 + (i * 0.01), 124.5, everyMinutes: 3));
            tracks.Add(Harness.Reports(mmsi, T0 + goesDarkAt + Hours(2.5 + i), T0 + Hours(14), 39 + (i * 0.01), 124.6, everyMinutes: 3));
        }

        for (var i = 0; i < 10; i++)
        {
            tracks.Add(Harness.Reports(OtherMmsi + i, T0, T0 + Hours(14), 39.5, 124 + (i * 0.01), everyMinutes: 2));
        }

        // A transfer offshore and a call at Vostochny.
        tracks.Add(Harness.Reports(DprkMmsi + 10, T0 + Hours(2), T0 + Hours(5), 40.5, 133.5, sog: 0.4, everyMinutes: 3));
        tracks.Add(Harness.Reports(OtherMmsi + 20, T0 + Hours(2) + Minutes(1), T0 + Hours(5), 40.5018, 133.5, sog: 0.6, everyMinutes: 3));
        tracks.Add(Harness.Reports(DprkMmsi + 11, T0, T0 + Hours(1), 42.55, 133.05, sog: 8, everyMinutes: 5));
        tracks.Add(Harness.Reports(DprkMmsi + 11, T0 + Hours(1.1), T0 + Hours(8), 42.76, 133.05, sog: 0.05, everyMinutes: 5));
        tracks.Add(Harness.Reports(DprkMmsi + 11, T0 + Hours(8.2), T0 + Hours(14), 42.55, 133.05, sog: 8, everyMinutes: 5));

        return Harness.Merge([.. tracks]).ToList();
    }

    private static List<string> Run(IEnumerable<(AisReport Report, int Partition)> input, int latenessMinutes = 60)
    {
        var alerts = new List<string>();
        var p = new DetectionPipeline(new DetectionOptions { AllowedLatenessMinutes = latenessMinutes }, Watchlist.Empty, Ports.Value, a => alerts.Add(AlertJson.Serialize(a)));
        var line = 0L;
        foreach (var (r, part) in input)
        {
            p.Add(r, AlertSource.FromFile("scenario.nmea", r.Mmsi * 100_000L + (r.EventTimeMs!.Value - T0) / 1000), part);
            line++;
        }

        p.Complete();
        return alerts;
    }

    [Fact]
    public void Add_SameReportsSplitOverThreePartitions_SameAlertsAsOne()
    {
        var reports = Scenario();
        var single = Run(reports.Select(r => (r, 0)));

        var interleaved = Harness.SplitOverThreePartitions(reports);
        interleaved.Should().NotEqual(reports.Select(r => (r, r.Mmsi % 3)), "the arrival order must differ from event-time order");

        var split = Run(interleaved);

        // 18 updates of the visible cases, and 5 dark-dark updates: vessels 3, 4 and 5 (0.6 nm apart) are dark together for over 4 h,
        // and the transfer pair's tracks end together while the clock runs on.
        single.Should().HaveCount(23);
        single.Count(a => a.Contains("\"pattern\":\"darkDark\"", StringComparison.Ordinal)).Should().Be(5);
        single.Should().Contain(a => a.Contains("\"type\":\"ShipToShipTransfer\",\"status\":\"closed\"", StringComparison.Ordinal))
            .And.Contain(a => a.Contains("\"type\":\"PortCall\",\"status\":\"closed\"", StringComparison.Ordinal));
        split.Should().Equal(single);
    }

    [Fact]
    public void Alerts_OfWholeScenario_AllValidAgainstContractSchema()
    {
        var alerts = new List<AlertUpdate>();
        var p = new DetectionPipeline(new DetectionOptions { AllowedLatenessMinutes = 60, Scope = "all" }, Watchlist.Empty, Ports.Value, alerts.Add);
        foreach (var r in Scenario())
        {
            p.Add(r, Source());
        }

        p.Complete();

        alerts.Select(a => a.Type).Distinct().Should().BeEquivalentTo(["DarkPeriod", "ShipToShipTransfer", "PortCall"]);
        AlertSchema.AllShouldBeValid(alerts);
        alerts.Select(a => AlertJson.Deserialize(AlertJson.SerializeToUtf8Bytes(a))).Select(AlertJson.Serialize)
            .Should().Equal(alerts.Select(AlertJson.Serialize), "alerts round-trip through JSON");
    }

    [Fact]
    public void Alert_ImoWithFailingCheckDigit_RedFlagInEvidence()
    {
        var h = new Harness();
        h.Add(Static(DprkMmsi, T0, imo: 8106497, name: "SAM MA 2"))
         .Track(DprkMmsi, T0, T0 + Hours(1), 39, 124.5)
         .Track(DprkMmsi, T0 + Hours(4), T0 + Hours(5), 39, 124.55)
         .Complete();

        h.Alerts.Should().NotBeEmpty().And.OnlyContain(a => a.Evidence["imoCheckDigitValid"]!.GetValue<bool>() == false);
    }

    [Fact]
    public void Add_SameInputTwice_IdenticalJson()
    {
        Run(Scenario().Select(r => (r, 0))).Should().Equal(Run(Scenario().Select(r => (r, 0))));
    }

    [Fact]
    public void Add_IdlePartition_DoesNotHoldWatermarkBack()
    {
        var p = new DetectionPipeline(new DetectionOptions { AllowedLatenessMinutes = 10 }, Watchlist.Empty, PortAreas.Empty, _ => { });
        p.Add(Position(OtherMmsi, T0, 40, 130), Source(), partition: 1);
        p.Add(Position(ThirdMmsi, T0 + Hours(1), 40, 130), Source(), partition: 0);
        p.Statistics.WatermarkMs.Should().Be(T0 - Minutes(10));

        p.SetPartitionIdle(1, idle: true);

        p.Statistics.WatermarkMs.Should().Be(T0 + Hours(1) - Minutes(10));
    }

    [Fact]
    public void Add_RemovedPartition_DoesNotHoldWatermarkBack()
    {
        var p = new DetectionPipeline(new DetectionOptions { AllowedLatenessMinutes = 0 }, Watchlist.Empty, PortAreas.Empty, _ => { });
        p.Add(Position(OtherMmsi, T0, 40, 130), Source(), partition: 1);
        p.Add(Position(ThirdMmsi, T0 + Hours(1), 40, 130), Source(), partition: 0);

        p.RemovePartition(1);

        p.Statistics.WatermarkMs.Should().Be(T0 + Hours(1));
    }

    [Fact]
    public void Add_ReportWithoutEventTime_CountedAndSkipped()
    {
        var h = new Harness();
        h.Add(Position(OtherMmsi, T0, 40, 130) with { EventTimeMs = null });

        h.Pipeline.Statistics.ReportsWithoutEventTime.Should().Be(1);
        h.Pipeline.Statistics.VesselsTracked.Should().Be(0);
    }

    [Theory]
    [InlineData(2_734_500)] // base station 00 + MID
    [InlineData(992_731_234)] // aid to navigation
    [InlineData(111_273_456)] // SAR aircraft
    [InlineData(970_123_456)] // SART
    [InlineData(972_123_456)] // MOB
    [InlineData(974_123_456)] // EPIRB
    public void Add_NonVesselMmsi_NotTracked(int mmsi)
    {
        var h = new Harness();
        h.Add(Position(mmsi, T0, 40, 130)).Complete();

        h.Pipeline.Statistics.VesselsTracked.Should().Be(0);
        h.Pipeline.Statistics.NonVesselReports.Should().Be(1);
    }

    [Fact]
    public void Add_SameReportFromTwoReceivers_CountedOnce()
    {
        var h = new Harness();
        h.Add(Position(OtherMmsi, T0, 40, 130))
         .Add(Position(OtherMmsi, T0, 40, 130))
         .Add(Position(OtherMmsi, T0 + 1000, 40, 130))
         .Add(Position(OtherMmsi, T0 + Minutes(3), 40, 130))
         .Complete();

        h.Pipeline.Statistics.Duplicates.Should().Be(2);
    }

    [Fact]
    public void Add_PositionImplyingOver50Knots_NotTrustedAndCounted()
    {
        var h = new Harness();
        h.Add(Position(OtherMmsi, T0, 40, 130))
         .Add(Position(OtherMmsi, T0 + Minutes(10), 41, 130))
         .Add(Position(OtherMmsi, T0 + Minutes(20), 40.01, 130))
         .Complete();

        h.Pipeline.Statistics.ImplausibleJumps.Should().Be(1);
    }

    [Fact]
    public void Add_Position49KnotsFromPrevious_Trusted()
    {
        var h = new Harness();
        h.Add(Position(OtherMmsi, T0, 40, 130))
         .Add(Position(OtherMmsi, T0 + Hours(1), 40 + (49.0 / 60), 130))
         .Complete();

        h.Pipeline.Statistics.ImplausibleJumps.Should().Be(0);
    }

    [Fact]
    public void Statistics_CountVesselsAndVesselsOfInterest()
    {
        var h = new Harness(watchlist: new Watchlist([new WatchlistEntry(null, ThirdMmsi, "X", "TEST", "t")]));
        h.Add(Position(DprkMmsi, T0, 40, 130))
         .Add(Position(OtherMmsi, T0, 40, 130))
         .Add(Position(ThirdMmsi, T0, 40, 130));

        h.Pipeline.Statistics.VesselsTracked.Should().Be(3);
        h.Pipeline.Statistics.VesselsOfInterest.Should().Be(2);
    }
}
