using System.Globalization;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>
/// Issue 16 on the embedded broker: a tanker heard for a day before its IMO is published to the watch-list topic is judged on that
/// day once the listing's time is reached, alerted from then on, and no more once a tombstone delists it; <c>edtf detect</c> with
/// the same changes in a file gives the same alerts.
/// </summary>
public sealed class WatchlistLiveTests : IDisposable
{
    private const int Tanker = 273_111_222;
    private const int Neighbour = 412_333_444;
    private const int Imo = 9_876_543;
    private const double Lat = 36.0;
    private const double Lon = 123.0;

    /// <summary>2024-03-01T00:00:00Z.</summary>
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The tanker's silences (hours from T0): before the listing, while listed, after the delisting.</summary>
    private static readonly (double From, double To)[] Gaps = [(4, 10), (30, 36), (42, 46)];

    private const double ListedAtHours = 26;
    private const double DelistedAtHours = 40;

    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-watchlive-").FullName;

    public void Dispose()
    {
        _broker.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_ImoPublishedAfterADay_KeptFindingAlertedAtTheListingNewAlertsUntilTheTombstoneAndDetectAgrees(bool restartWhileListed)
    {
        // restartWhileListed: the service is stopped while the tanker is listed and started again: it restores its state snapshot
        // (whose watch list is the file's) and must still hold the topic's listing.
        var name = restartWhileListed ? "watchlive-restart" : "watchlive";
        var topics = TopicSet.Create(_broker, name, 1);
        var watchlistTopic = name + ".watchlist";
        _broker.CreateTopic(watchlistTopic, 1);
        var records = Records();
        var listed = await WriteListAsync("listed.csv", $"{Imo},,KUM UN SAN 3,DPRK3,OFAC SDN,,,,OFAC-SDN:99001");
        var empty = await WriteListAsync("empty.csv");

        await ProduceAsync(topics, records.Where(r => r.Hours < 25));
        var settings = new Dictionary<string, string?> { ["Kafka:WatchlistTopic"] = watchlistTopic };
        var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics, settings);
        try
        {
            await service.WaitUntilProcessedAsync(records.Count(r => r.Hours < 25), TimeSpan.FromSeconds(60));
            TankerAlerts(topics).Should().BeEmpty("the tanker is not of interest before its IMO is listed");

            (await PublishAsync(listed, watchlistTopic, ListedAtHours)).Should().Contain("added 1, changed 0, removed 0");
            await WaitForChangesAsync(service, 1);
            await ProduceAsync(topics, records.Where(r => r.Hours is >= 25 and < 39));
            await service.WaitUntilProcessedAsync(records.Count(r => r.Hours < 39), TimeSpan.FromSeconds(60));
            await service.WaitForMetricAsync("edtf_watchlist_entries{program=\"DPRK3\",source=\"OFAC SDN\"}", 1, TimeSpan.FromSeconds(10));
            if (restartWhileListed)
            {
                await service.DisposeAsync(); // a graceful stop: a final snapshot, then the commit
                service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics, settings);
                await WaitForChangesAsync(service, 1);
                await service.WaitForMetricAsync("edtf_watchlist_entries{program=\"DPRK3\",source=\"OFAC SDN\"}", 1, TimeSpan.FromSeconds(30));
            }

            (await PublishAsync(empty, watchlistTopic, DelistedAtHours)).Should().Contain("added 0, changed 0, removed 1");
            await WaitForChangesAsync(service, 2);
            await ProduceAsync(topics, records.Where(r => r.Hours >= 39));
            await service.WaitUntilProcessedAsync(restartWhileListed ? records.Count(r => r.Hours >= 39) : records.Count, TimeSpan.FromSeconds(60));

            var live = TankerAlerts(topics).DistinctBy(Key).ToList(); // a restart may repeat an update (same id and status)
            live.Should().NotBeEmpty();
            live[0].Start.Should().Be(At(Gaps[0].From), "the dark period heard before the listing is alerted");
            live[0].DetectedAt.Should().Be(At(ListedAtHours), "when event time reaches the listing");
            live.Where(a => a.Start == At(Gaps[1].From)).Select(a => a.Status).Should().Equal(["open", "closed"], "the listed tanker is alerted from then on");
            live.Should().NotContain(a => a.Start >= At(DelistedAtHours), "the tombstone stops new alerts");
            live.Should().OnlyContain(a => a.Watchlist.Any(w => w.MatchedOn == "imo" && w.List == "DPRK3"));
            await service.WaitForMetricAsync("edtf_watchlist_changes_applied_total", 2, TimeSpan.FromSeconds(10));
            var metrics = await service.MetricsAsync();
            metrics.GetValueOrDefault("edtf_watchlist_last_change_timestamp_seconds").Should().Be(At(DelistedAtHours).ToUnixTimeSeconds());
            var entries = metrics.Where(m => m.Key.StartsWith("edtf_watchlist_entries{", StringComparison.Ordinal)).ToList();
            entries.Sum(m => m.Value).Should().Be(Watchlist.Load(TestPaths.InRepo("config/watchlist.csv")).Entries.Count, "the list file's entries remain, the delisted one is gone");
            entries.Should().NotContain(m => m.Key.Contains("program=\"DPRK3\"", StringComparison.Ordinal), "no entry of the delisted programme is left");

            var offline = await DetectAsync(records);
            offline.Select(Key).Should().Equal(live.Select(Key), "the same input and changes through edtf detect give the same alerts");
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static DateTimeOffset At(double hours) => T0.AddHours(hours);

    private static object Key(AlertUpdate a) => (a.AlertId, a.Status, a.Start, a.End, a.DetectedAt, a.Confidence);

    /// <summary>The tanker every 10 minutes over two days but in its gaps (a static report every 6 hours), and a neighbour every 5 minutes (coverage).</summary>
    private static List<(double Hours, string Key, string Value)> Records()
    {
        var reports = new List<AisReport>();
        for (var minutes = 0; minutes <= 48 * 60; minutes += 5)
        {
            var hours = minutes / 60.0;
            var time = At(hours).ToUnixTimeMilliseconds();
            reports.Add(Position(Neighbour, time, Lat + 0.3, Lon + 0.3));
            if (minutes % 10 == 0 && !Gaps.Any(g => hours > g.From && hours < g.To))
            {
                reports.Add(Position(Tanker, time, Lat, Lon + (hours * 0.01)));
            }

            if (minutes % 360 == 0)
            {
                reports.Add(new AisReport
                {
                    MessageType = 5, Mmsi = Tanker, EventTimeMs = time + 1000, Imo = Imo, Name = "KUM UN SAN 3", Callsign = "HOBB", ShipType = 80,
                    DraughtMeters = 9.5, Destination = "NAMPO",
                });
            }
        }

        var sequence = 0;
        return [.. reports.Select(r =>
        {
            var payload = r.MessageType == 5 ? AisEncoder.EncodeStaticAndVoyage(r) : AisEncoder.EncodePosition(r);
            var tag = AisEncoder.TagBlock(r.EventTimeMs!.Value / 1000, "wl");
            var lines = AisEncoder.ToSentences(payload, 'A', sequence++ % 10).Select(s => tag + s);
            return ((r.EventTimeMs.Value - T0.ToUnixTimeMilliseconds()) / 3_600_000.0, r.Mmsi.ToString(CultureInfo.InvariantCulture), string.Join("\n", lines));
        })];
    }

    private static AisReport Position(int mmsi, long timeMs, double lat, double lon) => new()
    {
        MessageType = 1, Mmsi = mmsi, EventTimeMs = timeMs, Latitude = lat, Longitude = lon, SpeedKnots = 10, CourseDegrees = 90,
    };

    private async Task<string> WriteListAsync(string name, params string[] rows)
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllLinesAsync(path, ["imo,mmsi,name,program,source,aliases,flag,designation_date,entry_id", .. rows]);
        return path;
    }

