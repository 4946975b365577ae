using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Cargo;

namespace EDTF.Streaming.Detection.Tests.Cargo;

public class LedgerTests
{
    private static readonly AlertPort Nampo = new("Nampo", "KP", "KPNAM");
    private static readonly AlertPort Vostochny = new("Vostochny", "RU", "RUVYP");

    private static Ledger NewLedger() => new(new LedgerOptions(), ["KP"]);

    private static JsonObject Oil(string direction, double tonnes, double barrels, string product = "refined", int? from = null, int? to = null) => new()
    {
        ["direction"] = direction,
        ["commodity"] = "oil",
        ["tonnes"] = tonnes,
        ["low"] = tonnes * 0.9,
        ["high"] = tonnes * 1.1,
        ["barrels"] = barrels,
        ["barrelsLow"] = barrels * 0.9,
        ["barrelsHigh"] = barrels * 1.1,
        ["oilProduct"] = product,
        ["from"] = from,
        ["to"] = to,
    };

    private static JsonObject Coal(string direction, double tonnes) => new()
    {
        ["direction"] = direction,
        ["commodity"] = "coal",
        ["tonnes"] = tonnes,
        ["low"] = tonnes - 1000,
        ["high"] = tonnes + 1000,
        ["barrels"] = null,
    };

