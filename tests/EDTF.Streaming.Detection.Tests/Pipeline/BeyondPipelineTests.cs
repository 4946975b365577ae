using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using EDTF.Streaming.Tests;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

/// <summary>The three detections beyond the visible case together: partition independence, determinism and the contract.</summary>
public class BeyondPipelineTests
{
    private static readonly Lazy<PortAreas> Ports = new(() => PortAreas.Load(TestPaths.InRepo("config/ports.geojson")));

    /// <summary>A dark-dark pair, a lone loitering tanker, a possible dark call at Vostochny, and background traffic.</summary>
    private static List<AisReport> Scenario()
    {
        var tracks = new List<IEnumerable<AisReport>>
        {
            // Dark-dark: 2 nm apart, dark 1-7 h and 1.5-8 h.
            Harness.Reports(DprkMmsi, T0, T0 + Hours(1), 40.5, 133.5, sog: 8, everyMinutes: 3),
            Harness.Reports(DprkMmsi, T0 + Hours(7), T0 + Hours(12), 40.52, 133.5, sog: 8, everyMinutes: 3),
            Harness.Reports(OtherMmsi, T0, T0 + Hours(1.5), 40.5, 133.544, sog: 8, everyMinutes: 3),
            Harness.Reports(OtherMmsi, T0 + Hours(8), T0 + Hours(12), 40.52, 133.544, sog: 8, everyMinutes: 3),

            // One side dark: a DPRK tanker loitering alone 1-4 h.
            new[] { Static(DprkMmsi + 1, T0, shipType: 80) },
            Harness.Reports(DprkMmsi + 1, T0 + Hours(1), T0 + Hours(4), 41.0, 134.5, sog: 0.4, everyMinutes: 3),

            // Possible dark port call: dark 1-7 h about 3 km south of Vostochny.
            Harness.Reports(DprkMmsi + 2, T0, T0 + Hours(1), 42.69, 133.08, sog: 8, everyMinutes: 5),
            Harness.Reports(DprkMmsi + 2, T0 + Hours(7), T0 + Hours(12), 42.69, 133.10, sog: 8, everyMinutes: 5),
        };
        for (var i = 0; i < 8; i++)
        {
            tracks.Add(Harness.Reports(ThirdMmsi + i, T0, T0 + Hours(12), 40.2 + (i * 0.05), 133.0, sog: 11, everyMinutes: 2));
        }

        return Harness.Merge([.. tracks]).ToList();
    }

    private static List<AlertUpdate> Run(IEnumerable<(AisReport Report, int Partition)> input)
    {
        var alerts = new List<AlertUpdate>();
        var p = new DetectionPipeline(new DetectionOptions { AllowedLatenessMinutes = 60 }, Watchlist.Empty, Ports.Value, alerts.Add);
        foreach (var (r, part) in input)
        {
            p.Add(r, AlertSource.FromFile("scenario.nmea", (r.Mmsi * 100_000L) + ((r.EventTimeMs!.Value - T0) / 1000)), part);
        }

        p.Complete();
        return alerts;
    }

    private static List<string> Json(List<AlertUpdate> alerts) => alerts.Select(AlertJson.Serialize).ToList();

    [Fact]
    public void Add_SameReportsSplitOverThreePartitions_SameAlertsAsOne()
    {
        var reports = Scenario();
        var single = Run(reports.Select(r => (r, 0)));
        var interleaved = Harness.SplitOverThreePartitions(reports);
        interleaved.Should().NotEqual(reports.Select(r => (r, r.Mmsi % 3)), "the arrival order must differ from event-time order");

        var split = Run(interleaved);

        single.Select(a => a.Evidence["pattern"]?.GetValue<string>()).Where(p => p is not null).Distinct()
            .Should().BeEquivalentTo("darkDark", "oneSideDark", "possibleDarkPortCall");
        Json(split).Should().Equal(Json(single));
    }

    [Fact]
    public void Add_SameInputTwice_IdenticalJson()
    {
        Json(Run(Scenario().Select(r => (r, 0)))).Should().Equal(Json(Run(Scenario().Select(r => (r, 0)))));
    }

    [Fact]
    public void Alerts_OfTheBeyondScenario_AllValidAgainstContractSchemaAndRoundTrip()
    {
        var alerts = Run(Scenario().Select(r => (r, 0)));

        alerts.Should().Contain(a => a.Type == "ShipToShipTransferOneSideDark" && a.Counterpart == null);
        alerts.Select(a => a.AlertId).Distinct().Count().Should().Be(alerts.GroupBy(a => (a.Type, a.Vessel.Mmsi, a.Start, Pattern: a.Evidence["pattern"]?.GetValue<string>())).Count(),
            "one alert id per behaviour, none shared between the visible and the beyond cases");
        AlertSchema.AllShouldBeValid(alerts);
        alerts.Select(a => AlertJson.Deserialize(AlertJson.SerializeToUtf8Bytes(a))).Select(AlertJson.Serialize)
            .Should().Equal(Json(alerts), "alerts round-trip through JSON");
    }
}
