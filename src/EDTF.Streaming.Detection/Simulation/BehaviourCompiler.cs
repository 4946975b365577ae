using System.Globalization;

namespace EDTF.Streaming.Detection.Simulation;

/// <summary>Turns the scenario's scripted behaviours into vessel tracks and ground-truth entries (expected or decoy).</summary>
internal sealed class BehaviourCompiler(ScenarioDefinition scenario, SeaRouter router, IdentityFactory identities, long startMs, long endMs, long seed)
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

    private void Add(string id, string type, SimulatedVessel v, SimulatedVessel? counterpart, long start, long end, string? port, bool expected, bool expectedAll, string description, string? confidence = null) =>
        Truth.Add(new TruthBehaviour(id, type, v.Identity.Mmsi, counterpart?.Identity.Mmsi, GroundTruth.FormatTime(start), GroundTruth.FormatTime(end), port, expected, expectedAll, confidence, description));

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

    private void Transfer(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var p = new GeoPoint(b.Lat!.Value, b.Lon!.Value);
        var durationHours = b.DurationHours ?? 2;
        var duration = (long)(durationHours * Hour);
        var separation = b.SeparationMeters ?? 150;
        var driftMeters = (b.DriftKnots ?? 0.3) * SimGeo.MetersPerNauticalMile * durationHours;
        var drift = random.Between(0, 360);
        var counterparts = b.Counterparts is { Count: > 0 } list ? list : [new CounterpartDefinition { Interest = "none", ShipType = 80 }];
        SlowSpots.Add(p);

        var mainTimeline = Approach(p, at, SeaSpeedKnots, 1.5, random);
        mainTimeline.Hold(SimGeo.Destination(p, drift, driftMeters), duration, 0, (int)drift);
        Leave(mainTimeline, SimGeo.Normalize(drift + 180 + random.Between(-30, 30)), random);
        if (b.StaticDelayMinutes is { } delay)
        {
            mainTimeline.StaticFromMs = at + (long)(delay * Minute);
        }

        var main = NewVessel(vessels, b.Interest, b.ShipType ?? 80, mainTimeline, id);
        var sides = new List<SimulatedVessel>();
        for (var k = 0; k < counterparts.Count; k++)
        {
            var side = SimGeo.Normalize(drift + (k % 2 == 0 ? 90 : -90));
            var offset = separation * ((k / 2) + 1);
            var start = SimGeo.Destination(p, side, offset);
            var timeline = Approach(start, at, SeaSpeedKnots, 1.5, random, bearingOffset: 100 + (60 * k));
            timeline.Hold(SimGeo.Destination(start, drift, driftMeters), duration, 0, (int)drift);
            Leave(timeline, SimGeo.Normalize(drift + (k % 2 == 0 ? 60 : -60)), random);
            sides.Add(NewVessel(vessels, counterparts[k].Interest, counterparts[k].ShipType ?? 80, timeline, id));
        }

        var longEnough = durationHours * 60 >= _rules.TransferOpenMinutes;
        var late = b.StaticDelayMinutes is { } d ? $"; its static report (IMO) is first heard {Hours(d)} min after the transfer began" : "";
        for (var k = 0; k < sides.Count; k++)
        {
            var ofInterest = main.IsOfInterest || sides[k].IsOfInterest;
            var expected = ofInterest && longEnough;
            var why = expected ? "must alert"
                : !longEnough ? $"decoy: together only {Hours(durationHours * 60)} min, below the {Hours(_rules.TransferOpenMinutes)} min opening threshold"
                : "decoy: neither vessel of interest";
            Add(sides.Count == 1 ? id : $"{id}-{k + 1}", TruthBehaviour.ShipToShipTransfer, main, sides[k], at, at + duration, null, expected, longEnough,
                b.Description ?? $"{Describe(main)} alongside {Describe(sides[k])}, {Hours(separation * ((k / 2) + 1))} m apart drifting at {Hours(b.DriftKnots ?? 0.3)} kn for {Hours(durationHours)} h{late}{(sides.Count > 1 ? $"; one vessel serving {sides.Count}" : "")}; {why}");
        }

        for (var k = 1; k < sides.Count; k++)
        {
            // Counterparts on opposite sides of the server are themselves within 2 x separation of each other.
            var distance = separation * 2;
            if (k % 2 == 1 && distance < 500)
            {
                var expected = (sides[0].IsOfInterest || sides[k].IsOfInterest) && longEnough;
                Add($"{id}-pair-1-{k + 1}", TruthBehaviour.ShipToShipTransfer, sides[0], sides[k], at, at + duration, null, expected, longEnough,
                    $"the two ships served by {main.Identity.Name} are {Hours(distance)} m apart on either side of it; " +
                    (expected ? "must alert" : "decoy under the default scope: neither is of interest (only the optional 180-day counterpart rule would make them so)"));
            }
        }
    }

    private void ClosePass(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var p = new GeoPoint(b.Lat!.Value, b.Lon!.Value);
        var speed = b.SpeedKnots ?? 12;
        var passMeters = b.PassDistanceMeters ?? 200;
        var course = random.Between(0, 360);
        var leg = speed * SimGeo.MetersPerNauticalMile * 1.5;

        var a = new VesselTimeline(SimGeo.Destination(p, course + 180, leg), at - (long)(1.5 * Hour), 8).Sail(p, speed);
        a.Sail(SimGeo.Destination(p, course, leg), speed);
        SeaRouter.Extend(a, router.AreaFor(p), endMs, SeaSpeedKnots, random);
        var other = SimGeo.Destination(p, course + 90, passMeters);
        var c = new VesselTimeline(SimGeo.Destination(other, course, leg), at - (long)(1.5 * Hour), 8).Sail(other, speed);
        c.Sail(SimGeo.Destination(other, course + 180, leg), speed);
        SeaRouter.Extend(c, router.AreaFor(other), endMs, SeaSpeedKnots, random);

        var main = NewVessel(vessels, b.Interest, b.ShipType ?? 80, a, id);
        var cp = b.Counterparts is { Count: > 0 } list ? list[0] : new CounterpartDefinition { ShipType = 70 };
        var counterpart = NewVessel(vessels, cp.Interest, cp.ShipType ?? 70, c, id);
        Add(id, TruthBehaviour.ShipToShipTransfer, main, counterpart, at - (5 * Minute), at + (5 * Minute), null, false, false,
            b.Description ?? $"{Describe(main)} and {Describe(counterpart)} pass {Hours(passMeters)} m apart on opposite courses at {Hours(speed)} kn; decoy: a fast close pass is not a transfer");
    }

    private (SimulatedVessel Vessel, long ArriveMs, long DepartMs) CallAt(List<SimulatedVessel> vessels, SimulatedPort port, string interest, int shipType, long berthMs, long dwellMs,
        GeoPoint berth, double draughtBefore, double draughtAfter, string role, SimRandom random)
    {
        var outward = SimGeo.BearingDegrees(berth, port.Approach);
        var sea = SimGeo.Destination(port.Approach, SimGeo.Normalize(outward + random.Between(-20, 20)), SeaSpeedKnots * SimGeo.MetersPerNauticalMile * 1.5);
        var inPortSeconds = SimGeo.DistanceMeters(port.Approach, berth) / (6 * SimGeo.MetersPerSecondPerKnot);
        var seaSeconds = SimGeo.DistanceMeters(sea, port.Approach) / (SeaSpeedKnots * SimGeo.MetersPerSecondPerKnot);
        var appear = berthMs - (long)Math.Round((inPortSeconds + seaSeconds) * 1000);
        var timeline = new VesselTimeline(sea, appear, draughtBefore).Sail(port.Approach, SeaSpeedKnots).Sail(berth, 6);
        var heading = random.Next(0, 360);
        timeline.Hold(berth, dwellMs, 5, heading);
        timeline.SetDraught(timeline.EndTimeMs - (dwellMs / 2), draughtAfter);
        var departed = timeline.EndTimeMs;
        timeline.Sail(port.Approach, 6);
        Leave(timeline, SimGeo.Normalize(outward + random.Between(-40, 40)), random);

        var arrive = timeline.FirstTimeInside(port.Area, appear, berthMs) ?? berthMs;
        var depart = timeline.FirstTimeInside(port.Area, departed, departed + (3 * Hour), inside: false) ?? departed;
        var vessel = NewVessel(vessels, interest, shipType, timeline, role);
        return (vessel, arrive, depart);
    }

    private void PortCall(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var port = SimulatedPorts.Find(b.Port)!;
        var dwellHours = b.DwellHours ?? 8;
        var dwell = (long)(dwellHours * Hour);
        var draughtBefore = b.DraughtBeforeMeters ?? 5.5;
        var draughtAfter = b.DraughtAfterMeters ?? 8.2;
        var main = CallAt(vessels, port, b.Interest, b.ShipType ?? 80, at, dwell, port.Berth, draughtBefore, draughtAfter, id, random);
        var russian = string.Equals(port.Country, _rules.PortCallCountry, StringComparison.OrdinalIgnoreCase);
        var expected = main.Vessel.IsOfInterest && russian;
        var why = expected ? "must alert"
            : !russian ? $"decoy: {port.Name} is not a port in {_rules.PortCallCountry}"
            : "decoy: not of interest";
        Add(id, TruthBehaviour.PortCall, main.Vessel, null, main.ArriveMs, main.DepartMs, port.Name, expected, russian,
            b.Description ?? $"{Describe(main.Vessel)} calls at {port.Name} ({port.Country}): arrives, moored {Hours(dwellHours)} h, draught {Hours(draughtBefore)} m -> {Hours(draughtAfter)} m, leaves; {why}");

        if (b.Alongside is { } alongside)
        {
            var berth = SimGeo.Destination(port.Berth, random.Between(0, 360), 40);
            var partner = CallAt(vessels, port, alongside.Interest, alongside.ShipType ?? 70, at + (20 * Minute), dwell - (50 * Minute), berth, 6, 6, id, random);
            var partnerRussian = russian && partner.Vessel.IsOfInterest;
            Add($"{id}-sts", TruthBehaviour.ShipToShipTransfer, main.Vessel, partner.Vessel, at + (20 * Minute), at + dwell - (30 * Minute), null, false, false,
                $"{Describe(partner.Vessel)} moored 40 m from {main.Vessel.Identity.Name} in {port.Name} for {Hours(dwellHours - 0.8)} h; decoy: vessels side by side in a port are not a transfer");
            Add($"{id}-partner-call", TruthBehaviour.PortCall, partner.Vessel, null, partner.ArriveMs, partner.DepartMs, port.Name, partnerRussian, russian,
                $"{Describe(partner.Vessel)} calls at {port.Name} alongside {main.Vessel.Identity.Name}; " + (partnerRussian ? "must alert" : "decoy: not of interest"));
        }
    }

    private void PortPass(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var port = SimulatedPorts.Find(b.Port)!;
        var speed = b.SpeedKnots ?? 12;
        var route = port.PassRoute;
        var sea = SimGeo.Destination(route[0], SimGeo.BearingDegrees(route[1], route[0]), speed * SimGeo.MetersPerNauticalMile);
        var seconds = (SimGeo.DistanceMeters(sea, route[0]) + SimGeo.DistanceMeters(route[0], route[1])) / (speed * SimGeo.MetersPerSecondPerKnot);
        var timeline = new VesselTimeline(sea, at - (long)Math.Round(seconds * 1000), 7).Sail(route[0], speed).Sail(route[1], speed);
        for (var i = 2; i < route.Count; i++)
        {
            timeline.Sail(route[i], speed);
        }

        Leave(timeline, SimGeo.BearingDegrees(route[^2], route[^1]), random);
        var v = NewVessel(vessels, b.Interest, b.ShipType ?? 80, timeline, id);
        var enter = timeline.FirstTimeInside(port.Area, at - (2 * Hour), at) ?? at;
        var exit = timeline.FirstTimeInside(port.Area, at, at + (2 * Hour), inside: false) ?? at;
        Add(id, TruthBehaviour.PortCall, v, null, enter, exit, port.Name, false, false,
            b.Description ?? $"{Describe(v)} sails through the edge of {port.Name}'s port area at {Hours(speed)} kn without stopping; decoy: passing is not a call");
    }

    private void Transit(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var p = new GeoPoint(b.Lat!.Value, b.Lon!.Value);
        var timeline = new VesselTimeline(p, at, 7);
        SeaRouter.Extend(timeline, router.AreaFor(p), endMs, b.SpeedKnots ?? 6, random);
        NewVessel(vessels, b.Interest == "none" ? "mid" : b.Interest, b.ShipType ?? 80, timeline, id);
    }
}
