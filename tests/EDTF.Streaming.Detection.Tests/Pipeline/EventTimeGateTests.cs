using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

/// <summary>The rule for event times read from input: far ahead is held until confirmed, far behind is rejected.</summary>
public class EventTimeGateTests
{
    private static readonly long Year2099 = DateTimeOffset.Parse("2099-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    /// <summary>A DPRK vessel silent from T0+1 h to T0+4 h among a neighbour reporting every 10 minutes for 6 hours.</summary>
    private static List<AisReport> CleanDarkScenario() =>
    [
        .. Harness.Merge(
            Harness.Reports(DprkMmsi, T0, T0 + Hours(1), 39, 124.5),
            Harness.Reports(DprkMmsi, T0 + Hours(4), T0 + Hours(6), 39.05, 124.6),
            Harness.Reports(OtherMmsi, T0, T0 + Hours(6), 39.5, 124.2, everyMinutes: 10)),
    ];

    private static List<(string Id, string Status, DateTimeOffset Start, DateTimeOffset? End)> Run(IEnumerable<AisReport> reports, DetectionOptions? options = null)
    {
        var h = new Harness(options ?? new DetectionOptions());
        h.AddAll(reports).Complete();
        return h.Alerts.Select(a => (a.AlertId, a.Status, a.Start, a.End)).ToList();
    }

    private static List<AisReport> WithInserted(List<AisReport> clean, int at, params AisReport[] bad)
    {
        var copy = new List<AisReport>(clean);
        copy.InsertRange(at, bad);
        return copy;
    }

    [Fact]
    public void Add_OneReportDated2099MidStream_SameAlertsAsCleanInput()
    {
        var clean = CleanDarkScenario();
        var expected = Run(clean);
        expected.Should().NotBeEmpty("the clean input has a dark period to compare with");

        var actual = Run(WithInserted(clean, clean.Count / 3, Position(OtherMmsi, Year2099, 39.5, 124.2)));

        actual.Should().Equal(expected, "a lone line dated 2099 is contradicted by the next report and never believed");
    }

    [Fact]
    public void Add_VesselOfInterestDatedAYearAheadAnd1970_SameAlertsAsCleanInput()
    {
        var clean = CleanDarkScenario();
        var expected = Run(clean);

        var actual = Run(WithInserted(clean, clean.Count / 2,
            Position(DprkMmsi, T0 + Hours(24 * 365), 39, 124.5),
            Position(OtherMmsi, 1_000_000, 39.5, 124.2)));

        actual.Should().Equal(expected, "a year ahead is held unconfirmed, 1970 is far behind: neither moves time nor a track");
    }

    [Fact]
    public void Add_MisdatedLineLast_DroppedAtEndOfInput()
    {
        var clean = CleanDarkScenario();
        var h = new Harness();
        h.AddAll(clean).Add(Position(OtherMmsi, Year2099, 39.5, 124.2)).Complete();

        h.Alerts.Select(a => (a.AlertId, a.Status)).Should().Equal(Run(clean).Select(a => (a.Id, a.Status)), "an unconfirmed line at the end is not believed either");
        h.Pipeline.Statistics.ReportsDroppedAhead.Should().Be(1);
    }

    [Fact]
    public void Add_FeedResumesAfterTwoDayOutage_JumpConfirmedAndDarkPeriodOpens()
    {
        // Both vessels silent for two days (a feed outage), then reporting again: the jump is real and must be believed.
        var reports = Harness.Merge(
            Harness.Reports(DprkMmsi, T0, T0 + Hours(1), 39, 124.5),
            Harness.Reports(OtherMmsi, T0, T0 + Hours(1), 39.5, 124.2),
            Harness.Reports(OtherMmsi, T0 + Hours(49), T0 + Hours(50), 39.5, 124.2));
        var h = new Harness();
        h.AddAll(reports).Complete();

        h.OfType("DarkPeriod").Should().ContainSingle("the DPRK vessel stayed silent while the feed resumed")
            .Which.Status.Should().Be("open");
        h.Pipeline.Statistics.ReportsReleasedFromHold.Should().BeGreaterThan(0, "the first report after the outage was held, then confirmed");
        h.Pipeline.Statistics.ReportsHeldAhead.Should().Be(0);
    }

    [Fact]
    public void Add_ReportFarBehindClock_RejectedAndCounted()
    {
        var h = new Harness();
        h.Track(OtherMmsi, T0, T0 + Hours(1), 39.5, 124.2)
         .Add(Position(OtherMmsi, T0 - Hours(24 * 30), 39.5, 124.2));

        h.Pipeline.Statistics.ReportsTooFarBehind.Should().Be(1, "30 days behind is beyond MaxBehindHours (168)");
        h.Pipeline.Statistics.LateReports.Should().Be(0, "it is not treated as an ordinary late report");
    }

    [Fact]
    public void Add_ManyMisdatedLines_HoldBoundedFurthestDropped()
    {
        var options = new DetectionOptions { EventTime = { MaxHeldReportsPerPartition = 10 } };
        var h = new Harness(options);
        h.Track(OtherMmsi, T0, T0 + Hours(1), 39.5, 124.2);
        for (var i = 0; i < 50; i++)
        {
            // Each followed by an on-clock report that contradicts it.
            h.Add(Position(ThirdMmsi, Year2099 + Hours(i), 39.5, 124.2))
             .Add(Position(OtherMmsi, T0 + Hours(1) + Minutes(i), 39.5, 124.2));
        }

        h.Pipeline.Statistics.ReportsHeldAhead.Should().Be(10);
        h.Pipeline.Statistics.ReportsDroppedAhead.Should().Be(40);
        h.Pipeline.Statistics.WatermarkMs.Should().BeLessThan(T0 + Hours(2), "none of them moved event time");
    }

    [Fact]
    public void Add_HourlyReportsOfOneVessel_NoneHeld()
    {
        var h = new Harness();
        h.Track(ThirdMmsi, T0, T0 + Hours(48), 39.5, 124.2, everyMinutes: 60).Complete();

        h.Pipeline.Statistics.ReportsHeldAhead.Should().Be(0);
        h.Pipeline.Statistics.ReportsReleasedFromHold.Should().Be(0, "an hour between reports is within MaxAheadMinutes (360)");
    }

    [Fact]
    public void Add_OneReportFiveHoursAheadMidStream_SameAlertsAsCleanInput()
    {
        // Within the old six-hour margin: believed at once, it would have opened false dark periods and made five hours late.
        var clean = CleanDarkScenario();
        var expected = Run(clean);

        var actual = Run(WithInserted(clean, clean.Count / 4, Position(OtherMmsi, T0 + Hours(1.5) + Hours(5), 39.5, 124.2)));

        actual.Should().Equal(expected, "five hours ahead of a partition reporting every few minutes needs confirmation");
    }

    [Fact]
    public void Add_MisdatedFirstReportOfASecondPartition_JudgedAgainstTheStreamClock()
    {
        var h = new Harness(new DetectionOptions { AllowedLatenessMinutes = 0 });
        h.Track(OtherMmsi, T0, T0 + Hours(1), 39.5, 124.2)
         .Add(Position(ThirdMmsi, T0 + Hours(24 * 30), 39.8, 124.9), partition: 1)
         .Add(Position(ThirdMmsi, T0 + Hours(1), 39.8, 124.9), partition: 1);

        h.Pipeline.Statistics.ReportsHeldAhead.Should().Be(1, "the new partition's first report is thirty days ahead of the stream");
        h.Pipeline.Statistics.WatermarkMs.Should().BeLessThan(T0 + Hours(2));
    }

    [Fact]
    public void Add_ReportsBeyondTheCeiling_HeldThenReleasedWhenTheCeilingPasses()
    {
        var h = new Harness(new DetectionOptions { AllowedLatenessMinutes = 0 });
        h.Pipeline.TimeCeilingMs = T0 + Minutes(30);
        h.Track(OtherMmsi, T0, T0 + Hours(1), 39.5, 124.2, everyMinutes: 10);
        h.Pipeline.Statistics.ReportsHeldAhead.Should().Be(3, "the reports at 40, 50 and 60 minutes are past the ceiling");

        h.Pipeline.TimeCeilingMs = T0 + Hours(2);
        h.Add(Position(OtherMmsi, T0 + Hours(1) + Minutes(10), 39.5, 124.2));

        h.Pipeline.Statistics.ReportsHeldAhead.Should().Be(0, "once the ceiling passes them they are confirmed and go on");
        h.Pipeline.Statistics.ReportsDroppedAhead.Should().Be(0);
    }

    [Fact]
    public void Add_SparseFeedEveryThreeHours_NothingDroppedAndDarkPeriodCloses()
    {
        // A vessel of interest heard by satellite every three hours, silent for a day in the middle, then heard again.
        var h = new Harness();
        h.Track(DprkMmsi, T0, T0 + Hours(12), 39, 124.5, everyMinutes: 180)
         .Track(DprkMmsi, T0 + Hours(36), T0 + Hours(48), 39.1, 124.6, everyMinutes: 180)
         .Complete();

        h.Pipeline.Statistics.ReportsDroppedAhead.Should().Be(0, "a sparse feed's gaps are learned, and its outage confirmed by the reports after it");
        h.OfType("DarkPeriod").Select(a => a.Status).Should().Contain("closed");
    }

    [Fact]
    public void Validate_ZeroCorroboratingReports_Throws()
    {
        var act = () => new DetectionOptions { EventTime = { CorroboratingReports = 0 } }.Validate();

        act.Should().Throw<ArgumentException>().WithMessage("*CorroboratingReports*");
    }
}
