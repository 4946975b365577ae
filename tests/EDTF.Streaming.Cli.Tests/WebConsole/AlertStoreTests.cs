using System.Text;
using System.Text.Json.Nodes;
using EDTF.Streaming.Tests;
using EDTF.Streaming.WebConsole.Alerts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EDTF.Streaming.Cli.Tests.WebConsole;

public sealed class AlertStoreTests
{
    [Fact]
    public void Add_SecondUpdateOfAnAlert_IsTheNewestAndBothAreInTheHistory()
    {
        var store = new AlertStore();

        store.Add(Some.Update("dark-1", "open", "2026-03-01T03:00:00Z"));
        store.Add(Some.Update("dark-1", "closed", "2026-03-01T05:00:00Z"));

        var alert = store.Find("dark-1")!;
        alert.Latest.Status.Should().Be("closed");
        alert.History.Select(h => h.Status).Should().Equal("open", "closed");
        store.Latest(AlertFilter.None).Should().ContainSingle();
    }

    [Fact]
    public void Add_SameUpdateAgain_IsKeptOnce()
    {
        var store = new AlertStore();
        store.Add(Some.Update("dark-1", "open", "2026-03-01T03:00:00Z")).Should().BeTrue();

        store.Add(Some.Update("dark-1", "open", "2026-03-01T03:00:00Z")).Should().BeFalse("an at-least-once repeat");

        store.Find("dark-1")!.History.Should().ContainSingle();
        store.Updates.Should().Be(1);
    }

    [Fact]
    public void Add_MoreUpdatesThanTheLimit_KeepsTheNewest()
    {
        var store = new AlertStore();
        for (var i = 0; i < AlertStore.HistoryLimit + 5; i++)
        {
            store.Add(Some.Update("dark-1", "open", "2026-03-01T03:00:00Z", gapHours: i));
        }

        var history = store.Find("dark-1")!.History;
        history.Should().HaveCount(AlertStore.HistoryLimit);
        history[^1].Body.GetProperty("evidence").GetProperty("gapHours").GetInt32().Should().Be(AlertStore.HistoryLimit + 4);
    }

    [Fact]
    public void Latest_SeveralAlerts_NewestUpdateFirst()
    {
        var store = new AlertStore();
        store.Add(Some.Update("dark-1", "open", "2026-03-01T03:00:00Z"));
        store.Add(Some.Update("dark-2", "open", "2026-03-01T05:00:00Z"));
        store.Add(Some.Update("dark-3", "open", "2026-03-01T04:00:00Z"));

        store.Latest(AlertFilter.None).Select(a => a.AlertId).Should().Equal("dark-2", "dark-3", "dark-1");
    }

