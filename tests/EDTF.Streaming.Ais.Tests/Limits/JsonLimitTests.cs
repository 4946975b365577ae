using System.Text;
using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Ais.Tests.Limits;

public class JsonLimitTests
{
    private const string Head = "{\"type\":1,\"mmsi\":366000001,";

    [Theory]
    [InlineData("\"time\":-7200000,\"lat\":30,\"lon\":-90}", RejectReason.ImplausibleTime)]
    [InlineData("\"time\":1700000000000,\"lat\":21474836.465,\"lon\":-90}", RejectReason.OutOfRange)]
    [InlineData("\"time\":9e15,\"lat\":30,\"lon\":-90}", RejectReason.ImplausibleTime)]
    public void TryParse_RecordsFromIssue11_RejectedWithReason(string rest, RejectReason expected)
    {
        var ok = AisReportJson.TryParse(Encoding.UTF8.GetBytes(Head + rest), out _, out var reason, out var error);

        ok.Should().BeFalse();
        reason.Should().Be(expected);
        error.Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("\"time\":9000000000000000}")]
    [InlineData("\"time\":1e400}")]
    [InlineData("\"time\":-1e400}")]
    [InlineData("\"time\":123456789012345678901234567890}")]
    [InlineData("\"time\":\"1999-12-31T23:59:59Z\"}")]
    [InlineData("\"time\":\"9999-12-31T23:59:59Z\"}")]
    public void TryParse_TimeOutsideWindow_ImplausibleTime(string rest)
    {
        AisReportJson.TryParse(Encoding.UTF8.GetBytes(Head + rest), out _, out var reason, out _).Should().BeFalse();
        reason.Should().Be(RejectReason.ImplausibleTime);
    }

    [Theory]
    [InlineData("\"lat\":1e400}")]
    [InlineData("\"lat\":-90.5}")]
    [InlineData("\"lon\":180.0001}")]
    [InlineData("\"sog\":-1}")]
    [InlineData("\"sog\":1e300}")]
    [InlineData("\"cog\":360.5}")]
    [InlineData("\"heading\":360}")]
    [InlineData("\"heading\":1.5}")]
    [InlineData("\"heading\":99999999999}")]
    [InlineData("\"navStatus\":16}")]
    [InlineData("\"rot\":721}")]
    [InlineData("\"draught\":25.6}")]
    [InlineData("\"toBow\":512}")]
    [InlineData("\"toPort\":64}")]
    [InlineData("\"repeat\":4}")]
    [InlineData("\"line\":-1}")]
    [InlineData("\"imo\":-5}")]
    [InlineData("\"etaMonth\":16}")]
    public void TryParse_FieldOutsideAisRange_OutOfRange(string rest)
    {
        AisReportJson.TryParse(Encoding.UTF8.GetBytes(Head + rest), out _, out var reason, out var error).Should().BeFalse();
        reason.Should().Be(RejectReason.OutOfRange, error);
    }

    [Theory]
    [InlineData("{\"type\":1,\"mmsi\":1000000000}")]
    [InlineData("{\"type\":1,\"mmsi\":-1}")]
    [InlineData("{\"type\":64,\"mmsi\":1}")]
    public void TryParse_BadTypeOrMmsi_OutOfRange(string json)
    {
        AisReportJson.TryParse(Encoding.UTF8.GetBytes(json), out _, out var reason, out _).Should().BeFalse();
        reason.Should().Be(RejectReason.OutOfRange);
    }

    [Fact]
    public void TryParse_TextLongerThanLimit_OutOfRange()
    {
        var json = Head + "\"name\":\"" + new string('A', InputLimits.MaxTextLength + 1) + "\"}";

        AisReportJson.TryParse(Encoding.UTF8.GetBytes(json), out _, out var reason, out _).Should().BeFalse();
        reason.Should().Be(RejectReason.OutOfRange);
    }

    [Theory]
    [InlineData("\"lat\":\"30\"}")]
    [InlineData("\"sog\":true}")]
    [InlineData("\"name\":5}")]
    [InlineData("\"time\":[1]}")]
    [InlineData("\"time\":\"0001-01-01T00:00:00+14:00\"}")]
    public void TryParse_WrongJsonTypeOrUnreadableTime_Malformed(string rest)
    {
        AisReportJson.TryParse(Encoding.UTF8.GetBytes(Head + rest), out _, out var reason, out _).Should().BeFalse();
        reason.Should().Be(RejectReason.Malformed);
    }

    [Fact]
    public void Parse_AisNotAvailableCodes_ReadAsNull()
    {
        var report = AisReportJson.Parse(Encoding.UTF8.GetBytes(Head + "\"lat\":91,\"lon\":181,\"sog\":102.3,\"cog\":360,\"heading\":511}"));

        report.Latitude.Should().BeNull();
        report.Longitude.Should().BeNull();
        report.SpeedKnots.Should().BeNull();
        report.CourseDegrees.Should().BeNull();
        report.HeadingDegrees.Should().BeNull();
    }

    [Fact]
    public void Parse_TimeAsFractionalMilliseconds_Floored()
    {
        AisReportJson.Parse(Encoding.UTF8.GetBytes(Head + "\"time\":1700000000000.7}")).EventTimeMs.Should().Be(1_700_000_000_000);
    }

    [Fact]
    public void Parse_ValuesAtTheirLimits_Accepted()
    {
        var report = AisReportJson.Parse(Encoding.UTF8.GetBytes(
            "{\"type\":27,\"mmsi\":999999999,\"time\":946684800000,\"lat\":-90,\"lon\":180,\"sog\":102.2,\"cog\":359.9,\"heading\":359,\"rot\":-720,\"draught\":25.5,\"toBow\":511,\"toPort\":63}"));

        report.Should().Match<AisReport>(r => r.Mmsi == 999_999_999 && r.Latitude == -90 && r.Longitude == 180 && r.SpeedKnots == 102.2 && r.EventTimeMs == InputLimits.MinEventTimeMs);
    }
}
