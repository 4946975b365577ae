using System.Globalization;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Simulation.Tests;

[Collection(DemoSimulationCollection.Name)]
public sealed class ScenarioSimulatorTests(DemoSimulationFixture demo)
{
    private const long Minute = 60_000;

    [Fact]
    public void Run_SameSeedTwice_ByteIdenticalFiles()
    {
        var again = Path.Combine(Path.GetTempPath(), "edtf-sim-" + Guid.NewGuid().ToString("N"));
        try
        {
            ScenarioSimulator.Run(demo.Scenario, again, null, SimulationFormats.Both);

            foreach (var file in new[] { ScenarioSimulator.NmeaFileName, ScenarioSimulator.CsvFileName, ScenarioSimulator.TruthFileName })
            {
                File.ReadAllBytes(Path.Combine(again, file)).Should().Equal(File.ReadAllBytes(Path.Combine(demo.Directory, file)), file);
            }
        }
        finally
        {
            Directory.Delete(again, true);
        }
    }

    [Fact]
    public void Run_OtherSeed_DifferentTrafficSameBehaviourKinds()
    {
        var other = Path.Combine(Path.GetTempPath(), "edtf-sim-" + Guid.NewGuid().ToString("N"));
        try
        {
            var truth = ScenarioSimulator.Run(demo.Scenario, other, 99, SimulationFormats.Nmea);

            File.ReadAllBytes(Path.Combine(other, ScenarioSimulator.NmeaFileName)).Should().NotEqual(File.ReadAllBytes(demo.NmeaPath));
            truth.Seed.Should().Be(99);
            truth.Behaviours.Where(Scripted).Select(b => b.Id).Should().BeEquivalentTo(demo.Truth.Behaviours.Where(Scripted).Select(b => b.Id));
        }
        finally
        {
            Directory.Delete(other, true);
        }
    }

    [Fact]
    public void Truth_Demo_EveryBehaviourInsideTheWindowWithEveryTypeExpectedAndDecoysPresent()
    {
        var start = CsvRow.Ms(demo.Truth.Start);
        var end = CsvRow.Ms(demo.Truth.End);

        demo.Truth.Behaviours.Should().OnlyContain(b => CsvRow.Ms(b.Start) >= start && CsvRow.Ms(b.End) <= end && CsvRow.Ms(b.Start) <= CsvRow.Ms(b.End));
        demo.Truth.Behaviours.Where(b => b.Expected).Select(b => b.Type).Distinct()
            .Should().BeEquivalentTo(TruthBehaviour.DarkPeriod, TruthBehaviour.ShipToShipTransfer, TruthBehaviour.PortCall);
        demo.Truth.Behaviours.Where(b => !b.Expected).Select(b => b.Id).Should().Contain(
            ["dark-just-under", "fast-close-pass", "brief-proximity", "pass-vostochny", "dark-not-of-interest", "sts-not-of-interest", "call-not-of-interest", "call-vladivostok-alongside-sts"]);
        demo.Truth.Behaviours.Should().Contain(b => b.Id.StartsWith("outage-soj-", StringComparison.Ordinal) && b.Expected && b.ExpectedConfidence == "low",
            "the DPRK-flagged transit vessel sits inside the 3 h outage");
        demo.Truth.Behaviours.Should().OnlyContain(b => b.Type != TruthBehaviour.ShipToShipTransfer || b.CounterpartMmsi != null);
        demo.Truth.Behaviours.Should().OnlyContain(b => b.Type != TruthBehaviour.PortCall || b.Port != null);
    }

    [Fact]
    public void Traffic_DarkBehaviours_NoReportFromTheVesselDuringItsGap()
    {
        foreach (var dark in demo.Truth.Behaviours.Where(b => b.Type == TruthBehaviour.DarkPeriod))
        {
            var from = CsvRow.Ms(dark.Start);
            var to = CsvRow.Ms(dark.End);
            var inside = demo.Rows.Where(r => r.Mmsi == dark.Mmsi && r.TimeMs > from + Minute && r.TimeMs < to - Minute).ToList();
            inside.Should().BeEmpty(dark.Id);
            demo.Rows.Should().Contain(r => r.Mmsi == dark.Mmsi && r.TimeMs <= from + Minute && r.TimeMs > from - (10 * Minute), $"{dark.Id} is heard just before");
            demo.Rows.Should().Contain(r => r.Mmsi == dark.Mmsi && r.TimeMs >= to - Minute && r.TimeMs < to + (10 * Minute), $"{dark.Id} is heard again just after");
        }
    }

