using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EDTF.Streaming.Cli.Tests.WebConsole;

/// <summary><c>/api/alerts</c> and <c>/api/alerts/{alertId}</c> against the alert topic as kcat reads it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleApiTests(ConsoleScenario scenario)
{
    [Fact]
    public async Task ApiAlerts_ServiceAlertsOnTopic_EqualNewestUpdatePerAlertIdReadWithKcat()
    {
        var expected = await NewestPerAlertIdAsync();
        expected.Should().HaveCountGreaterThan(3, "the demo scenario gives several alerts");

        var (api, equal) = await EventuallyApiEquals(expected);

        equal.Should().BeTrue("the console serves exactly the newest update of every alert on the topic; it served {0} of {1}", api.Count, expected.Count);
        api.Select(a => a["detectedAt"]!.GetValue<string>()).Should().BeInDescendingOrder(StringComparer.Ordinal, "the list is newest first");
    }

    [Fact]
    public async Task ApiAlertsById_AlertWithSeveralUpdates_GivesNewestAndHistoryInTopicOrder()
    {
        var bodies = await scenario.TopicBodiesAsync();
        var updated = bodies.GroupBy(b => b.GetProperty("alertId").GetString()!).First(g => g.Count() > 1);

        var response = JsonNode.Parse(await scenario.Console.Http.GetStringAsync("/api/alerts/" + updated.Key))!;

        JsonNode.DeepEquals(response["alert"], JsonNode.Parse(updated.Last().GetRawText())).Should().BeTrue("the newest update is the last on the topic");
        response["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>())
            .Should().Equal(updated.Select(b => b.GetProperty("status").GetString()), "every distinct update, oldest first");
        response["geojson"]!["features"]!.AsArray().Should().Contain(f => (string?)f!["properties"]!["role"] == "position");
    }

    [Fact]
    public async Task ApiAlerts_TypeAndStatusFilters_KeepOnlyMatchingAlerts()
    {
        var expected = await NewestPerAlertIdAsync();
        var darkClosed = expected.Where(a => (string?)a["type"] == "DarkPeriod" && (string?)a["status"] == "closed").ToList();
        darkClosed.Should().NotBeEmpty("the demo scenario has closed dark periods");

        var filtered = JsonNode.Parse(await scenario.Console.Http.GetStringAsync("/api/alerts?type=DarkPeriod&status=closed"))!.AsArray();

        filtered.Select(a => (string?)a!["alertId"]).Should().BeEquivalentTo(darkClosed.Select(a => (string?)a["alertId"]));
    }

    [Fact]
    public async Task ApiAlerts_TimeThatIsNotRfc3339_Answers400()
    {
        var response = await scenario.Console.Http.GetAsync("/api/alerts?from=yesterday");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ApiAlertsById_UnknownId_Answers404()
    {
        var response = await scenario.Console.Http.GetAsync("/api/alerts/dark-0000000000000000");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ApiLedger_AlertsOnTopic_EqualEdtfLedgerJsonOfTheTopic()
    {
        var bodies = await scenario.TopicBodiesAsync();
        var dir = Directory.CreateTempSubdirectory("edtf-console-ledger-").FullName;
        var file = Path.Combine(dir, "alerts.jsonl");
        await File.WriteAllLinesAsync(file, bodies.Select(b => b.GetRawText()));
        var cli = await Cli.RunAsync("ledger", "--alerts", file, "--json", "--output", Path.Combine(dir, "ledger.json"));
        cli.ExitCode.Should().Be(0, cli.Error);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "ledger.json")))!;
        Directory.Delete(dir, recursive: true);

        var (api, equal) = await EDTF.Streaming.Tests.Eventually.PollAsync(
            async () => JsonNode.Parse(await scenario.Console.Http.GetStringAsync("/api/ledger"))!,
            api => JsonNode.DeepEquals(api, expected),
            TimeSpan.FromSeconds(20));

        equal.Should().BeTrue("the console's ledger is edtf ledger's over the same alerts: {0} vs {1}", api.ToJsonString(), expected.ToJsonString());
        api["years"].Should().NotBeNull();
    }

    [Fact]
    public async Task ApiWatchlist_EntryPublishedToTheTopic_ShownWithTheTimeTheListChanged()
    {
        var before = JsonNode.Parse(await scenario.Console.Http.GetStringAsync("/api/watchlist"))!;
        var dir = Directory.CreateTempSubdirectory("edtf-console-watchlist-").FullName;
        var list = Path.Combine(dir, "list.csv");
        await File.WriteAllLinesAsync(list, ["imo,mmsi,name,program,source,aliases,flag,designation_date,entry_id", "9074729,,CONSOLE TEST TANKER,DPRK4,OFAC SDN,,,,OFAC-SDN:97001"]);
        var published = await Cli.RunAsync("watchlist", "publish", "--input", list, "--bootstrap-servers", scenario.Bootstrap, "--effective", "2024-05-01T00:00:00Z");
        published.ExitCode.Should().Be(0, published.Error);
        Directory.Delete(dir, recursive: true);

        var (after, shown) = await EDTF.Streaming.Tests.Eventually.PollAsync(
            async () => JsonNode.Parse(await scenario.Console.Http.GetStringAsync("/api/watchlist"))!,
            w => (int)w["entries"]! == (int)before["entries"]! + 1,
            TimeSpan.FromSeconds(20));

        shown.Should().BeTrue("the console applies the topic's changes to the list it shows: {0}", after.ToJsonString());
        ((int)after["programmes"]!["DPRK4"]!).Should().Be(1);
        ((string?)after["lastChange"]).Should().Be("2024-05-01T00:00:00Z", "the effective time of the last change");
        after["list"]!.AsArray().Should().Contain(e => (int?)e!["imo"] == 9074729);
    }

    private async Task<List<JsonNode>> NewestPerAlertIdAsync() =>
        [.. (await scenario.TopicBodiesAsync())
            .GroupBy(b => b.GetProperty("alertId").GetString())
            .Select(g => JsonNode.Parse(g.Last().GetRawText())!)];

    private async Task<(List<JsonNode> Api, bool Equal)> EventuallyApiEquals(List<JsonNode> expected) =>
        await EDTF.Streaming.Tests.Eventually.PollAsync(
            async () => JsonNode.Parse(await scenario.Console.Http.GetStringAsync("/api/alerts"))!.AsArray().Select(n => n!).ToList(),
            api => api.Count == expected.Count && expected.All(e => api.Count(a => JsonNode.DeepEquals(a, e)) == 1),
            TimeSpan.FromSeconds(20));
}

/// <summary>The console tests share one scenario run (service and console), and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleScenario>
{
    public const string Name = "console";
}
