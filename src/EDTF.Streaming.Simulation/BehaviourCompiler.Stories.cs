namespace EDTF.Streaming.Simulation;

/// <summary>Scripts the cargo and identity stories: re-flagging, a cloned MMSI, and their decoys (a new destination, two receivers); the cargo truth of calls and transfers.</summary>
internal sealed partial class BehaviourCompiler
{
    /// <summary>Barrels per tonne of refined products, the conversion the truth's barrels use (the detection's default).</summary>
    public const double BarrelsPerTonne = 7.5;

    /// <summary>
    /// The vessel's true tonnes per centimetre immersion: its own waterplane coefficient (0.80-0.90 for tankers and bulk carriers,
    /// 0.70-0.80 for others, drawn once per vessel) x length x beam x 1.025 t/m3 / 100. The detection assumes 0.85 (0.75) +- 0.05.
    /// </summary>
    private double TrueTonnesPerCm(SimulatedVessel v)
    {
        var random = SimRandom.Derive(seed, "hull", v.Index);
        var cw = v.Identity.ShipType is >= 70 and <= 89 ? random.Between(0.80, 0.90) : random.Between(0.70, 0.80);
        return cw * v.Identity.LengthMeters * v.Identity.WidthMeters * 1.025 / 100;
    }

    /// <summary>The cargo truth of a draught change at a port: loaded or unloaded, null direction for a correction below the threshold.</summary>
    private TruthCargo CallCargo(SimulatedVessel v, double before, double after, string commodity)
    {
        if (Math.Abs(after - before) < _rules.CargoMinDraughtChangeMeters)
        {
            return new TruthCargo(null, commodity, null, null);
        }

        var tonnes = Math.Round(Math.Abs(after - before) * 100 * TrueTonnesPerCm(v));
        return new TruthCargo(after > before ? "loaded" : "unloaded", commodity, tonnes, commodity == "oil" ? Math.Round(tonnes * BarrelsPerTonne) : null);
    }

    private static string Commodity(SimulatedVessel v, bool coalAboard) =>
        v.Identity.ShipType is >= 80 and <= 89 ? "oil" : coalAboard && v.Identity.ShipType is >= 70 and <= 79 ? "coal" : "unknown";

    /// <summary>A listed tanker sails through the point; at <c>atHours</c> it re-flags: a new MMSI, name and call sign, the same IMO and hull.</summary>
    private void Reflag(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var v = SailThrough(vessels, b, id, at, random, "imo");
        var renamed = identities.Reflagged(v.Identity);
        v.LaterIdentities.Add((at, renamed));
        var expected = v.IsOfInterest && v.Identity.Imo is not null;
        Add(id, TruthBehaviour.IdentityChange, renamed.Mmsi, null, at, at, null, expected, expected,
            b.Description ?? $"{Describe(v)} re-flags at sea: from {Hours(b.AtHours)} h it broadcasts as {renamed.Name} (MMSI {renamed.Mmsi}, call sign {renamed.Callsign}), the same IMO {v.Identity.Imo} and hull; " +
            (expected ? "must alert (the same IMO under a new MMSI)" : "decoy: not of interest"));
        var silentHours = (endMs - at) / (double)Hour;
        var darkExpected = v.IsOfInterest && silentHours >= _rules.DarkHoursOfInterest;
        Add($"{id}-old-mmsi-silent", TruthBehaviour.DarkPeriod, v.Identity.Mmsi, null, at, endMs, null, darkExpected, darkExpected,
            $"{v.Identity.Name} (MMSI {v.Identity.Mmsi}) is never heard again once the vessel re-flags: its old MMSI goes dark for the rest of the window; " +
            (darkExpected ? "a dark period of the old MMSI is expected (the detection does not tie the silence to the new identity)" : "decoy"));
    }

