namespace EDTF.Streaming.Simulation;

/// <summary>A port the simulator can send vessels to: its anchorage box, a berth inside it and an approach point at sea.</summary>
internal sealed record SimulatedPort(string Name, string Country, GeoBox Area, GeoPoint Berth, GeoPoint Approach, IReadOnlyList<GeoPoint> PassRoute);

/// <summary>The port catalogue: boxes from Global Fishing Watch's named anchorages (as in config/ports.geojson), two DPRK ports, Busan as a port of neither.</summary>
internal static class SimulatedPorts
{
    public static readonly IReadOnlyList<SimulatedPort> All =
    [
        new("Vostochny", "RU", new GeoBox(42.717, 42.796, 132.968, 133.071), new GeoPoint(42.760, 133.030), new GeoPoint(42.600, 133.020),
            [new GeoPoint(42.640, 132.850), new GeoPoint(42.735, 133.010), new GeoPoint(42.640, 133.200)]),
        new("Nakhodka", "RU", new GeoBox(42.753, 42.828, 132.870, 132.970), new GeoPoint(42.790, 132.905), new GeoPoint(42.620, 132.880),
            [new GeoPoint(42.640, 132.780), new GeoPoint(42.770, 132.915), new GeoPoint(42.640, 133.050)]),
        new("Vladivostok", "RU", new GeoBox(43.036, 43.169, 131.769, 132.046), new GeoPoint(43.060, 131.990), new GeoPoint(42.880, 132.050),
            [new GeoPoint(42.900, 131.850), new GeoPoint(43.050, 132.000), new GeoPoint(42.900, 132.200)]),
        new("Slavyanka", "RU", new GeoBox(42.868, 42.928, 131.387, 131.484), new GeoPoint(42.890, 131.430), new GeoPoint(42.750, 131.500),
            [new GeoPoint(42.760, 131.300), new GeoPoint(42.880, 131.440), new GeoPoint(42.760, 131.600)]),
        new("Zarubino", "RU", new GeoBox(42.574, 42.644, 131.074, 131.111), new GeoPoint(42.620, 131.090), new GeoPoint(42.500, 131.150),
            [new GeoPoint(42.500, 131.000), new GeoPoint(42.600, 131.095), new GeoPoint(42.500, 131.250)]),
        // DPRK ports: boxes inside config/ports.geojson's (World Port Index positions with ~5 km), approaches to the open water.
        new("Nampo", "KP", new GeoBox(38.690, 38.745, 125.360, 125.440), new GeoPoint(38.716, 125.400), new GeoPoint(38.640, 125.200),
            [new GeoPoint(38.620, 125.300), new GeoPoint(38.700, 125.400), new GeoPoint(38.620, 125.500)]),
        new("Rajin", "KP", new GeoBox(42.205, 42.262, 130.260, 130.340), new GeoPoint(42.235, 130.300), new GeoPoint(42.120, 130.420),
            [new GeoPoint(42.150, 130.200), new GeoPoint(42.225, 130.300), new GeoPoint(42.150, 130.420)]),
        new("Busan", "KR", new GeoBox(35.030, 35.120, 128.980, 129.120), new GeoPoint(35.070, 129.060), new GeoPoint(34.920, 129.100),
            [new GeoPoint(34.950, 128.900), new GeoPoint(35.060, 129.050), new GeoPoint(34.950, 129.250)]),
    ];

    public static SimulatedPort? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
