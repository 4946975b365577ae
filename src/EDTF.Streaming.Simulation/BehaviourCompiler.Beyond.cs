namespace EDTF.Streaming.Simulation;

/// <summary>Scripts the behaviours beyond the visible case: dark-dark transfers, possible dark port calls and lone loitering tankers.</summary>
internal sealed partial class BehaviourCompiler
{
    /// <summary>Two vessels sail towards each other, go dark a few nm apart, meet and drift together while dark, and reappear leaving in different directions.</summary>
    private void DarkTransfer(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var p = new GeoPoint(b.Lat!.Value, b.Lon!.Value);
        var apartNm = b.ApartNm ?? 2;
        var gapHours = b.GapHours ?? 6;
        var delayHours = b.CounterpartDelayHours ?? 0.5;
        var counterpartGapHours = b.CounterpartGapHours ?? gapHours;
        var cp = b.Counterparts is { Count: > 0 } list ? list[0] : new CounterpartDefinition { Interest = "none", ShipType = 80 };
        var bearing = random.Between(0, 360);
        var half = apartNm * SimGeo.MetersPerNauticalMile / 2;
        var atB = at + (long)(delayHours * Hour);
        var endA = at + (long)(gapHours * Hour);
        var endB = atB + (long)(counterpartGapHours * Hour);
        var partMs = Math.Min(endA, endB) - (30 * Minute);
        SlowSpots.Add(p);

        var main = DarkSide(vessels, b.Interest, b.ShipType ?? 80, SimGeo.Destination(p, bearing, half), at, endA, p, partMs, bearing, id, random);
        var side = DarkSide(vessels, cp.Interest, cp.ShipType ?? 80, SimGeo.Destination(p, bearing + 180, half), atB, endB, p, partMs, SimGeo.Normalize(bearing + 180), id, random);

        var overlapHours = (Math.Min(endA, endB) - Math.Max(at, atB)) / (double)Hour;
        var ofInterest = main.IsOfInterest || side.IsOfInterest;
        var longEnough = overlapHours > _rules.DarkDarkOverlapHours;
        var closeEnough = apartNm <= _rules.DarkDarkDistanceNm;
        var expected = ofInterest && longEnough && closeEnough;
        var why = expected ? "must alert (dark-dark)"
            : !ofInterest ? "decoy: neither vessel of interest"
            : !longEnough ? $"decoy: the gaps overlap only {Hours(overlapHours)} h, not more than {Hours(_rules.DarkDarkOverlapHours)} h"
            : $"decoy: last positions {Hours(apartNm)} nm apart, more than {Hours(_rules.DarkDarkDistanceNm)} nm";
        Add(id, TruthBehaviour.ShipToShipTransfer, main, side, Math.Max(at, atB), Math.Max(endA, endB), null, expected, expected,
            b.Description ?? $"{Describe(main)} and {Describe(side)} go dark {Hours(apartNm)} nm apart ({Hours(delayHours)} h between them), meet while dark, and reappear after {Hours(gapHours)} h and {Hours(counterpartGapHours)} h (overlap {Hours(overlapHours)} h); {why}");
        DarkTruth($"{id}-dark-1", main, at, endA, "goes dark for a dark-dark meeting");
        DarkTruth($"{id}-dark-2", side, atB, endB, "goes dark for a dark-dark meeting");
    }

    private SimulatedVessel DarkSide(List<SimulatedVessel> vessels, string interest, int shipType, GeoPoint last, long darkMs, long reappearMs, GeoPoint meet, long partMs,
        double outwardBearing, string id, SimRandom random)
    {
        var from = SimGeo.Destination(last, outwardBearing, SeaSpeedKnots * SimGeo.MetersPerNauticalMile * 1.5);
        var seconds = SimGeo.DistanceMeters(from, last) / (SeaSpeedKnots * SimGeo.MetersPerSecondPerKnot);
        var timeline = new VesselTimeline(from, darkMs - (long)Math.Round(seconds * 1000), 8).Sail(last, SeaSpeedKnots).Sail(meet, SeaSpeedKnots);
        timeline.Hold(meet, Math.Max(Minute, partMs - timeline.EndTimeMs), 0, (int)outwardBearing);
        Leave(timeline, SimGeo.Normalize(outwardBearing + random.Between(-30, 30)), random);
        timeline.AddSilence(darkMs, reappearMs);
        return NewVessel(vessels, interest, shipType, timeline, id);
    }

