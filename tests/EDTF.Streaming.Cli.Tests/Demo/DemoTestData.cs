using System.Globalization;
using System.Text.Json.Nodes;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Simulation;

namespace EDTF.Streaming.Cli.Tests.Demo;

/// <summary>Hand-made alerts and truth entries for the scorer tests (times are hours after 2026-03-01T00:00Z).</summary>
internal static class DemoTestData
{
    private static readonly DateTimeOffset Origin = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static TruthBehaviour Truth(string id, string type, int mmsi, double startHours, double endHours, bool expected = true, int? counterpart = null, string? port = null) =>
        new(id, type, mmsi, counterpart, Time(startHours), Time(endHours), port, expected, expected, null, id);

    public static GroundTruth TruthOf(params TruthBehaviour[] behaviours) => new() { Scenario = "hand-made", Behaviours = [.. behaviours] };

    public static AlertUpdate Alert(
        string type, int mmsi, double startHours, double? endHours, int? counterpart = null, string? port = null, double? detectedHours = null, string? id = null) => new()
    {
        AlertId = id ?? $"{type}-{mmsi}-{counterpart}-{startHours.ToString(CultureInfo.InvariantCulture)}",
        Type = type,
        Status = endHours is null ? "open" : "closed",
        Vessel = new AlertVessel(mmsi, null, "V" + mmsi.ToString(CultureInfo.InvariantCulture), null, 80, null),
        Counterpart = counterpart is { } c ? new AlertVessel(c, null, null, null, null, null) : null,
        Watchlist = [],
        Start = Origin.AddHours(startHours),
        End = endHours is { } e ? Origin.AddHours(e) : null,
        Position = new AlertPosition(41, 133),
        Port = port is null ? null : new AlertPort(port, "RU", null),
        Confidence = "medium",
        Evidence = [],
        DetectedAt = Origin.AddHours(detectedHours ?? endHours ?? startHours),
    };

    private static string Time(double hours) =>
        Origin.AddHours(hours).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