    private static AlertUpdate Alert(string id, string type, string end, JsonObject? cargo, AlertPort? port = null, string status = "closed",
        int mmsi = 341_000_001, int? counterpart = null, IReadOnlyList<WatchlistHit>? watchlist = null, string? detectedAt = null)
    {
        var evidence = new JsonObject();
        if (cargo is not null)
        {
            evidence["cargo"] = cargo;
        }

        var endTime = DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture);
        return new AlertUpdate
        {
            AlertId = id,
            Type = type,
            Status = status,
            Vessel = new AlertVessel(mmsi, null, "A", null, 80, null),
            Counterpart = counterpart is { } c ? new AlertVessel(c, null, "B", null, 80, null) : null,
            Watchlist = watchlist ?? [],
            Start = endTime.AddHours(-10),
            End = status == "closed" ? endTime : null,
            Position = new AlertPosition(38.7, 125.4),
            Port = port,
            Confidence = "high",
            Evidence = evidence,
            DetectedAt = detectedAt is null ? endTime : DateTimeOffset.Parse(detectedAt, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    [Fact]
    public void Years_DeliveriesAcrossNewYear_SplitByTheYearOfTheEnd()
    {
        var ledger = NewLedger();
        ledger.Add(Alert("pc-a", "PortCall", "2025-12-31T23:00:00Z", Oil("unloaded", 10_000, 75_000), Nampo));
        ledger.Add(Alert("pc-b", "PortCall", "2026-01-01T01:00:00Z", Oil("unloaded", 20_000, 150_000), Nampo));
        ledger.Add(Alert("pc-c", "PortCall", "2026-06-01T00:00:00Z", Oil("unloaded", 4_000, 30_000), Nampo));

        var years = ledger.Years();

        years.Select(y => y.Year).Should().Equal(2025, 2026);
        years[0].RefinedBarrels.Should().Be(new LedgerFigure(75_000, 67_500, 82_500));
        years[0].AlertIds.Should().Equal("pc-a");
        years[1].RefinedBarrels.Estimate.Should().Be(180_000);
        years[1].RefinedCapShare.Should().Be(0.36, "180,000 of the 500,000-barrel cap");
        years[1].AlertIds.Should().Equal("pc-b", "pc-c");
    }

    [Fact]
    public void Add_SeveralUpdatesOfOneAlert_OnlyTheNewestCounts()
    {
        var ledger = NewLedger();
        ledger.Add(Alert("pc-a", "PortCall", "2026-03-01T10:00:00Z", null, Nampo, status: "open", detectedAt: "2026-03-01T01:00:00Z"));
        ledger.Add(Alert("pc-a", "PortCall", "2026-03-01T10:00:00Z", Oil("unloaded", 10_000, 75_000), Nampo, detectedAt: "2026-03-01T10:00:00Z"));
        var stale = ledger.Add(Alert("pc-a", "PortCall", "2026-03-01T10:00:00Z", null, Nampo, status: "open", detectedAt: "2026-03-01T01:00:00Z"));
        ledger.Add(Alert("pc-a", "PortCall", "2026-03-01T10:00:00Z", Oil("unloaded", 12_000, 90_000), Nampo, detectedAt: "2026-03-01T12:00:00Z"));

        stale.Should().BeFalse("an open update older than the closing one held is ignored");
        ledger.Years().Single().RefinedBarrels.Estimate.Should().Be(90_000, "the newest update replaces the earlier closing, it is not added to it");
        ledger.AlertsHeld.Should().Be(1);
    }

    [Fact]
    public void Add_NewerUpdateWithoutCargo_TakesTheAlertOut()
    {
        var ledger = NewLedger();
        ledger.Add(Alert("pc-a", "PortCall", "2026-03-01T10:00:00Z", Oil("unloaded", 10_000, 75_000), Nampo));

        var changed = ledger.Add(Alert("pc-a", "PortCall", "2026-03-01T10:00:00Z", new JsonObject { ["direction"] = null, ["tonnes"] = null }, Nampo, detectedAt: "2026-03-01T11:00:00Z"));

        changed.Should().BeTrue();
        ledger.Years().Should().BeEmpty();
    }

    [Fact]
    public void Years_OilByPortAndDirection_OnlyUnloadingAtDprkPortsCounts()
    {
        var ledger = NewLedger();
        ledger.Add(Alert("load-ru", "PortCall", "2026-03-01T10:00:00Z", Oil("loaded", 10_000, 75_000), Vostochny));
        ledger.Add(Alert("unload-ru", "PortCall", "2026-03-02T10:00:00Z", Oil("unloaded", 10_000, 75_000), Vostochny));
        ledger.Add(Alert("load-kp", "PortCall", "2026-03-03T10:00:00Z", Oil("loaded", 10_000, 75_000), Nampo));
        ledger.Add(Alert("crude-kp", "PortCall", "2026-03-04T10:00:00Z", Oil("unloaded", 100_000, 733_000, product: "crude"), Nampo));
        ledger.Add(Alert("dark-1", "DarkPeriod", "2026-03-04T10:00:00Z", Oil("unloaded", 10_000, 75_000), Nampo));

        var year = ledger.Years().Single();

        year.RefinedBarrels.Should().Be(LedgerFigure.Zero);
        year.CrudeBarrels.Estimate.Should().Be(733_000);
        year.CrudeCapShare.Should().Be(0.1833);
        year.AlertIds.Should().Equal("crude-kp");
    }

    [Fact]
    public void Years_TransfersByReceiver_DprkFlagOrListedReceiverCounts()
    {
        const int Dprk = 445_123_456, Listed = 667_000_111, Other = 412_000_222, Giver = 351_000_333;
        var listedHit = new WatchlistHit(Listed, "US-DPRK-ADVISORY-2019", "imo", "listed tanker");
        var ledger = NewLedger();
        ledger.Add(Alert("sts-dprk", "ShipToShipTransfer", "2026-04-01T00:00:00Z", Oil("transferred", 1_000, 7_500, from: Giver, to: Dprk), mmsi: Giver, counterpart: Dprk));
        ledger.Add(Alert("sts-listed", "ShipToShipTransfer", "2026-04-02T00:00:00Z", Oil("transferred", 2_000, 15_000, from: Giver, to: Listed), mmsi: Listed, counterpart: Giver, watchlist: [listedHit]));
        ledger.Add(Alert("sts-other", "ShipToShipTransfer", "2026-04-03T00:00:00Z", Oil("transferred", 4_000, 30_000, from: Dprk, to: Other), mmsi: Dprk, counterpart: Other));
        ledger.Add(Alert("sts-giver-listed", "ShipToShipTransfer", "2026-04-04T00:00:00Z", Oil("transferred", 8_000, 60_000, from: Listed, to: Other), mmsi: Listed, counterpart: Other, watchlist: [listedHit]));

        var year = ledger.Years().Single();

        year.RefinedBarrels.Estimate.Should().Be(22_500, "7,500 to the DPRK-flagged receiver and 15,000 to the listed one; oil leaving the DPRK side is not a delivery");
        year.AlertIds.Should().Equal("sts-dprk", "sts-listed");
    }

    [Fact]
    public void Years_Coal_TonnesLoadedAtDprkPortsOnly()
    {
        var ledger = NewLedger();
        ledger.Add(Alert("coal-load", "PortCall", "2026-05-01T00:00:00Z", Coal("loaded", 30_000), Nampo));
        ledger.Add(Alert("coal-unload", "PortCall", "2026-05-03T00:00:00Z", Coal("unloaded", 30_000), Vostochny));
        ledger.Add(Alert("coal-load-ru", "PortCall", "2026-05-05T00:00:00Z", Coal("loaded", 5_000), Vostochny));

        var year = ledger.Years().Single();

        year.CoalTonnes.Should().Be(new LedgerFigure(30_000, 29_000, 31_000));
        year.RefinedBarrels.Should().Be(LedgerFigure.Zero);
        year.RefinedCapShare.Should().Be(0);
        year.AlertIds.Should().Equal("coal-load");
    }

    [Fact]
    public void ToJson_OneYear_TheShapeOfTheIssue()
    {
        var ledger = new Ledger(new LedgerOptions { RefinedCapBarrels = 100_000 }, ["KP"]);
        ledger.Add(Alert("pc-a", "PortCall", "2026-03-01T10:00:00Z", Oil("unloaded", 10_000, 75_000), Nampo));

        var json = Ledger.ToJson(ledger.Years());

        var year = json["years"]!["2026"]!.AsObject();
        year.Select(p => p.Key).Should().Equal("refinedBarrels", "crudeBarrels", "coalTonnes", "refinedCapShare", "crudeCapShare", "alerts");
        year["refinedBarrels"]!.AsObject().Select(p => p.Key).Should().Equal("estimate", "low", "high");
        year["refinedBarrels"]!["estimate"]!.GetValue<double>().Should().Be(75_000);
        year["refinedCapShare"]!.GetValue<double>().Should().Be(0.75, "the cap is configurable");
        year["alerts"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("pc-a");
    }

    [Fact]
    public void Add_AlertReadBackFromItsJson_CountsTheSame()
    {
        var written = AlertJson.Serialize(Alert("pc-a", "PortCall", "2026-03-01T10:00:00Z", Oil("unloaded", 10_000, 75_000), Nampo));
        var ledger = NewLedger();

        ledger.Add(AlertJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(written)));

        ledger.Years().Single().RefinedBarrels.Should().Be(new LedgerFigure(75_000, 67_500, 82_500));
    }
}
