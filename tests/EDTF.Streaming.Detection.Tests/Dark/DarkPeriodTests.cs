using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Dark;

public class DarkPeriodTests
{
    private const double Lat = 38.5;
    private const double Lon = 124.5;

    /// <summary>A DPRK vessel silent from 1 h to 1 h + gap, with a neighbour in the same cell reporting all along (drives the clock).</summary>
    private static Harness Gap(double gapHours, DetectionOptions? options = null, int mmsi = DprkMmsi, bool neighbour = true, double endLonShift = 0.1)
    {
        var h = new Harness(options);
        var end = Hours(1 + gapHours + 1);
        var subject = new List<Ais.AisReport>();
        for (var t = 0L; t <= Hours(1); t += Minutes(10))
        {
            subject.Add(Position(mmsi, T0 + t, Lat, Lon));
        }

        for (var t = Hours(1 + gapHours); t <= end; t += Minutes(10))
        {
            subject.Add(Position(mmsi, T0 + t, Lat, Lon + endLonShift));
        }

        var others = new List<Ais.AisReport>();
        if (neighbour)
        {
            for (var t = 0L; t <= end; t += Minutes(5))
            {
                others.Add(Position(OtherMmsi, T0 + t, Lat + 0.3, Lon + 0.3));
            }
        }

        h.AddAll(Harness.Merge(subject, others)).Complete();
        return h;
    }

    [Fact]
    public void Add_GapJustUnderTwoHours_NoAlert()
    {
        var h = Gap(2 - (1 / 60.0));

        h.OfType("DarkPeriod").Should().BeEmpty();
    }

    [Fact]
    public void Add_GapExactlyTwoHours_NoAlert()
    {
        Gap(2).OfType("DarkPeriod").Should().BeEmpty();
    }

    [Fact]
    public void Add_GapJustOverTwoHours_OpensWhileDarkThenCloses()
    {
        var h = Gap(2 + (10 / 60.0));

        var alerts = h.OfType("DarkPeriod");
        alerts.Select(a => a.Status).Should().Equal("open", "closed");
        alerts[0].AlertId.Should().Be(alerts[1].AlertId);
        alerts[0].Start.Should().Be(AlertTime(Hours(1)));
        alerts[0].End.Should().BeNull();
        alerts[0].DetectedAt.Should().Be(AlertTime(Hours(3)), "the open fires when event time passes last seen + 2 h, before the vessel reappears");
        alerts[1].End.Should().Be(AlertTime(Hours(3) + Minutes(10)));
        alerts[1].Evidence["gapHours"]!.GetValue<double>().Should().BeApproximately(2.1667, 0.001);
        alerts[1].Vessel.Flag.Should().Be("KP");
        alerts[1].Watchlist.Should().ContainSingle(w => w.MatchedOn == "mid" && w.Mmsi == DprkMmsi);
    }

    [Fact]
    public void Close_Evidence_HasDistanceImpliedSpeedUnexplainedAndCoverage()
    {
        var h = Gap(4);

        var closed = h.OfType("DarkPeriod").Single(a => a.Status == "closed");
        var distanceNm = closed.Evidence["distanceNm"]!.GetValue<double>();
        distanceNm.Should().BeApproximately(4.69, 0.05, "0.1 degree of longitude at 38.5 N");
        closed.Evidence["impliedSpeedKn"]!.GetValue<double>().Should().BeApproximately(distanceNm / 4, 0.01);
        closed.Evidence["unexplainedHours"]!.GetValue<double>().Should().BeApproximately(4 - (distanceNm / 10), 0.01);
        closed.Evidence["coverage"]!["neighboursHeard"]!.GetValue<bool>().Should().BeTrue();
        closed.Evidence["identityConflict"]!.GetValue<bool>().Should().BeFalse();
        closed.Confidence.Should().Be("medium");
    }

