using System.Globalization;

namespace EDTF.Streaming.Simulation;

/// <summary>Turns the scenario's scripted behaviours into vessel tracks and ground-truth entries (expected or decoy).</summary>
internal sealed partial class BehaviourCompiler(ScenarioDefinition scenario, SeaRouter router, IdentityFactory identities, long startMs, long endMs, long seed)
{
    private const long Hour = 3_600_000;
    private const long Minute = 60_000;
    private const double SeaSpeedKnots = 10;
    private readonly TruthRules _rules = scenario.Rules;

    public List<TruthBehaviour> Truth { get; } = [];

    /// <summary>Places where scripted vessels are slow at sea; background fishing keeps clear of them.</summary>
    public List<GeoPoint> SlowSpots { get; } = [];

    public void Compile(List<SimulatedVessel> vessels)
    {
        for (var i = 0; i < scenario.Behaviours.Count; i++)
        {
            var b = scenario.Behaviours[i];
            var id = b.Id ?? $"{b.Kind}-{i + 1}";
            var random = SimRandom.Derive(seed, "behaviour", i);
            var at = startMs + (long)(b.AtHours * Hour);
            switch (b.Kind)
            {
                case "dark": Dark(vessels, b, id, at, random); break;
                case "transfer": Transfer(vessels, b, id, at, random); break;
                case "closePass": ClosePass(vessels, b, id, at, random); break;
                case "portCall": PortCall(vessels, b, id, at, random); break;
                case "portPass": PortPass(vessels, b, id, at, random); break;
                case "transit": Transit(vessels, b, id, at, random); break;
                case "darkTransfer": DarkTransfer(vessels, b, id, at, random); break;
                case "darkPortCall": DarkPortCall(vessels, b, id, at, random); break;
                case "loiter": Loiter(vessels, b, id, at, random); break;
                case "reflag": Reflag(vessels, b, id, at, random); break;
                case "clone": Clone(vessels, b, id, at, random); break;
                case "destinationChange": DestinationChange(vessels, b, id, at, random); break;
                case "doubleReception": DoubleReception(vessels, b, id, at, random); break;
                default: throw new ScenarioException($"unknown behaviour kind '{b.Kind}'");
            }
        }
    }

    private static InterestKind ParseInterest(string interest) => interest switch
    {
        "imo" => InterestKind.Imo,
        "mid" => InterestKind.Mid,
        _ => InterestKind.None,
    };

    private static string Describe(SimulatedVessel v) =>
        $"{v.Identity.Name} (MMSI {v.Identity.Mmsi}, " + v.Interest switch
        {
            InterestKind.Imo => $"listed IMO {v.Identity.Imo}",
            InterestKind.Mid => "DPRK flag MID 445",
            _ => "not of interest",
        } + ")";

    private static string Hours(double h) => h.ToString("0.##", CultureInfo.InvariantCulture);

    private SimulatedVessel NewVessel(List<SimulatedVessel> vessels, string interest, int shipType, VesselTimeline timeline, string role)
    {
        var kind = ParseInterest(interest);
        var vessel = new SimulatedVessel(vessels.Count, identities.OfInterest(kind, shipType), kind, timeline, role);
        vessels.Add(vessel);
        return vessel;
    }

    /// <summary>A track that arrives at <paramref name="target"/> at <paramref name="arriveMs"/> after sailing <paramref name="hours"/> from the side of its sea box's centre.</summary>
    private VesselTimeline Approach(GeoPoint target, long arriveMs, double speedKnots, double hours, SimRandom random, double bearingOffset = 0, double draught = 8)
    {
        var inward = SimGeo.BearingDegrees(target, router.AreaFor(target).Box.Center);
        var from = SimGeo.Destination(target, SimGeo.Normalize(inward + bearingOffset + random.Between(-30, 30)), speedKnots * SimGeo.MetersPerNauticalMile * hours);
        var seconds = SimGeo.DistanceMeters(from, target) / (speedKnots * SimGeo.MetersPerSecondPerKnot);
        return new VesselTimeline(from, arriveMs - (long)Math.Round(seconds * 1000), draught).Sail(target, speedKnots);
    }

    private void Leave(VesselTimeline timeline, double bearing, SimRandom random)
    {
        var area = router.AreaFor(timeline.EndPosition);
        timeline.Sail(SimGeo.Destination(timeline.EndPosition, bearing, 15_000), SeaSpeedKnots);
        SeaRouter.Extend(timeline, router.AreaFor(timeline.EndPosition) == area ? area : router.AreaFor(timeline.EndPosition), endMs, SeaSpeedKnots, random);
    }

    private void Add(string id, string type, SimulatedVessel v, SimulatedVessel? counterpart, long start, long end, string? port, bool expected, bool expectedAll, string description, string? confidence = null,
        TruthCargo? cargo = null) =>
        Truth.Add(new TruthBehaviour(id, type, v.Identity.Mmsi, counterpart?.Identity.Mmsi, GroundTruth.FormatTime(start), GroundTruth.FormatTime(end), port, expected, expectedAll, confidence, description, cargo));

    private void Add(string id, string type, int mmsi, int? counterpartMmsi, long start, long end, string? port, bool expected, bool expectedAll, string description) =>
        Truth.Add(new TruthBehaviour(id, type, mmsi, counterpartMmsi, GroundTruth.FormatTime(start), GroundTruth.FormatTime(end), port, expected, expectedAll, null, description));

    private void Dark(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var p = new GeoPoint(b.Lat!.Value, b.Lon!.Value);
        var speed = b.SpeedKnots ?? 9;
        var gapHours = b.GapHours ?? 4;
        var timeline = Approach(p, at, speed, 2, random);
        SeaRouter.Extend(timeline, router.AreaFor(p), endMs, speed, random);
        var gapEnd = at + (long)(gapHours * Hour);
        timeline.AddSilence(at, gapEnd);
        var v = NewVessel(vessels, b.Interest, b.ShipType ?? 80, timeline, id);
        var threshold = v.IsOfInterest ? _rules.DarkHoursOfInterest : _rules.DarkHoursOther;
        var expected = v.IsOfInterest && gapHours >= _rules.DarkHoursOfInterest;
        var why = expected ? "must open a dark-period alert"
            : v.IsOfInterest ? $"decoy: gap below the {Hours(_rules.DarkHoursOfInterest)} h threshold"
            : "decoy: not of interest (alerts only with scope 'all'" + (gapHours >= threshold ? ")" : $", and then only from {Hours(threshold)} h)");
        Add(id, TruthBehaviour.DarkPeriod, v, null, at, gapEnd, null, expected, gapHours >= threshold,
            b.Description ?? $"{Describe(v)} switches AIS off for {Hours(gapHours)} h at sea while sailing at {Hours(speed)} kn; {why}");
    }

    private void Transit(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var p = new GeoPoint(b.Lat!.Value, b.Lon!.Value);
        var timeline = new VesselTimeline(p, at, 7);
        SeaRouter.Extend(timeline, router.AreaFor(p), endMs, b.SpeedKnots ?? 6, random);
        NewVessel(vessels, b.Interest == "none" ? "mid" : b.Interest, b.ShipType ?? 80, timeline, id);
    }
}
