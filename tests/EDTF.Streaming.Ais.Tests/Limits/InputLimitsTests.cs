namespace EDTF.Streaming.Ais.Tests.Limits;

public class InputLimitsTests
{
    [Theory]
    [InlineData(946_684_800_000L, true)]
    [InlineData(946_684_799_999L, false)]
    [InlineData(4_102_444_799_999L, true)]
    [InlineData(4_102_444_800_000L, false)]
    [InlineData(-7_200_000L, false)]
    [InlineData(long.MinValue, false)]
    [InlineData(long.MaxValue, false)]
    public void IsEventTime_Milliseconds_TrueOnlyFrom2000To2100(long ms, bool expected)
    {
        InputLimits.IsEventTime(ms).Should().Be(expected);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(9e15)]
    [InlineData(1e300)]
    [InlineData(-7_200_000d)]
    public void IsEventTime_NonFiniteOrHugeNumber_False(double ms)
    {
        InputLimits.IsEventTime(ms).Should().BeFalse();
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(21474836.465)]
    [InlineData(-90.000001)]
    public void IsLatitude_OffTheEarth_False(double degrees)
    {
        InputLimits.IsLatitude(degrees).Should().BeFalse();
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(180.5)]
    public void IsLongitude_OffTheEarth_False(double degrees)
    {
        InputLimits.IsLongitude(degrees).Should().BeFalse();
    }

    [Fact]
    public void IsMmsi_TenDigits_False()
    {
        InputLimits.IsMmsi(1_000_000_000).Should().BeFalse();
    }

    [Fact]
    public void ToLabel_NewReasons_AreSnakeCase()
    {
        RejectReasons.ToLabel(RejectReason.ImplausibleTime).Should().Be("implausible_time");
        RejectReasons.ToLabel(RejectReason.OutOfRange).Should().Be("out_of_range");
    }
}