    [Fact]
    public void Traffic_Transfers_BothVesselsWithin500MetresAndSlowThroughout()
    {
        foreach (var sts in demo.Truth.Behaviours.Where(b => b.Type == TruthBehaviour.ShipToShipTransfer && b.ExpectedScopeAll))
        {
            var from = CsvRow.Ms(sts.Start) + (5 * Minute);
            var to = CsvRow.Ms(sts.End) - (5 * Minute);
            var a = demo.Rows.Where(r => r.Mmsi == sts.Mmsi && r.TimeMs >= from && r.TimeMs <= to).ToList();
            var b = demo.Rows.Where(r => r.Mmsi == sts.CounterpartMmsi && r.TimeMs >= from && r.TimeMs <= to).ToList();
            a.Should().NotBeEmpty(sts.Id);
            b.Should().NotBeEmpty(sts.Id);
            a.Concat(b).Should().OnlyContain(r => r.SpeedKnots < 2, sts.Id);
            foreach (var ra in a)
            {
                var nearest = b.MinBy(rb => Math.Abs(rb.TimeMs - ra.TimeMs))!;
                Haversine(ra, nearest).Should().BeLessThan(500, sts.Id);
            }
        }
    }

    [Fact]
    public void Traffic_FastClosePass_CloseButFast()
    {
        var pass = demo.Truth.Behaviours.Single(b => b.Id == "fast-close-pass");
        var from = CsvRow.Ms(pass.Start);
        var to = CsvRow.Ms(pass.End);
        var a = demo.Rows.Where(r => r.Mmsi == pass.Mmsi && r.TimeMs >= from && r.TimeMs <= to).ToList();
        var b = demo.Rows.Where(r => r.Mmsi == pass.CounterpartMmsi && r.TimeMs >= from && r.TimeMs <= to).ToList();

        a.Concat(b).Should().OnlyContain(r => r.SpeedKnots > 10);
        var closestMetres = a.Min(ra => b.Min(rb => Haversine(ra, rb) - (Math.Abs(ra.TimeMs - rb.TimeMs) / 1000.0 * 12 * 0.5144)));
        closestMetres.Should().BeLessThan(500);
    }

    [Fact]
    public void Traffic_PortCall_StoppedInsideThePortAreaWithDraughtChange()
    {
        var call = demo.Truth.Behaviours.Single(b => b.Id == "call-vostochny");
        var area = SimulatedPorts.Find("Vostochny")!.Area;
        var stopped = demo.Rows.Where(r => r.Mmsi == call.Mmsi && r.SpeedKnots < 0.2 && area.Contains(new GeoPoint(r.Lat, r.Lon))).ToList();

        stopped.Should().NotBeEmpty();
        (stopped.Max(r => r.TimeMs) - stopped.Min(r => r.TimeMs)).Should().BeGreaterThan(3 * 60 * Minute);
        stopped.Should().OnlyContain(r => r.TimeMs >= CsvRow.Ms(call.Start) && r.TimeMs <= CsvRow.Ms(call.End));
        var draughts = File.ReadLines(Path.Combine(demo.Directory, ScenarioSimulator.CsvFileName))
            .Where(l => l.StartsWith(call.Mmsi.ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal))
            .Select(l => l.Split(',')[14]).Where(d => d.Length > 0).Distinct().ToList();
        draughts.Should().BeEquivalentTo("5.0", "7.9");
    }