    [Fact]
    public async Task Subscribe_UpdateTakenIn_ReachesTheSubscriber()
    {
        var store = new AlertStore();
        using var subscription = store.Subscribe();

        store.Add(Some.Update("dark-1", "open", "2026-03-01T03:00:00Z"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        (await subscription.Reader.ReadAsync(timeout.Token)).AlertId.Should().Be("dark-1");
    }

    [Theory]
    [InlineData("type=PortCall", new[] { "port-1" })]
    [InlineData("type=PortCall,DarkPeriod", new[] { "dark-1", "port-1" })]
    [InlineData("status=closed", new[] { "port-1" })]
    [InlineData("confidence=high", new[] { "port-1" })]
    [InlineData("programme=UN-1718", new[] { "port-1" })]
    [InlineData("from=2026-03-01T04:30:00Z", new[] { "dark-1" })]
    [InlineData("to=2026-03-01T01:00:00Z", new string[0])]
    public void FromQuery_Filter_KeepsTheMatchingAlerts(string query, string[] expected)
    {
        var store = new AlertStore();
        store.Add(Some.Update("dark-1", "open", "2026-03-01T05:00:00Z"));
        store.Add(Some.Update("port-1", "closed", "2026-03-01T04:00:00Z", type: "PortCall", confidence: "high", programme: "UN-1718"));

        var filter = AlertFilter.FromQuery(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));

        store.Latest(filter).Select(a => a.AlertId).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void TryParse_BodyWithoutAlertId_IsRefusedWithAReason()
    {
        AlertView.TryParse("""{"type":"DarkPeriod","status":"open","start":"2026-03-01T03:00:00Z"}"""u8, out var view, out var error).Should().BeFalse();

        view.Should().BeNull();
        error.Should().Contain("alertId");
    }

    [Fact]
    public void GeoJson_DarkPeriodWithTrack_HasPositionGapAndTrackLine()
    {
        var body = JsonNode.Parse(Encoding.UTF8.GetString(Some.Body("dark-1", "closed", "2026-03-01T05:00:00Z")))!.AsObject();
        body["evidence"]!["endPosition"] = new JsonObject { ["lat"] = 41.2, ["lon"] = 134.3 };
        body["tracks"] = JsonNode.Parse("""[{"mmsi":341424669,"points":[{"time":"2026-03-01T02:00:00Z","lat":41.1,"lon":133.6},{"time":"2026-03-01T02:29:56Z","lat":41.2,"lon":133.8},{"time":"2026-03-01T05:00:00Z","lat":41.2,"lon":134.3}]}]""");
        AlertView.TryParse(Encoding.UTF8.GetBytes(body.ToJsonString()), out var view, out _).Should().BeTrue();

        var features = AlertGeoJson.Build(view!, AreaFile.Load(TestPaths.InRepo("config/ports.geojson")))["features"]!.AsArray();

        features.Select(f => (string?)f!["properties"]!["role"]).Should().Equal("position", "endPosition", "gap", "track");
        features[3]!["geometry"]!["type"]!.GetValue<string>().Should().Be("LineString");
        features[3]!["geometry"]!["coordinates"]!.AsArray().Should().HaveCount(3);
    }

    [Fact]
    public void GeoJson_PortCall_IncludesThePortArea()
    {
        var body = JsonNode.Parse(Encoding.UTF8.GetString(Some.Body("port-1", "closed", "2026-03-01T05:00:00Z", type: "PortCall")))!.AsObject();
        body["port"] = new JsonObject { ["name"] = "Vostochny", ["country"] = "RU", ["locode"] = "RUVYP" };
        AlertView.TryParse(Encoding.UTF8.GetBytes(body.ToJsonString()), out var view, out _).Should().BeTrue();

        var features = AlertGeoJson.Build(view!, AreaFile.Load(TestPaths.InRepo("config/ports.geojson")))["features"]!.AsArray();

        features.Should().Contain(f => (string?)f!["properties"]!["role"] == "port" && (string?)f!["properties"]!["name"] == "Vostochny");
    }

    private static class Some
    {
        public static AlertView Update(string id, string status, string detectedAt, string type = "DarkPeriod", string confidence = "low", string programme = "US-DPRK-ADVISORY-2019", int gapHours = 3)
        {
            AlertView.TryParse(Body(id, status, detectedAt, type, confidence, programme, gapHours), out var view, out var error).Should().BeTrue(error);
            return view!;
        }

        public static byte[] Body(string id, string status, string detectedAt, string type = "DarkPeriod", string confidence = "low", string programme = "US-DPRK-ADVISORY-2019", int gapHours = 3) =>
            Encoding.UTF8.GetBytes($$"""{"alertId":"{{id}}","type":"{{type}}","status":"{{status}}","vessel":{"mmsi":341424669,"imo":null,"name":"AN SAN 1","callsign":null,"shipType":80,"flag":"KN"},"counterpart":null,"watchlist":[{"mmsi":341424669,"list":"{{programme}}","matchedOn":"imo","entry":null}],"start":"2026-03-01T02:29:56Z","end":{{(status == "closed" ? "\"2026-03-01T04:00:00Z\"" : "null")}},"position":{"lat":41.2,"lon":133.8},"port":null,"confidence":"{{confidence}}","evidence":{"gapHours":{{gapHours}}},"detectedAt":"{{detectedAt}}","source":null}""");
    }
}
