namespace EDTF.Streaming.Simulation;

/// <summary>Builds the background fleet: vessels under way between sea waypoints, at anchor off ports, and fishing.</summary>
internal sealed class FleetBuilder(ScenarioDefinition scenario, SeaRouter router, IdentityFactory identities, long startMs, long endMs, long seed)
{
    /// <summary>Background vessels at anchor inside a port area: not of interest, but port stays when the scope is widened.</summary>
    public List<TruthBehaviour> Truth { get; } = [];

    /// <summary>Ships at anchor keep at least this far apart (swinging room); when an anchorage is full, the ship stays under way.</summary>
    private const double MinAnchorSpacingMeters = 800;

    private readonly List<(SimulatedVessel Vessel, GeoPoint Anchor)> _anchors = [];

    /// <summary>Adds the background vessels; fishing grounds keep <paramref name="clearance"/> metres away from <paramref name="keepClear"/> (scripted slow spots).</summary>
    public void Build(List<SimulatedVessel> vessels, IReadOnlyList<GeoPoint> keepClear, double clearance = 30_000)
    {
        var fleet = scenario.Background;
        for (var i = 0; i < fleet.Vessels; i++)
        {
            var random = SimRandom.Derive(seed, "background", i);
            var roll = random.NextDouble();
            SimulatedVessel vessel;
            if (roll < fleet.AnchoredFraction && fleet.AnchoragePorts.Count > 0)
            {
                vessel = Anchored(vessels.Count, random);
            }
            else if (roll < fleet.AnchoredFraction + fleet.FishingFraction)
            {
                vessel = Fishing(vessels.Count, random, keepClear, clearance);
            }
            else
            {
                vessel = UnderWay(vessels.Count, random);
            }

            vessels.Add(vessel);
        }
    }

    private int MerchantType(SimRandom random) =>
        random.Chance(scenario.Background.TankerFraction) ? random.Pick([80, 80, 81, 82, 84, 89])
        : random.Chance(0.08) ? 60 : random.Pick([70, 70, 70, 71, 74, 79]);

    private SimulatedVessel UnderWay(int index, SimRandom random)
    {
        var area = router.PickWeighted(random);
        var shipType = MerchantType(random);
        var timeline = new VesselTimeline(area.Box.RandomPoint(random), startMs, random.Between(5, 14));
        SeaRouter.Extend(timeline, area, endMs, random.Between(scenario.Background.MinSpeedKnots, scenario.Background.MaxSpeedKnots), random);
        return new SimulatedVessel(index, identities.Background(shipType, random.Chance(0.97)), InterestKind.None, timeline, "background");
    }

    private SimulatedVessel Anchored(int index, SimRandom random)
    {
        var port = SimulatedPorts.Find(random.Pick(scenario.Background.AnchoragePorts))!;
        var anchor = port.Area.RandomPoint(random);
        for (var attempt = 0; attempt < 50 && TooClose(anchor); attempt++)
        {
            anchor = port.Area.RandomPoint(random);
        }

        if (TooClose(anchor))
        {
            // The anchorage is full: this one stays at sea.
            return UnderWay(index, random);
        }

        var heading = random.Next(0, 360);
        var timeline = new VesselTimeline(anchor, startMs, random.Between(5, 14));
        while (timeline.EndTimeMs < endMs)
        {
            // Swinging round the anchor: a slow wander within ~80 m.
            heading = (heading + random.Next(-20, 21) + 360) % 360;
            timeline.Hold(SimGeo.Destination(anchor, random.Between(0, 360), random.Between(0, 80)), 3_600_000, 1, heading);
        }

        var vessel = new SimulatedVessel(index, identities.Background(MerchantType(random), true), InterestKind.None, timeline, "background");
        _anchors.Add((vessel, anchor));
        var russian = string.Equals(port.Country, scenario.Rules.PortCallCountry, StringComparison.OrdinalIgnoreCase);
        Truth.Add(new TruthBehaviour($"anchored-{vessel.Identity.Mmsi}", TruthBehaviour.PortCall, vessel.Identity.Mmsi, null, GroundTruth.FormatTime(startMs), GroundTruth.FormatTime(endMs),
            port.Name, false, russian, null,
            $"background {vessel.Identity.Name} (MMSI {vessel.Identity.Mmsi}, not of interest) at anchor in {port.Name}'s port area for the whole window; decoy: not of interest" +
            (russian ? " (a port stay when the scope is widened, still open at the end)" : "")));
        return vessel;
    }

    private bool TooClose(GeoPoint anchor) => _anchors.Exists(a => SimGeo.DistanceMeters(a.Anchor, anchor) < MinAnchorSpacingMeters);

    private SimulatedVessel Fishing(int index, SimRandom random, IReadOnlyList<GeoPoint> keepClear, double clearance)
    {
        var area = router.PickWeighted(random);
        var ground = area.Box.RandomPoint(random);
        for (var attempt = 0; attempt < 50 && keepClear.Any(p => SimGeo.DistanceMeters(p, ground) < clearance); attempt++)
        {
            ground = area.Box.RandomPoint(random);
        }

        var timeline = new VesselTimeline(ground, startMs, random.Between(2, 5));
        while (timeline.EndTimeMs < endMs)
        {
            timeline.Sail(SimGeo.Destination(ground, random.Between(0, 360), random.Between(500, 8_000)), random.Between(3, 6), 7);
        }

        return new SimulatedVessel(index, identities.Background(30, random.Chance(0.2)), InterestKind.None, timeline, "background");
    }
}
