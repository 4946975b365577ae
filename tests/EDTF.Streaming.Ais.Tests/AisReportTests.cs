using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Ais.Tests;

public class AisReportTests
{
    [Fact]
    public void IsPositionReport_TypeOneWithoutPosition_IsFalse()
    {
        new AisReport { MessageType = 1, Mmsi = 1 }.IsPositionReport.Should().BeFalse();
        new AisReport { MessageType = 1, Mmsi = 1, Latitude = 1, Longitude = 2 }.IsPositionReport.Should().BeTrue();
    }
}