    private async Task ProduceAsync(TopicSet topics, IEnumerable<(double Hours, string Key, string Value)> records) =>
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"],
            ScenarioData.KcatInput(records.Select(r => new ScenarioRecord(r.Key, r.Value)), keyed: true));

    private async Task<string> PublishAsync(string list, string topic, double effectiveHours)
    {
        var result = await Cli.RunAsync("watchlist", "publish", "--input", list, "--bootstrap-servers", _broker.BootstrapServers, "--topic", topic,
            "--effective", At(effectiveHours).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        result.ExitCode.Should().Be(0, result.Error);
        return result.Error;
    }

    private static async Task WaitForChangesAsync(ServiceUnderTest service, long count)
    {
        var (_, done) = await Eventually.PollAsync(() => Task.FromResult(service.Service.WatchlistChangesReceived), n => n >= count, TimeSpan.FromSeconds(30));
        done.Should().BeTrue($"the service reads change {count} from the watch-list topic");
    }

    private List<AlertUpdate> TankerAlerts(TopicSet topics) =>
        [.. TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, 1).Select(r => AlertJson.Deserialize(r.Message.Value)).Where(a => a.Vessel.Mmsi == Tanker)];

    /// <summary>The same records through <c>edtf detect</c>, with the listing and the delisting in a changes file; the tanker's alerts.</summary>
    private async Task<List<AlertUpdate>> DetectAsync(List<(double Hours, string Key, string Value)> records)
    {
        var input = Path.Combine(_dir, "ais.nmea");
        await File.WriteAllLinesAsync(input, records.Select(r => r.Value));
        var changes = Path.Combine(_dir, "changes.jsonl");
        await File.WriteAllLinesAsync(changes,
        [
            $$$"""{"time": "{{{At(ListedAtHours):O}}}", "op": "add", "entry": {"entryId": "OFAC-SDN:99001", "imo": {{{Imo}}}, "name": "KUM UN SAN 3", "program": "DPRK3", "source": "OFAC SDN"}}""",
            $$$"""{"time": "{{{At(DelistedAtHours):O}}}", "op": "remove", "entry": {"entryId": "OFAC-SDN:99001"}}""",
        ]);
        var output = Path.Combine(_dir, "alerts.jsonl");
        var result = await Cli.RunAsync("detect", "--input", input, "--watchlist-changes", changes, "--output", output, "--quiet");
        result.ExitCode.Should().Be(0, result.Error);
        return [.. File.ReadAllLines(output).Select(l => AlertJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(l))).Where(a => a.Vessel.Mmsi == Tanker)];
    }
}