    [Fact]
    public void Traffic_LateStaticReport_ImoFirstKnownAfterTheTransferBegan()
    {
        var sts = demo.Truth.Behaviours.Single(b => b.Id == "sts-late-imo");
        var rows = demo.Rows.Where(r => r.Mmsi == sts.Mmsi).ToList();

        rows.Should().Contain(r => r.TimeMs < CsvRow.Ms(sts.Start) && r.Imo.Length == 0);
        rows.Where(r => r.Imo.Length > 0).Min(r => r.TimeMs).Should().BeGreaterThan(CsvRow.Ms(sts.Start) + (29 * Minute));
        demo.Truth.Vessels.Single(v => v.Mmsi == sts.Mmsi).Imo.Should().Be(int.Parse(rows.First(r => r.Imo.Length > 0).Imo[3..], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Nmea_Demo_TagBlocksAndChecksumsValidExceptInjectedNoiseAndSomeLinesLate()
    {
        var badChecksums = 0;
        var backwardsSeconds = new List<long>();
        long maxSeen = 0;
        foreach (var line in File.ReadLines(demo.NmeaPath))
        {
            line.Should().MatchRegex(@"^\\c:\d{10},s:rx\d+n\d+eb?\*[0-9A-F]{2}\\!AIVDM,");
            var tagEnd = line.IndexOf('\\', 1);
            ChecksumOk(line[..tagEnd]).Should().BeTrue(line);
            var seconds = long.Parse(line[3..13], CultureInfo.InvariantCulture);
            if (seconds < maxSeen)
            {
                backwardsSeconds.Add(maxSeen - seconds);
            }

            maxSeen = Math.Max(maxSeen, seconds);
            var sentence = line[(tagEnd + 1)..];
            if (sentence.Length < 4 || sentence[^3] != '*' || !ChecksumOk(sentence))
            {
                badChecksums++;
            }
        }

        var s = demo.Truth.Statistics;
        badChecksums.Should().BeGreaterThanOrEqualTo((int)s.BadChecksum).And.BeLessThanOrEqualTo((int)(s.BadChecksum + s.Garbled));
        backwardsSeconds.Should().NotBeEmpty("some reports arrive late");
        backwardsSeconds.Max().Should().BeLessThanOrEqualTo(demo.Scenario.Reception.MaxLatenessSeconds + 5);
    }

    [Fact]
    public void Load_ShippedScenarios_Validate()
    {
        var def = ScenarioLoader.Load(TestPaths.InRepo("config/scenarios/default.json"));

        def.Background.Vessels.Should().BeGreaterThanOrEqualTo(200);
        def.Behaviours.Select(b => b.Kind).Distinct().Should().BeEquivalentTo("dark", "transfer", "closePass", "portCall", "portPass", "transit", "darkTransfer", "darkPortCall", "loiter");
        def.Outages.Should().NotBeEmpty();
    }

    [Fact]
    public void Run_CrowdedAnchorage_AnchoredShipsKeepSwingingRoomAndTheRestStayUnderWay()
    {
        var json = """
            { "durationHours": 3, "seed": 3, "background": { "vessels": 40, "anchoredFraction": 1.0, "anchoragePorts": ["Zarubino"] },
              "reception": { "lossRate": 0, "outOfOrderRate": 0, "duplicateRate": 0 },
              "seaAreas": [ { "name": "pgg", "minLat": 42.0, "maxLat": 42.5, "minLon": 131.5, "maxLon": 134.0 } ] }
            """;
        var dir = Path.Combine(Path.GetTempPath(), "edtf-sim-" + Guid.NewGuid().ToString("N"));
        try
        {
            var truth = ScenarioSimulator.Run(ScenarioLoader.Parse(json), dir, null, SimulationFormats.Csv);
            var rows = File.ReadLines(Path.Combine(dir, ScenarioSimulator.CsvFileName)).Skip(1).Select(CsvRow.Parse).ToList();
            var anchored = rows.Where(r => r.Status == 1).GroupBy(r => r.Mmsi).Select(g => g.First()).ToList();

            rows.Select(r => r.Mmsi).Distinct().Should().HaveCount(40);
            anchored.Count.Should().BeInRange(2, 39, "Zarubino's anchorage (about 3 x 8 km) holds only some of 40 ships 800 m apart");
            truth.Behaviours.Where(b => b.Id.StartsWith("anchored-", StringComparison.Ordinal)).Select(b => b.Mmsi).Should().BeEquivalentTo(anchored.Select(a => a.Mmsi));
            foreach (var a in anchored)
            {
                anchored.Where(b => b.Mmsi != a.Mmsi).Should().OnlyContain(b => Haversine(a, b) > 800 - 160, "anchors are 800 m apart and each ship swings within 80 m");
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("""{ "seaAreas": [ { "minLat": 1, "maxLat": 2, "minLon": 1, "maxLon": 2 } ], "behaviours": [ { "kind": "teleport", "atHours": 3 } ] }""", "kind must be one of")]
    [InlineData("""{ "seaAreas": [ { "minLat": 1, "maxLat": 2, "minLon": 1, "maxLon": 2 } ], "behaviours": [ { "kind": "dark", "atHours": 3, "lat": 1.5, "lon": 1.5, "gapHours": 30 } ] }""", "must start at least 2 h")]
    [InlineData("""{ "seaAreas": [ { "minLat": 1, "maxLat": 2, "minLon": 1, "maxLon": 2 } ], "behaviours": [ { "kind": "portCall", "atHours": 3, "port": "Atlantis" } ] }""", "port must be one of")]
    [InlineData("""{ "seaAreas": [], "bogus": 1 }""", "bogus")]
    public void Parse_InvalidScenario_ThrowsNamingTheProblem(string json, string expected)
    {
        var act = () => ScenarioLoader.Parse(json);

        act.Should().Throw<ScenarioException>().WithMessage($"*{expected}*");
    }

    /// <summary>Scripted behaviours, as opposed to those that depend on where the random traffic happens to be (outages, anchorages).</summary>
    private static bool Scripted(TruthBehaviour b) =>
        !b.Id.StartsWith("outage", StringComparison.Ordinal) && !b.Id.StartsWith("anchored-", StringComparison.Ordinal);

    private static bool ChecksumOk(string framed)
    {
        var star = framed.LastIndexOf('*');
        if (star < 0 || star + 3 > framed.Length)
        {
            return false;
        }

        var sum = framed[1..star].Aggregate(0, (acc, c) => acc ^ c);
        return int.TryParse(framed.AsSpan(star + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var expected) && expected == sum;
    }

    private static double Haversine(CsvRow a, CsvRow b)
    {
        const double R = 6_371_000;
        var dLat = (b.Lat - a.Lat) * Math.PI / 180;
        var dLon = (b.Lon - a.Lon) * Math.PI / 180;
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(a.Lat * Math.PI / 180) * Math.Cos(b.Lat * Math.PI / 180) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * R * Math.Asin(Math.Sqrt(h));
    }
}
