using System.Text;
using System.Text.Json;
using EDTF.Streaming.Cli.Alerts;
using Microsoft.Extensions.Time.Testing;

namespace EDTF.Streaming.Cli.Tests.Alerts;

public class AlertsViewTests
{
    private static string Body(string id, string type, string status, string start, string? end, string extra = "\"counterpart\":null,\"port\":null") =>
        $$"""
        {"alertId":"{{id}}","type":"{{type}}","status":"{{status}}",
         "vessel":{"mmsi":445123000,"imo":8660313,"name":"CHON MA SAN","callsign":"HMKE","shipType":80,"flag":"KP"},
         {{extra}},"watchlist":[{"mmsi":445123000,"list":"OFAC","matchedOn":"imo","entry":"CHON MA SAN"}],
         "start":"{{start}}","end":{{(end is null ? "null" : "\"" + end + "\"")}},"position":{"lat":38.9,"lon":125.1},
         "confidence":"high","evidence":{"gapHours":6},"detectedAt":"2023-01-01T08:00:00Z","source":{"file":"a.nmea","line":3} }
        """;

    [Fact]
    public void TryParse_PortCall_ReadsContractFields()
    {
        using var doc = JsonDocument.Parse(Body("p1", "PortCall", "closed", "2023-01-01T00:00:00Z", "2023-01-02T06:30:00Z",
            "\"counterpart\":null,\"port\":{\"name\":\"Vladivostok\",\"country\":\"RU\",\"locode\":\"RUVVO\"}"));

        AlertRow.TryParse(doc.RootElement, out var row, out _).Should().BeTrue();

        row!.Type.Should().Be("PortCall");
        row.Vessel.Should().Be("CHON MA SAN");
        row.Mmsi.Should().Be(445123000);
        row.Imo.Should().Be(8660313);
        row.Other.Should().Be("Vladivostok, RU");
        row.Duration.Should().Be(TimeSpan.FromHours(30.5));
        AlertTable.FormatDuration(row.Duration).Should().Be("1d06h");
    }

    [Fact]
    public void TryParse_Transfer_ShowsCounterpartAndOpenDurationToDetectedAt()
    {
        using var doc = JsonDocument.Parse(Body("t1", "ShipToShipTransfer", "open", "2023-01-01T05:00:00Z", null,
            "\"counterpart\":{\"mmsi\":412000001,\"name\":\"YU ZHENG\"},\"port\":null"));

        AlertRow.TryParse(doc.RootElement, out var row, out _).Should().BeTrue();

        row!.Other.Should().Be("YU ZHENG / 412000001");
        row.Duration.Should().Be(TimeSpan.FromHours(3));
    }

    [Fact]
    public void TryParse_DarkDarkTransfer_ShowsPatternBeforeCounterpart()
    {
        using var doc = JsonDocument.Parse(Body("t2", "ShipToShipTransfer", "open", "2023-01-01T05:00:00Z", null,
            "\"counterpart\":{\"mmsi\":412000001,\"name\":\"YU ZHENG\"},\"port\":null").Replace("{\"gapHours\":6}", "{\"pattern\":\"darkDark\"}", StringComparison.Ordinal));

        AlertRow.TryParse(doc.RootElement, out var row, out _).Should().BeTrue();

        row!.Type.Should().Be("ShipToShipTransfer");
        row.Other.Should().Be("[darkDark] YU ZHENG / 412000001");
    }

