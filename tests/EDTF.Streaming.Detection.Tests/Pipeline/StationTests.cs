using EDTF.Streaming.Detection.Pipeline;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

public class StationTests
{
    [Fact]
    public void ObservationTryCreate_ReportWithTagStation_CarriesStationAndKeepsLine()
    {
        var report = Position(DprkMmsi, T0, 38.5, 124.5) with { Source = "rx-station-tests" };

        Observation.TryCreate(report, "in.nmea", 123_456_789, out var o).Should().BeTrue();

        StationIds.Name(o.Source.Station).Should().Be("rx-station-tests", "the TAG block s: travels with the report");
        o.Source.Line.Should().Be(123_456_789, "the station shares the line's long without changing the line");
    }

    [Fact]
    public void ObservationTryCreate_ReportWithoutStation_StationUnknown()
    {
        Observation.TryCreate(Position(DprkMmsi, T0, 38.5, 124.5), "in.nmea", 7, out var o).Should().BeTrue();

        o.Source.Station.Should().Be(0);
    }
}
