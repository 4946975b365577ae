using System.Globalization;

namespace EDTF.Streaming.Simulation;

/// <summary>Scripts transfers (one or two counterparts, brief proximity) and fast close passes.</summary>
internal sealed partial class BehaviourCompiler
{
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

        var mainTimeline = Approach(p, at, SeaSpeedKnots, 1.5, random, draught: b.DraughtBeforeMeters ?? 8);
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
            var timeline = Approach(start, at, SeaSpeedKnots, 1.5, random, bearingOffset: 100 + (60 * k), draught: counterparts[k].DraughtBeforeMeters ?? 8);
            timeline.Hold(SimGeo.Destination(start, drift, driftMeters), duration, 0, (int)drift);
            Leave(timeline, SimGeo.Normalize(drift + (k % 2 == 0 ? 60 : -60)), random);
            sides.Add(NewVessel(vessels, counterparts[k].Interest, counterparts[k].ShipType ?? 80, timeline, id));
        }

        var cargo = TransferCargo(b, main, sides, counterparts, at + (duration / 2));
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
                b.Description ?? $"{Describe(main)} alongside {Describe(sides[k])}, {Hours(separation * ((k / 2) + 1))} m apart drifting at {Hours(b.DriftKnots ?? 0.3)} kn for {Hours(durationHours)} h{late}{(sides.Count > 1 ? $"; one vessel serving {sides.Count}" : "")}; {why}",
                cargo: cargo[k]);
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

    /// <summary>
    /// With the main vessel's draught before and after: it gives (or takes) that cargo half-way through, shared equally by the
    /// counterparts, whose draughts change the other way by their share over their own true tonnes per centimetre (to 0.1 m).
    /// </summary>
    private List<TruthCargo?> TransferCargo(BehaviourDefinition b, SimulatedVessel main, List<SimulatedVessel> sides, List<CounterpartDefinition> counterparts, long changeMs)
    {
        if (b.DraughtBeforeMeters is not { } before || b.DraughtAfterMeters is not { } after)
        {
            return [.. sides.Select(_ => (TruthCargo?)null)];
        }

        main.Timeline.SetDraught(changeMs, after);
        var share = Math.Abs(after - before) * 100 * TrueTonnesPerCm(main) / sides.Count;
        var cargo = new List<TruthCargo?>();
        for (var k = 0; k < sides.Count; k++)
        {
            var side = sides[k];
            var sideBefore = counterparts[k].DraughtBeforeMeters ?? 8;
            var change = Math.Sign(before - after) * share / TrueTonnesPerCm(side) / 100;
            side.Timeline.SetDraught(changeMs, Math.Round(sideBefore + change, 1));
            var (giver, receiver) = after < before ? (main, side) : (side, main);
            var oil = main.Identity.ShipType is >= 80 and <= 89 || side.Identity.ShipType is >= 80 and <= 89;
            var tonnes = Math.Round(share);
            cargo.Add(Math.Abs(after - before) < _rules.CargoMinDraughtChangeMeters
                ? new TruthCargo(null, oil ? "oil" : "unknown", null, null)
                : new TruthCargo("transferred", oil ? "oil" : "unknown", tonnes, oil ? Math.Round(tonnes * BarrelsPerTonne) : null, giver.Identity.Mmsi, receiver.Identity.Mmsi));
        }

        return cargo;
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
}