    [Fact]
    public void TryParse_MissingRequiredField_FailsWithReason()
    {
        using var doc = JsonDocument.Parse("{\"alertId\":\"x\",\"type\":\"DarkPeriod\"}");

        AlertRow.TryParse(doc.RootElement, out _, out var error).Should().BeFalse();
        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Add_OpenThenClosed_UpsertsOneRow()
    {
        var output = new StringWriter();
        var view = new AlertsView(output, json: false, follow: false, terminal: false, type: null, () => 40);

        view.Add(Bytes(Body("d1", "DarkPeriod", "open", "2023-01-01T01:00:00Z", null)));
        view.Add(Bytes(Body("d1", "DarkPeriod", "closed", "2023-01-01T01:00:00Z", "2023-01-01T07:15:00Z")));
        view.Add(Bytes(Body("d2", "DarkPeriod", "open", "2023-01-01T00:30:00Z", null)));
        view.Complete();

        var lines = output.ToString().TrimEnd().Split('\n');
        lines.Should().HaveCount(4);
        lines[0].Should().StartWith("START (UTC)");
        lines[1].Should().Contain("2023-01-01 00:30").And.Contain("open");
        lines[2].Should().Contain("2023-01-01 01:00").And.Contain("closed").And.Contain("6h15m").And.Contain("CHON MA SAN");
        lines[3].Should().Be("2 alerts, 1 open.");
    }

    [Fact]
    public void Add_JsonWithTypeFilter_PrintsOnlyMatchingBodiesCompact()
    {
        var output = new StringWriter();
        var view = new AlertsView(output, json: true, follow: false, terminal: false, type: "darkperiod", () => 40);

        view.Add(Bytes(Body("d1", "DarkPeriod", "open", "2023-01-01T01:00:00Z", null)));
        view.Add(Bytes(Body("p1", "PortCall", "open", "2023-01-01T01:00:00Z", null, "\"counterpart\":null,\"port\":{\"name\":\"Rajin\",\"country\":\"KP\"}")));
        view.Complete();

        var lines = output.ToString().TrimEnd().Split('\n');
        var line = lines.Should().ContainSingle().Subject;
        line.Should().NotContain("\n").And.StartWith("{\"alertId\":\"d1\"");
        using var doc = JsonDocument.Parse(line);
        doc.RootElement.GetProperty("vessel").GetProperty("imo").GetInt32().Should().Be(8660313);
    }

    [Fact]
    public void Add_FollowIntoPipe_PrintsALinePerChange()
    {
        var output = new StringWriter();
        var view = new AlertsView(output, json: false, follow: true, terminal: false, type: null, () => 40);

        view.Add(Bytes(Body("d1", "DarkPeriod", "open", "2023-01-01T01:00:00Z", null)));
        view.Add(Bytes(Body("d1", "DarkPeriod", "open", "2023-01-01T01:00:00Z", null)));
        view.Add(Bytes(Body("d1", "DarkPeriod", "closed", "2023-01-01T01:00:00Z", "2023-01-01T03:00:00Z")));
        view.Complete();

        var lines = output.ToString().TrimEnd().Split('\n');
        lines.Should().HaveCount(3, "a header, the open and the closed update; the repeat changes nothing");
        lines[2].Should().Contain("closed").And.Contain("2h00m");
    }

    [Fact]
    public void Add_NotJson_IsCountedAndReported()
    {
        var view = new AlertsView(new StringWriter(), json: false, follow: false, terminal: false, type: null, () => 40);

        view.Add("!AIVDM"u8).Should().StartWith("not JSON");
        view.Unreadable.Should().Be(1);
    }

    [Fact]
    public void Tick_LiveTableChangedWithinTheRedrawInterval_RedrawsOnlyOnceTheIntervalPassed()
    {
        var clock = new FakeTimeProvider();
        var output = new StringWriter();
        var view = new AlertsView(output, json: false, follow: true, terminal: true, type: null, () => 40, clock);
        view.Add(Bytes(Body("d1", "DarkPeriod", "open", "2023-01-01T01:00:00Z", null)));
        view.Tick();
        Redraws(output).Should().Be(1);

        view.Add(Bytes(Body("d1", "DarkPeriod", "closed", "2023-01-01T01:00:00Z", "2023-01-01T03:00:00Z")));
        clock.Advance(TimeSpan.FromMilliseconds(249));
        view.Tick();
        Redraws(output).Should().Be(1, "at most four redraws a second");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        view.Tick();
        Redraws(output).Should().Be(2);
        output.ToString().Should().EndWith("1 alerts, 0 open. Following; Ctrl-C to stop." + Environment.NewLine);
    }

    [Fact]
    public void Tick_LiveTableUnchanged_DoesNotRedrawHoweverLongItWaits()
    {
        var clock = new FakeTimeProvider();
        var output = new StringWriter();
        var view = new AlertsView(output, json: false, follow: true, terminal: true, type: null, () => 40, clock);
        view.Tick();

        clock.Advance(TimeSpan.FromMinutes(5));
        view.Tick();

        Redraws(output).Should().Be(1);
    }

    private static int Redraws(StringWriter output) => output.ToString().Split("\u001b[H\u001b[2J").Length - 1;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings(" "));
}