    /// <summary>A watch-listed vessel sails through the point; from <c>atHours</c>, for <c>durationHours</c>, a second transmitter sends its identity <c>apartNm</c> away.</summary>
    private void Clone(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var v = SailThrough(vessels, b, id, at, random, "imo");
        var apartMeters = (b.ApartNm ?? 300) * SimGeo.MetersPerNauticalMile;
        var p = new GeoPoint(b.Lat!.Value, b.Lon!.Value);
        var start = random.Between(0, 360);
        var where = Enumerable.Range(0, 36).Select(k => SimGeo.Destination(p, start + (10 * k), apartMeters))
            .FirstOrDefault(q => scenario.SeaAreas.Any(a => a.Box.Contains(q)));
        if (where.Lat == 0 && where.Lon == 0)
        {
            throw new ScenarioException($"behaviour '{id}': no sea area lies {Hours(b.ApartNm ?? 300)} nm from {Hours(p.Lat)} N {Hours(p.Lon)} E for the clone");
        }

        var duration = (long)((b.DurationHours ?? 3) * Hour);
        var timeline = new VesselTimeline(where, at, 8);
        SeaRouter.Extend(timeline, router.AreaFor(where), endMs, b.SpeedKnots ?? 11, random);
        timeline.AddSilence(at + duration, endMs + Hour);
        var clone = new SimulatedVessel(vessels.Count, v.Identity, v.Interest, timeline, id);
        vessels.Add(clone);
        SlowSpots.Add(where);
        Add(id, TruthBehaviour.IdentityConflict, v.Identity.Mmsi, null, at, at + duration, null, v.IsOfInterest, v.IsOfInterest,
            b.Description ?? $"{Describe(v)} is cloned: a second transmitter broadcasts its identity {Hours(b.ApartNm ?? 300)} nm away for {Hours(duration / (double)Hour)} h, the two interleaved; " +
            (v.IsOfInterest ? "must alert, and no dark period or transfer may be made of the interleaving" : "decoy: not of interest"));
    }

    /// <summary>A vessel of interest sails through the point and changes its destination at <c>atHours</c>: voyage data, not identity.</summary>
    private void DestinationChange(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var v = SailThrough(vessels, b, id, at, random, "imo");
        var next = identities.WithNewDestination(v.Identity);
        v.LaterIdentities.Add((at, next));
        Add(id, TruthBehaviour.IdentityChange, v.Identity.Mmsi, null, at, at + (30 * Minute), null, false, false,
            b.Description ?? $"{Describe(v)} changes its destination from {v.Identity.Destination} to {next.Destination}; decoy: a destination is voyage data, not identity");
    }

    /// <summary>A vessel of interest sails through the point with every report heard by two receivers (the same message twice, another station).</summary>
    private void DoubleReception(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random)
    {
        var v = SailThrough(vessels, b, id, at, random, "mid");
        v.HeardTwice = true;
        Add(id, TruthBehaviour.IdentityConflict, v.Identity.Mmsi, null, at, at + (long)((b.DurationHours ?? 3) * Hour), null, false, false,
            b.Description ?? $"{Describe(v)} is heard by two receivers, every report twice; decoy: the same report from two stations is one vessel in one place");
    }

    /// <summary>A vessel (of interest by <paramref name="defaultInterest"/> unless the behaviour says) that sails through the behaviour's point at <paramref name="at"/> and on around its sea box.</summary>
    private SimulatedVessel SailThrough(List<SimulatedVessel> vessels, BehaviourDefinition b, string id, long at, SimRandom random, string defaultInterest)
    {
        var p = new GeoPoint(b.Lat!.Value, b.Lon!.Value);
        var speed = b.SpeedKnots ?? 10;
        var timeline = Approach(p, at, speed, 2, random);
        SeaRouter.Extend(timeline, router.AreaFor(p), endMs, speed, random);
        return NewVessel(vessels, b.Interest == "none" ? defaultInterest : b.Interest, b.ShipType ?? 80, timeline, id);
    }
}
