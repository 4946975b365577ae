using System.Globalization;

namespace EDTF.Streaming.Simulation;

/// <summary>Scripts port calls (with a vessel moored alongside) and passes through a port area.</summary>
internal sealed partial class BehaviourCompiler
{
    private (SimulatedVessel Vessel, long ArriveMs, long DepartMs) CallAt(List<SimulatedVessel> vessels, SimulatedPort port, string interest, int shipType, long berthMs, long dwellMs,
        GeoPoint berth, double draughtBefore, double draughtAfter, string role, SimRandom random, Action<VesselTimeline>? beforeLeaving = null)
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
        var arrive = timeline.FirstTimeInside(port.Area, appear, berthMs) ?? berthMs;
        var depart = timeline.FirstTimeInside(port.Area, departed, departed + (3 * Hour), inside: false) ?? departed;
        if (beforeLeaving is null)
        {
            Leave(timeline, SimGeo.Normalize(outward + random.Between(-40, 40)), random);
        }
        else
        {
            beforeLeaving(timeline);
        }

        var vessel = NewVessel(vessels, interest, shipType, timeline, role);
        return (vessel, arrive, depart);
    }

    /// <summary>From the first port's approach, sails to the next port (10 kn, slower or faster to be on time, waiting at its approach if early) and calls there.</summary>
    private (long ArriveMs, long DepartMs) SailOnAndCall(VesselTimeline timeline, NextCallDefinition next, SimRandom random)
    {
        var port = SimulatedPorts.Find(next.Port)!;
        var berthMs = startMs + (long)(next.AtHours * Hour);
        var dwellMs = (long)(next.DwellHours * Hour);
        var inPortSeconds = SimGeo.DistanceMeters(port.Approach, port.Berth) / (6 * SimGeo.MetersPerSecondPerKnot);
        var atApproachMs = berthMs - (long)Math.Round(inPortSeconds * 1000);
        var hours = Math.Max(0.5, (atApproachMs - timeline.EndTimeMs) / (double)Hour);
        var speed = Math.Clamp(SimGeo.DistanceMeters(timeline.EndPosition, port.Approach) / SimGeo.MetersPerNauticalMile / hours, 6, 14);
        timeline.Sail(port.Approach, speed);
        if (timeline.EndTimeMs < atApproachMs)
        {
            timeline.Hold(port.Approach, atApproachMs - timeline.EndTimeMs, 1, random.Next(0, 360));
        }

        var enterFrom = timeline.EndTimeMs;
        timeline.Sail(port.Berth, 6);
        timeline.Hold(port.Berth, dwellMs, 5, random.Next(0, 360));
        timeline.SetDraught(timeline.EndTimeMs - (dwellMs / 2), next.DraughtAfterMeters);
        var departed = timeline.EndTimeMs;
        timeline.Sail(port.Approach, 6);
        var arrive = timeline.FirstTimeInside(port.Area, enterFrom, departed) ?? berthMs;
        var depart = timeline.FirstTimeInside(port.Area, departed, departed + (3 * Hour), inside: false) ?? departed;
        Leave(timeline, SimGeo.Normalize(SimGeo.BearingDegrees(port.Berth, port.Approach) + random.Between(-40, 40)), random);
        return (arrive, depart);
    }

    private void PortCall(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var port = SimulatedPorts.Find(b.Port)!;
        var dwellHours = b.DwellHours ?? 8;
        var dwell = (long)(dwellHours * Hour);
        var draughtBefore = b.DraughtBeforeMeters ?? 5.5;
        var draughtAfter = b.DraughtAfterMeters ?? 8.2;
        (long ArriveMs, long DepartMs) nextTimes = default;
        Action<VesselTimeline>? leaving = b.ThenCall is { } then ? t => nextTimes = SailOnAndCall(t, then, random) : null;
        var main = CallAt(vessels, port, b.Interest, b.ShipType ?? 80, at, dwell, port.Berth, draughtBefore, draughtAfter, id, random, leaving);
        var russian = string.Equals(port.Country, _rules.PortCallCountry, StringComparison.OrdinalIgnoreCase);
        var dprk = string.Equals(port.Country, _rules.InterestPortCountry, StringComparison.OrdinalIgnoreCase);
        var expected = dprk || (main.Vessel.IsOfInterest && russian);
        var why = expected ? "must alert" + (dprk && !main.Vessel.IsOfInterest ? $" (a call at a port in {_rules.InterestPortCountry} makes any vessel of interest)" : "")
            : !russian ? $"decoy: {port.Name} is not a port in {_rules.PortCallCountry}"
            : "decoy: not of interest";
        var coalAboard = dprk && draughtAfter > draughtBefore;
        var cargo = CallCargo(main.Vessel, draughtBefore, draughtAfter, Commodity(main.Vessel, coalAboard));
        Add(id, TruthBehaviour.PortCall, main.Vessel, null, main.ArriveMs, main.DepartMs, port.Name, expected, russian || dprk,
            b.Description ?? $"{Describe(main.Vessel)} calls at {port.Name} ({port.Country}): arrives, moored {Hours(dwellHours)} h, draught {Hours(draughtBefore)} m -> {Hours(draughtAfter)} m, leaves; {why}",
            cargo: cargo);

        if (b.ThenCall is { } next)
        {
            var (arrive, depart) = nextTimes;
            var nextPort = SimulatedPorts.Find(next.Port)!;
            var nextExpected = main.Vessel.IsOfInterest || dprk || coalAboard;
            var nextAll = nextExpected || string.Equals(nextPort.Country, _rules.PortCallCountry, StringComparison.OrdinalIgnoreCase);
            Add($"{id}-then-{nextPort.Name.ToLowerInvariant()}", TruthBehaviour.PortCall, main.Vessel, null, arrive, depart, nextPort.Name, nextExpected, nextAll,
                $"{Describe(main.Vessel)} sails on from {port.Name} and calls at {nextPort.Name} ({nextPort.Country}), draught {Hours(draughtAfter)} m -> {Hours(next.DraughtAfterMeters)} m; " +
                (nextExpected ? $"must alert ({(dprk ? $"of interest since its call at {port.Name}" : "of interest")}{(coalAboard ? ", unloading DPRK coal" : "")})" : "decoy: not of interest"),
                cargo: CallCargo(main.Vessel, draughtAfter, next.DraughtAfterMeters, Commodity(main.Vessel, coalAboard)));
        }

        if (b.Alongside is { } alongside)
        {
            var berth = SimGeo.Destination(port.Berth, random.Between(0, 360), 40);
            var partner = CallAt(vessels, port, alongside.Interest, alongside.ShipType ?? 70, at + (20 * Minute), dwell - (50 * Minute), berth, 6, 6, id, random);
            var partnerRussian = (russian && partner.Vessel.IsOfInterest) || dprk;
            Add($"{id}-sts", TruthBehaviour.ShipToShipTransfer, main.Vessel, partner.Vessel, at + (20 * Minute), at + dwell - (30 * Minute), null, false, false,
                $"{Describe(partner.Vessel)} moored 40 m from {main.Vessel.Identity.Name} in {port.Name} for {Hours(dwellHours - 0.8)} h; decoy: vessels side by side in a port are not a transfer");
            Add($"{id}-partner-call", TruthBehaviour.PortCall, partner.Vessel, null, partner.ArriveMs, partner.DepartMs, port.Name, partnerRussian, russian || dprk,
                $"{Describe(partner.Vessel)} calls at {port.Name} alongside {main.Vessel.Identity.Name}; " + (partnerRussian ? "must alert" : "decoy: not of interest"),
                cargo: CallCargo(partner.Vessel, 6, 6, Commodity(partner.Vessel, coalAboard: false)));
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
}
