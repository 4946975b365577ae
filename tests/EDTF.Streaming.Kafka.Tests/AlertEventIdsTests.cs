using System.Text.Json.Nodes;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Kafka.Tests;

public sealed class AlertEventIdsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_SameUpdateBuiltTwice_SameId()
    {
        AlertEventIds.Of(Transfer("medium")).Should().Be(AlertEventIds.Of(Transfer("medium")), "a repeat after a restart must be recognised");
    }

    [Fact]
    public void Of_TwoOpenUpdatesWithDifferentConfidence_DifferentIds()
    {
        AlertEventIds.Of(Transfer("medium")).Should().NotBe(AlertEventIds.Of(Transfer("high")), "each update has its own id");
    }

    [Fact]
    public void Of_OpenUpdateWhoseStartMoved_DifferentId()
    {
        AlertEventIds.Of(Transfer("medium") with { Start = T0.AddMinutes(20) }).Should().NotBe(AlertEventIds.Of(Transfer("medium")));
    }

    [Fact]
    public void Of_UpdatesDifferingOnlyInFiguresAndDetectionTime_SameId()
    {
        var later = Transfer("medium") with { DetectedAt = T0.AddHours(2), Evidence = new JsonObject { ["durationHours"] = 1.9 } };

        AlertEventIds.Of(later).Should().Be(AlertEventIds.Of(Transfer("medium")), "figures alone never make a new update (docs/alerts.md, Lifecycle)");
    }

    [Fact]
    public void Of_AnyUpdate_StartsWithAlertIdAndStatus()
    {
        AlertEventIds.Of(Transfer("high") with { Status = "closed", End = T0.AddHours(3) })
            .Should().MatchRegex("^sts-0123456789abcdef/closed/[0-9a-f]{12}$");
    }

    [Fact]
    public void Of_ExampleOfTheContract_IdAsDocumented()
    {
        var closed = new AlertUpdate
        {
            AlertId = "dark-def05ac253413a23",
            Type = "DarkPeriod",
            Status = "closed",
            Vessel = new AlertVessel(341424669, 7303803, "AN SAN 1", "V43639", 80, "KN"),
            Watchlist = [],
            Start = DateTimeOffset.Parse("2026-03-01T02:29:56Z", System.Globalization.CultureInfo.InvariantCulture),
            End = DateTimeOffset.Parse("2026-03-01T05:30:46Z", System.Globalization.CultureInfo.InvariantCulture),
            Position = new AlertPosition(41.199848, 133.800032),
            Confidence = "low",
            Evidence = [],
            DetectedAt = DateTimeOffset.Parse("2026-03-01T05:30:46Z", System.Globalization.CultureInfo.InvariantCulture),
        };

        AlertEventIds.Of(closed).Should().Be("dark-def05ac253413a23/closed/38fcb0481f86", "docs/alerts.md gives the recipe and this example");
    }

    [Theory]
    [InlineData("""{"alertId":"dark-1","type":"DarkPeriod","status":"open","start":"not a time","vessel":{"mmsi":1}}""")]
    [InlineData("""{"alertId":"dark-1","type":"DarkPeriod","status":"open","start":null,"vessel":{"mmsi":1}}""")]
    [InlineData("""{"alertId":"dark-1","type":"DarkPeriod","status":"open","start":"2026-03-01T00:00:00Z","end":12,"vessel":{"mmsi":1}}""")]
    public void OfRecord_OlderHeaderAndABodyThatCannotBeRead_NullNotAnException(string body)
    {
        // Read at start from the alerts topic: one bad record there must not stop the service from starting.
        AlertEventIds.OfRecord("dark-1/open", System.Text.Encoding.UTF8.GetBytes(body)).Should().BeNull();
    }

    [Fact]
    public void OfRecord_CurrentHeader_TakesTheHeader()
    {
        AlertEventIds.OfRecord("sts-0123456789abcdef/open/00112233aabb", "not json"u8).Should().Be("sts-0123456789abcdef/open/00112233aabb");
    }

    [Fact]
    public void OfRecord_HeaderOfOlderVersion_ComputesTheIdFromTheBody()
    {
        var alert = Transfer("high");

        AlertEventIds.OfRecord("sts-0123456789abcdef/open", AlertJson.SerializeToUtf8Bytes(alert)).Should().Be(AlertEventIds.Of(alert),
            "records written before the id covered the content are recognised by their body");
    }

    [Fact]
    public void OfRecord_NoHeaderAndBodyNotAnAlert_Null()
    {
        AlertEventIds.OfRecord(null, "{\"x\":1}"u8).Should().BeNull();
    }

    private static AlertUpdate Transfer(string confidence) => new()
    {
        AlertId = "sts-0123456789abcdef",
        Type = "ShipToShipTransfer",
        Status = "open",
        Vessel = new AlertVessel(445123456, null, null, null, 80, "KP"),
        Counterpart = new AlertVessel(273111222, null, null, null, 80, "RU"),
        Watchlist = [],
        Start = T0,
        Position = new AlertPosition(41, 132.4),
        Confidence = confidence,
        Evidence = new JsonObject { ["durationHours"] = 0.5 },
        DetectedAt = T0.AddMinutes(30),
    };
}
