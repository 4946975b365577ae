using System.Globalization;

namespace EDTF.Streaming.Simulation;

/// <summary>Scripts port calls (with a vessel moored alongside) and passes through a port area.</summary>
internal sealed partial class BehaviourCompiler
{
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
}
