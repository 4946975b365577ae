namespace EDTF.Streaming.Simulation;

/// <summary>Routes vessels between random waypoints inside open-water boxes, so that tracks stay at sea.</summary>
internal sealed class SeaRouter(IReadOnlyList<SeaArea> areas)
{
    /// <summary>The box containing <paramref name="p"/>, else the one whose centre is nearest.</summary>
    public SeaArea AreaFor(GeoPoint p) =>
        areas.FirstOrDefault(a => a.Box.Contains(p)) ?? areas.MinBy(a => SimGeo.DistanceMeters(a.Box.Center, p))!;

    public SeaArea PickWeighted(SimRandom random)
    {
        var total = areas.Sum(a => a.Weight);
        var x = random.NextDouble() * total;
        foreach (var area in areas)
        {
            x -= area.Weight;
            if (x < 0)
            {
                return area;
            }
        }

        return areas[^1];
    }

    /// <summary>Appends legs to waypoints in <paramref name="area"/> until the timeline reaches <paramref name="untilMs"/>.</summary>
    public static void Extend(VesselTimeline timeline, SeaArea area, long untilMs, double speedKnots, SimRandom random, int navStatus = 0)
    {
        while (timeline.EndTimeMs < untilMs)
        {
            var next = area.Box.RandomPoint(random);
            for (var attempt = 0; attempt < 8 && SimGeo.DistanceMeters(timeline.EndPosition, next) < 20_000; attempt++)
            {
                next = area.Box.RandomPoint(random);
            }

            timeline.Sail(next, speedKnots * random.Between(0.92, 1.08), navStatus);
        }
    }
}