    /// <summary>A vessel comes in from sea, goes dark a few km outside a port (at <c>lat</c>/<c>lon</c> when given), calls while dark and reappears at the same spot; or (decoy) goes dark there and reappears far away at sea.</summary>
    private void DarkPortCall(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var port = SimulatedPorts.Find(b.Port)!;
        var nearKm = b.NearKm ?? 3;
        var darkPoint = b.Lat is { } lat && b.Lon is { } lon ? new GeoPoint(lat, lon) : OutsidePort(port, nearKm);
        var where = b.Lat is null ? $"{Hours(nearKm)} km outside {port.Name}" : $"outside {port.Name} at {Hours(darkPoint.Lat)} N {Hours(darkPoint.Lon)} E";
        var outward = SimGeo.BearingDegrees(port.Berth, port.Approach);
        var sea = SimGeo.Destination(darkPoint, SimGeo.Normalize(outward + random.Between(-10, 10)), SeaSpeedKnots * SimGeo.MetersPerNauticalMile * 1.5);
        var seconds = SimGeo.DistanceMeters(sea, darkPoint) / (SeaSpeedKnots * SimGeo.MetersPerSecondPerKnot);
        var timeline = new VesselTimeline(sea, at - (long)Math.Round(seconds * 1000), 6).Sail(darkPoint, SeaSpeedKnots);
        var russian = string.Equals(port.Country, _rules.PortCallCountry, StringComparison.OrdinalIgnoreCase);
        SimulatedVessel v;
        long reappear;
        string what;
        bool expected;
        if (b.ReappearFarAway == true)
        {
            var gapHours = b.GapHours ?? 5;
            reappear = at + (long)(gapHours * Hour);
            timeline.Sail(SimGeo.Destination(darkPoint, SimGeo.Normalize(outward + random.Between(-10, 10)), SeaSpeedKnots * SimGeo.MetersPerNauticalMile * (gapHours + 1)), SeaSpeedKnots);
            Leave(timeline, outward, random);
            timeline.AddSilence(at, reappear);
            v = NewVessel(vessels, b.Interest, b.ShipType ?? 80, timeline, id);
            expected = false;
            what = $"goes dark {where}, sails away to sea without calling and reappears {Hours(gapHours)} h later far away; decoy: a gap near a port at one end only is a departure";
        }
        else
        {
            var dwellHours = b.DwellHours ?? 6;
            timeline.Sail(port.Berth, 6).Hold(port.Berth, (long)(dwellHours * Hour), 5, random.Next(0, 360));
            timeline.Sail(darkPoint, 6);
            reappear = timeline.EndTimeMs;
            timeline.Sail(sea, SeaSpeedKnots);
            Leave(timeline, SimGeo.Normalize(outward + random.Between(-40, 40)), random);
            timeline.AddSilence(at, reappear);
            v = NewVessel(vessels, b.Interest, b.ShipType ?? 80, timeline, id);
            var gapHours = (reappear - at) / (double)Hour;
            var longEnough = gapHours >= _rules.DarkPortCallUnexplainedHours;
            expected = v.IsOfInterest && russian && longEnough;
            var why = expected ? "must alert (possible dark port call)"
                : !russian ? $"decoy: {port.Name} is not a port in {_rules.PortCallCountry}"
                : !v.IsOfInterest ? "decoy: not of interest"
                : $"decoy: only {Hours(gapHours)} h unexplained";
            what = $"goes dark {where}, moors at the berth for {Hours(dwellHours)} h while dark and reappears at the same spot {Hours(gapHours)} h later; {why}";
        }

        Add(id, TruthBehaviour.PortCall, v, null, at, reappear, port.Name, expected, expected, b.Description ?? $"{Describe(v)} {what}");
        DarkTruth($"{id}-dark", v, at, reappear, $"goes dark outside {port.Name}");
    }

    /// <summary>A lone tanker arrives at 10 kn, drifts slowly for the duration with nobody heard near it, and leaves.</summary>
    private void Loiter(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var p = new GeoPoint(b.Lat!.Value, b.Lon!.Value);
        var durationHours = b.DurationHours ?? 3;
        var drift = random.Between(0, 360);
        SlowSpots.Add(p);
        var timeline = Approach(p, at, SeaSpeedKnots, 1.5, random);
        timeline.Hold(SimGeo.Destination(p, drift, (b.DriftKnots ?? 0.3) * SimGeo.MetersPerNauticalMile * durationHours), (long)(durationHours * Hour), 0, (int)drift);
        Leave(timeline, SimGeo.Normalize(drift + random.Between(-60, 60)), random);
        var shipType = b.ShipType ?? 80;
        var v = NewVessel(vessels, b.Interest, shipType, timeline, id);
        var tanker = shipType is >= 80 and <= 89;
        var longEnough = durationHours >= _rules.OneSideDarkHours;
        var expected = v.IsOfInterest && tanker && longEnough;
        var why = expected ? "must alert (one side dark)"
            : !v.IsOfInterest ? "decoy: not of interest"
            : !tanker ? "decoy: not a tanker"
            : $"decoy: loiters only {Hours(durationHours)} h, less than {Hours(_rules.OneSideDarkHours)} h";
        Add(id, TruthBehaviour.ShipToShipTransferOneSideDark, v, null, at, at + (long)(durationHours * Hour), null, expected, expected,
            b.Description ?? $"{Describe(v)} drifts alone at {Hours(b.DriftKnots ?? 0.3)} kn for {Hours(durationHours)} h at sea with no partner heard; {why}");
    }

    private void DarkTruth(string id, SimulatedVessel v, long from, long to, string what)
    {
        var gapHours = (to - from) / (double)Hour;
        var threshold = v.IsOfInterest ? _rules.DarkHoursOfInterest : _rules.DarkHoursOther;
        var expected = v.IsOfInterest && gapHours >= _rules.DarkHoursOfInterest;
        Add(id, TruthBehaviour.DarkPeriod, v, null, from, to, null, expected, gapHours >= threshold,
            $"{Describe(v)} {what}: silent {Hours(gapHours)} h; " + (expected ? "must open a dark-period alert" : v.IsOfInterest ? "decoy: below the threshold" : "decoy: not of interest"));
    }

    /// <summary>The point <paramref name="km"/> before the port box on the line from the approach point to the berth.</summary>
    private static GeoPoint OutsidePort(SimulatedPort port, double km)
    {
        var total = SimGeo.DistanceMeters(port.Approach, port.Berth);
        var entry = port.Berth;
        for (var m = 0.0; m <= total; m += 50)
        {
            var q = SimGeo.Intermediate(port.Approach, port.Berth, m / total);
            if (port.Area.Contains(q))
            {
                entry = q;
                break;
            }
        }

        return SimGeo.Destination(entry, SimGeo.BearingDegrees(port.Berth, port.Approach), km * 1000);
    }
}