    [Fact]
    public void Close_NobodyHeardInCell_LowConfidenceButStillAlerts()
    {
        var h = Gap(8, neighbour: false);

        var closed = h.OfType("DarkPeriod").Single(a => a.Status == "closed");
        closed.Confidence.Should().Be("low");
        closed.Evidence["coverage"]!["neighboursHeard"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void Close_LongCoveredGap_HighConfidence()
    {
        Gap(7).OfType("DarkPeriod").Single(a => a.Status == "closed").Confidence.Should().Be("high");
    }

    [Fact]
    public void Close_ImpliedSpeedOver50Knots_ReportedAsIdentityConflict()
    {
        var h = Gap(3, endLonShift: 4);

        var closed = h.OfType("DarkPeriod").Single(a => a.Status == "closed");
        closed.Evidence["identityConflict"]!.GetValue<bool>().Should().BeTrue();
        closed.Evidence["impliedSpeedKn"]!.GetValue<double>().Should().BeGreaterThan(50);
        closed.Confidence.Should().Be("low");
        h.Pipeline.Statistics.ImplausibleJumps.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Complete_VesselStillDark_AlertLeftOpen()
    {
        var h = new Harness();
        // Time moves on with the other vessel's reports (three: a lone report four hours ahead would not be believed).
        h.Track(DprkMmsi, T0, T0 + Hours(1), Lat, Lon)
         .Track(OtherMmsi, T0 + Hours(5), T0 + Hours(5) + Minutes(2), Lat, Lon, everyMinutes: 1)
         .Complete();

        h.OfType("DarkPeriod").Should().ContainSingle().Which.Status.Should().Be("open");
    }

    [Fact]
    public void Add_VesselNotOfInterest_NoAlertUnderScopeInterest()
    {
        Gap(8, mmsi: ThirdMmsi).OfType("DarkPeriod").Should().BeEmpty();
    }

    [Fact]
    public void Add_ScopeAll_OtherVesselNeedsSixHours()
    {
        var options = new DetectionOptions { AllowedLatenessMinutes = 0, Scope = "all" };
        Gap(5, options, mmsi: ThirdMmsi).OfType("DarkPeriod").Where(a => a.Vessel.Mmsi == ThirdMmsi).Should().BeEmpty();

        var alerts = Gap(6.5, new DetectionOptions { AllowedLatenessMinutes = 0, Scope = "all" }, mmsi: ThirdMmsi)
            .OfType("DarkPeriod").Where(a => a.Vessel.Mmsi == ThirdMmsi).ToList();
        alerts.Select(a => a.Status).Should().Equal("open", "closed");
        alerts[0].DetectedAt.Should().Be(AlertTime(Hours(7)));
    }

    [Fact]
    public void Add_ImoArrivesAfterGap_VesselJudgedOnFullHistory()
    {
        var watchlist = new Watchlist([new WatchlistEntry(8106496, null, "SAM MA 2", "US-DPRK-ADVISORY-2019", "test")]);
        var h = new Harness(watchlist: watchlist);
        h.AddAll(Harness.Merge(
            Harness.Reports(ThirdMmsi, T0, T0 + Hours(1), Lat, Lon),
            Harness.Reports(OtherMmsi, T0, T0 + Hours(5), Lat + 0.2, Lon, everyMinutes: 5)));
        h.Alerts.Should().BeEmpty();

        h.Track(ThirdMmsi, T0 + Hours(5), T0 + Hours(6), Lat, Lon + 0.1)
         .Add(Static(ThirdMmsi, T0 + Hours(6) + Minutes(1), imo: 8106496, name: "SAM MA 2", shipType: 80))
         .Complete();

        var alert = h.OfType("DarkPeriod").Should().ContainSingle().Subject;
        alert.Status.Should().Be("closed");
        alert.Start.Should().Be(AlertTime(Hours(1)));
        alert.Vessel.Imo.Should().Be(8106496);
        alert.Watchlist.Should().ContainSingle(w => w.MatchedOn == "imo" && w.List == "US-DPRK-ADVISORY-2019");
        alert.Evidence["watchlistNameMatches"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void Add_LateReportFillsOpenGap_Retracted()
    {
        var h = new Harness();
        h.AddAll(Harness.Merge(
            Harness.Reports(DprkMmsi, T0, T0 + Hours(1), Lat, Lon),
            Harness.Reports(OtherMmsi, T0, T0 + Hours(3) + Minutes(5), Lat, Lon + 0.2, everyMinutes: 5)));
        h.Alerts.Should().ContainSingle(a => a.Status == "open");

        h.Add(Position(DprkMmsi, T0 + Hours(2), Lat, Lon)).Complete();

        var closed = h.OfType("DarkPeriod").Last();
        closed.Status.Should().Be("closed");
        closed.AlertId.Should().Be(h.Alerts[0].AlertId);
        closed.Evidence["retracted"]!.GetValue<bool>().Should().BeTrue();
        h.Pipeline.Statistics.LateReports.Should().Be(1);
        h.Pipeline.Statistics.Retractions.Should().Be(1);
    }

    [Fact]
    public void Add_LateReportLeavesLongGap_Shrunk()
    {
        var h = new Harness();
        h.AddAll(Harness.Merge(
            Harness.Reports(DprkMmsi, T0, T0 + Hours(1), Lat, Lon),
            Harness.Reports(OtherMmsi, T0, T0 + Hours(6), Lat, Lon + 0.2, everyMinutes: 5)))
         .Add(Position(DprkMmsi, T0 + Hours(2), Lat, Lon))
         .Complete();

        var updates = h.OfType("DarkPeriod");
        updates.Should().HaveCount(2).And.OnlyContain(a => a.Status == "open");
        updates[1].AlertId.Should().Be(updates[0].AlertId);
        updates[1].Start.Should().Be(AlertTime(Hours(2)));
    }

    [Fact]
    public void Add_ManyLateReportsShrinkOneOpenGap_OneRevisionAtTheNextWatermarkStep()
    {
        var h = new Harness();
        h.AddAll(Harness.Merge(
            Harness.Reports(DprkMmsi, T0, T0 + Hours(1), Lat, Lon),
            Harness.Reports(OtherMmsi, T0, T0 + Hours(6), Lat, Lon + 0.2, everyMinutes: 5)));
        h.OfType("DarkPeriod").Should().ContainSingle(a => a.Status == "open");

        h.AddAll(Harness.Reports(DprkMmsi, T0 + Hours(1) + Minutes(10), T0 + Hours(2), Lat, Lon)); // a receiver flushing its buffer: 6 late reports
        h.OfType("DarkPeriod").Should().HaveCount(1, "the revision waits for the next watermark step");

        h.Add(Position(OtherMmsi, T0 + Hours(6) + Minutes(5), Lat, Lon + 0.2));

        var updates = h.OfType("DarkPeriod");
        h.Pipeline.Statistics.LateReports.Should().Be(6);
        updates.Should().HaveCount(2, "six late reports shrinking one gap revise it once, not once per report");
        updates[1].Status.Should().Be("open");
        updates[1].AlertId.Should().Be(updates[0].AlertId);
        updates[1].Start.Should().Be(AlertTime(Hours(2)), "the revision carries the latest of the late reports");
    }

    [Fact]
    public void Add_LateReportsShrinkThenGapCloses_ClosedCarriesTheRevisedStartWithoutARevisionBefore()
    {
        var h = new Harness();
        h.AddAll(Harness.Merge(
            Harness.Reports(DprkMmsi, T0, T0 + Hours(1), Lat, Lon),
            Harness.Reports(OtherMmsi, T0, T0 + Hours(6), Lat, Lon + 0.2, everyMinutes: 5)));
        h.AddAll(Harness.Reports(DprkMmsi, T0 + Hours(1) + Minutes(10), T0 + Hours(2), Lat, Lon));

        h.Add(Position(DprkMmsi, T0 + Hours(6) + Minutes(5), Lat, Lon));

        var updates = h.OfType("DarkPeriod");
        updates.Select(u => u.Status).Should().Equal(["open", "open", "closed"], "the pending revision is published at the step, before the report that closes the gap");
        updates[2].Start.Should().Be(AlertTime(Hours(2)));
    }

    [Fact]
    public void Add_ReportsOutOfOrderWithinLateness_SameAlertsAsInOrder()
    {
        static List<Ais.AisReport> Reports()
        {
            var list = new List<Ais.AisReport>();
            for (var t = 0L; t <= Hours(1); t += Minutes(10))
            {
                list.Add(Position(DprkMmsi, T0 + t, Lat, Lon));
            }

            for (var t = Hours(4); t <= Hours(5); t += Minutes(10))
            {
                list.Add(Position(DprkMmsi, T0 + t, Lat, Lon + 0.05));
            }

            for (var t = 0L; t <= Hours(5); t += Minutes(5))
            {
                list.Add(Position(OtherMmsi, T0 + t, Lat, Lon + 0.3));
            }

            return list;
        }

        var options = () => new DetectionOptions { AllowedLatenessMinutes = 30 };
        var ordered = new Harness(options()).AddAll(Harness.Merge(Reports())).Complete();
        var shuffled = Harness.Merge(Reports()).ToList();
        for (var i = 0; i + 3 < shuffled.Count; i += 4)
        {
            (shuffled[i], shuffled[i + 3]) = (shuffled[i + 3], shuffled[i]);
        }

        var reordered = new Harness(options()).AddAll(shuffled).Complete();

        ordered.Alerts.Should().HaveCount(2);
        reordered.Alerts.Select(a => AlertJson.Serialize(a with { Source = null }))
            .Should().Equal(ordered.Alerts.Select(a => AlertJson.Serialize(a with { Source = null })));
        reordered.Pipeline.Statistics.LateReports.Should().Be(0);
    }

    [Fact]
    public void Alerts_AllValidAgainstContractSchema()
    {
        var alerts = Gap(7).Alerts.Concat(Gap(3, endLonShift: 4).Alerts).Concat(Gap(8, neighbour: false).Alerts).ToList();

        alerts.Should().NotBeEmpty();
        AlertSchema.AllShouldBeValid(alerts);
    }

    private static DateTimeOffset AlertTime(long offsetMs) => DateTimeOffset.FromUnixTimeMilliseconds(T0 + offsetMs);
}
