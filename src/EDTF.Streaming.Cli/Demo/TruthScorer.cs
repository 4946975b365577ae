using System.Globalization;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Detection.Simulation;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>Matches alerts (latest update per alert id) against a simulation's truth.json: expected behaviours found or missed, decoys alerted.</summary>
/// <remarks>
/// An alert matches a scripted behaviour when the type is the same, the vessels are the same (a transfer's pair in either
/// order), the port has the same name (port calls, when both name one), and the alert's span (start to end, or to the
/// event time of its latest update while open) overlaps the scripted span widened by <c>tolerance</c> on both sides.
/// </remarks>
internal static class TruthScorer
{
    /// <summary>The tolerance the simulator's own scenario test uses (truth times are the script's, detection times the data's).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromHours(1);

    /// <summary>Scores <paramref name="alerts"/>; <paramref name="scopeAll"/> judges with <c>expectedScopeAll</c> instead of <c>expected</c>.</summary>
    public static DemoScore Score(IEnumerable<AlertUpdate> alerts, IReadOnlyList<TruthBehaviour> truth, bool scopeAll = false, TimeSpan? tolerance = null)
    {
        var tol = tolerance ?? DefaultTolerance;
        var latest = alerts
            .GroupBy(a => a.AlertId, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(a => a.Start)
            .ThenBy(a => a.AlertId, StringComparer.Ordinal)
            .ToList();
        var outcomes = truth
            .Select(b => new BehaviourOutcome(b, scopeAll ? b.ExpectedScopeAll : b.Expected, [.. latest.Where(a => Matches(a, b, tol))]))
            .ToList();
        var explained = outcomes.SelectMany(o => o.Alerts).Select(a => a.AlertId).ToHashSet(StringComparer.Ordinal);
        var byType = outcomes
            .Where(o => o.Expected)
            .GroupBy(o => o.Behaviour.Type, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TypeScore(g.Key, g.Count(o => o.Alerts.Count > 0), g.Count()))
            .ToList();
        return new DemoScore(
            [.. outcomes.Where(o => o.Expected && o.Alerts.Count > 0)],
            [.. outcomes.Where(o => o.Expected && o.Alerts.Count == 0)],
            [.. outcomes.Where(o => !o.Expected && o.Alerts.Count > 0)],
            [.. latest.Where(a => !explained.Contains(a.AlertId))],
            byType,
            outcomes.Count(o => !o.Expected));
    }

    /// <summary>True when <paramref name="alert"/> reports the scripted <paramref name="behaviour"/> (see the class remarks).</summary>
    public static bool Matches(AlertUpdate alert, TruthBehaviour behaviour, TimeSpan tolerance)
    {
        if (!string.Equals(alert.Type, behaviour.Type, StringComparison.Ordinal))
        {
            return false;
        }

        var sameVessels = behaviour.CounterpartMmsi is { } other
            ? alert.Counterpart is { } c
              && ((alert.Vessel.Mmsi == behaviour.Mmsi && c.Mmsi == other) || (alert.Vessel.Mmsi == other && c.Mmsi == behaviour.Mmsi))
            : alert.Vessel.Mmsi == behaviour.Mmsi;
        if (!sameVessels)
        {
            return false;
        }

        if (behaviour.Port is { Length: > 0 } port && alert.Port is { Name.Length: > 0 } alertPort
            && !alertPort.Name.Contains(port, StringComparison.OrdinalIgnoreCase) && !port.Contains(alertPort.Name, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var truthStart = Parse(behaviour.Start) - tolerance;
        var truthEnd = Parse(behaviour.End) + tolerance;
        var alertEnd = alert.End ?? alert.DetectedAt;
        return alert.Start <= truthEnd && (alertEnd < alert.Start ? alert.Start : alertEnd) >= truthStart;
    }

    private static DateTimeOffset Parse(string rfc3339) =>
        DateTimeOffset.Parse(rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
