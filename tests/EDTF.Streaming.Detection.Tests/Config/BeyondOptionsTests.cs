namespace EDTF.Streaming.Detection.Tests.Config;

public class BeyondOptionsTests
{
    [Fact]
    public void Defaults_FromDetectionMd()
    {
        var o = new DetectionOptions();

        (o.Transfer.DarkDarkEnabled, o.Transfer.DarkDarkMinOverlapHours, o.Transfer.DarkDarkMaxDistanceNm).Should().Be((true, 4.0, 5.0));
        (o.Transfer.OneSideDarkEnabled, o.Transfer.OneSideDarkMinHours).Should().Be((true, 2.0));
        (o.PortCall.PossibleDarkCallEnabled, o.PortCall.PossibleDarkCallNearKm, o.PortCall.PossibleDarkCallMinUnexplainedHours).Should().Be((true, 5.0, 3.0));
        o.Invoking(x => x.Validate()).Should().NotThrow();
    }

    [Theory]
    [InlineData("DarkDarkMinOverlapHours")]
    [InlineData("DarkDarkMaxDistanceNm")]
    [InlineData("OneSideDarkMinHours")]
    [InlineData("PossibleDarkCallNearKm")]
    [InlineData("PossibleDarkCallMinUnexplainedHours")]
    public void Validate_InvalidBeyondSetting_ThrowsNamingIt(string setting)
    {
        var o = new DetectionOptions();
        switch (setting)
        {
            case "DarkDarkMinOverlapHours": o.Transfer.DarkDarkMinOverlapHours = 0; break;
            case "DarkDarkMaxDistanceNm": o.Transfer.DarkDarkMaxDistanceNm = 100; break;
            case "OneSideDarkMinHours": o.Transfer.OneSideDarkMinHours = -1; break;
            case "PossibleDarkCallNearKm": o.PortCall.PossibleDarkCallNearKm = 20; break;
            default: o.PortCall.PossibleDarkCallMinUnexplainedHours = -0.5; break;
        }

        o.Invoking(x => x.Validate()).Should().Throw<ArgumentException>().WithMessage($"*{setting}*");
    }
}
