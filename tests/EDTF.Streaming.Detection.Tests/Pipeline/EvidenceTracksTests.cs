using System.Text;
using System.Text.Json.Nodes;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Tests.Support;
using EDTF.Streaming.Detection.Tracking;
using EDTF.Streaming.Tests;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

public class EvidenceTracksTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const double Lat = 40.5;
    private const double Lon = 133.5;
    private static readonly Lazy<PortAreas> Ports = new(() => PortAreas.Load(TestPaths.InRepo("config/ports.geojson")));

    /// <summary>Two vessels that sail in for an hour, lie 200 m apart from 2 h to 5 h, then part (1 h more of sailing).</summary>
    private static IEnumerable<AisReport> Transfer() => Harness.Merge(
        Harness.Reports(DprkMmsi, T0 + Hours(1), T0 + Hours(2) - Minutes(3), Lat, Lon - 0.1, sog: 6, everyMinutes: 3, lonPerHour: 0.1),
        Harness.Reports(DprkMmsi, T0 + Hours(2), T0 + Hours(5), Lat, Lon, sog: 0.5, everyMinutes: 3),
        Harness.Reports(DprkMmsi, T0 + Hours(5) + Minutes(3), T0 + Hours(6), Lat, Lon, sog: 6, everyMinutes: 3, lonPerHour: 0.1),
        Harness.Reports(OtherMmsi, T0 + Hours(1) + Minutes(1.5), T0 + Hours(2) - Minutes(3), Lat + 0.0018, Lon + 0.1, sog: 6, everyMinutes: 3, lonPerHour: -0.1),
        Harness.Reports(OtherMmsi, T0 + Hours(2) + Minutes(1.5), T0 + Hours(5), Lat + 0.0018, Lon, sog: 0.5, everyMinutes: 3),
        Harness.Reports(OtherMmsi, T0 + Hours(5) + Minutes(4.5), T0 + Hours(6), Lat + 0.0018, Lon, sog: 6, everyMinutes: 3, lonPerHour: -0.1),
        Harness.Reports(999_000_001 - 600_000_000, T0, T0 + Hours(10), 10, 10, everyMinutes: 10));

    [Fact]
    public void Pipeline_ClosedTransfer_CarriesBothTracksFromAnHourBeforeUntilTheParting()
    {
        var h = new Harness(ports: Ports.Value).AddAll(Transfer()).Complete();

        var closed = h.Visible("ShipToShipTransfer").Single(a => a.Status == "closed");
        closed.Tracks.Should().NotBeNull().And.HaveCount(2);
        closed.Tracks!.Select(t => t.Mmsi).Should().Equal(closed.Vessel.Mmsi, closed.Counterpart!.Mmsi);
        foreach (var track in closed.Tracks!)
        {
            track.Points[0].Time.Should().BeOnOrAfter(closed.Start.AddHours(-1)).And.BeBefore(closed.Start.AddMinutes(-50), "from an hour before the meeting");
            track.Points[^1].Time.Should().BeOnOrBefore(closed.End!.Value).And.BeOnOrAfter(closed.End.Value.AddMinutes(-3), "until the parting");
            track.Points.Select(p => p.Time).Should().BeInAscendingOrder();
            track.Points.Should().HaveCountLessThan(40, "straight legs and a still vessel simplify to few points");
        }

        AlertSchema.AllShouldBeValid(h.Alerts);
    }

    [Fact]
    public void Pipeline_ClosedDarkPeriod_CarriesThePositionsBeforeAndTheFirstAfter()
    {
        var reports = Harness.Merge(
            Harness.Reports(DprkMmsi, T0, T0 + Hours(2), Lat, Lon, sog: 10, everyMinutes: 3, lonPerHour: 0.2),
            Harness.Reports(DprkMmsi, T0 + Hours(6), T0 + Hours(7), Lat, Lon + 0.8, sog: 10, everyMinutes: 3, lonPerHour: 0.2),
            Harness.Reports(999_000_001 - 600_000_000, T0, T0 + Hours(10), 10, 10, everyMinutes: 10));
        var h = new Harness(ports: Ports.Value).AddAll(reports).Complete();

        var closed = h.OfType("DarkPeriod").Single(a => a.Status == "closed");
        var track = closed.Tracks.Should().ContainSingle().Subject;
        track.Points[0].Time.Should().BeBefore(closed.Start, "positions before the silence");
        track.Points.Should().Contain(p => p.Time == closed.Start, "the last report before it");
        track.Points[^1].Time.Should().Be(closed.End!.Value, "the first report after it");
        track.Points.Should().NotContain(p => p.Time > closed.Start && p.Time < closed.End, "nothing was heard in the gap");
    }

    [Fact]
    public void Attach_WorstCaseTwoFullZigZagTracks_RecordStaysFarUnderKafkasLimit()
    {
        var history = new TrackHistory();
        for (var i = 0; i < TrackHistory.MaxPointsPerVessel * 2; i++)
        {
            var zig = i % 2 == 0 ? 0.01 : -0.01; // every point is a corner: Douglas-Peucker keeps them all
            history.Add(DprkMmsi, T0 + (i * TrackHistory.MinSpacingMs), -89.123456 + zig, -179.123456 + (i * 0.001));
            history.Add(OtherMmsi, T0 + (i * TrackHistory.MinSpacingMs) + 1, -89.123456 - zig, -179.123456 + (i * 0.001));
        }

        var endMs = T0 + (TrackHistory.MaxPointsPerVessel * 2 * TrackHistory.MinSpacingMs);
        var alert = new EvidenceTracks(history).Attach(WorstCaseTransfer(T0, endMs));

        alert.Tracks!.Should().HaveCount(2).And.OnlyContain(t => t.Points.Count == TrackHistory.MaxPointsPerVessel, "nothing simplifies");
        var bytes = Encoding.UTF8.GetByteCount(AlertJson.Serialize(alert));
        output.WriteLine($"worst-case alert record: {bytes} bytes");
        bytes.Should().BeLessThan(64 * 1024, "the record must stay well under Kafka's default 1 MB ({0} bytes)", bytes);
        AlertSchema.ShouldBeValid(alert);
    }

    [Fact]
    public void Simplify_MoreThanTheBoundOfCorners_KeepsAtMostTheBoundAndBothEnds()
    {
        var points = Enumerable.Range(0, 1000)
            .Select(i => new TrackHistory.TrackPoint(i * 60_000L, 40 + (i % 2 == 0 ? 0.01f : -0.01f) + (i * 0.0001f), 133 + (i * 0.001f)))
            .ToList();

        var kept = EvidenceTracks.Simplify(points);

        kept.Should().HaveCountLessThanOrEqualTo(EvidenceTracks.MaxPointsPerTrack);
        kept[0].Should().Be(points[0]);
        kept[^1].Should().Be(points[^1]);
    }

    [Fact]
    public void Attach_NoPositionInTheWindow_LeavesTheKeyOut()
    {
        var alert = new EvidenceTracks(new TrackHistory()).Attach(WorstCaseTransfer(T0, T0 + Hours(1)));

        alert.Tracks.Should().BeNull();
        JsonNode.Parse(AlertJson.Serialize(alert))!.AsObject().ContainsKey("tracks").Should().BeFalse("version 1 consumers see the body they knew");
    }

    private static AlertUpdate WorstCaseTransfer(long startMs, long endMs) => new()
    {
        AlertId = "sts-0123456789abcdef",
        Type = "ShipToShipTransfer",
        Status = "closed",
        Vessel = new AlertVessel(DprkMmsi, 9_999_991, "A LONG VESSEL NAME OF TWENTY", "CALLSGN", 80, "KP"),
        Counterpart = new AlertVessel(OtherMmsi, 9_999_992, "ANOTHER LONG VESSEL NAME XX", "CALLSG2", 80, "RU"),
        Watchlist = [new WatchlistHit(DprkMmsi, "US-DPRK-ADVISORY-2019", "imo", "A LONG VESSEL NAME OF TWENTY (IMO 9999991)")],
        Start = DateTimeOffset.FromUnixTimeMilliseconds(startMs + Hours(1)),
        End = DateTimeOffset.FromUnixTimeMilliseconds(endMs),
        Position = new AlertPosition(-89.1, -179.1),
        Confidence = "high",
        Evidence = new JsonObject { ["minDistanceM"] = 150.0 },
        DetectedAt = DateTimeOffset.FromUnixTimeMilliseconds(endMs),
        Source = AlertSource.FromFile("ais.nmea", 123_456_789),
    };
}
