using EDTF.Streaming.Detection;
using EDTF.Streaming.Simulation;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>Scores the demo's alerts against truth.json with the simulator's <see cref="TruthScorer"/> (the rules of <c>edtf score</c>), keeping the alert updates behind each verdict.</summary>
internal static class DemoScoring
{
    /// <summary>How far an alert's start may be from the scripted start (the default of <c>edtf score</c>).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(60);

    /// <summary>Scores <paramref name="alerts"/> (every update, or the latest per alert id); <paramref name="scopeAll"/> judges with <c>expectedScopeAll</c>.</summary>
    public static DemoScore Score(IEnumerable<AlertUpdate> alerts, GroundTruth truth, bool scopeAll = false)
    {
        var updates = alerts.ToList();
        var latest = new Dictionary<string, AlertUpdate>(StringComparer.Ordinal);
        foreach (var a in updates)
        {
            latest[a.AlertId] = a;
        }

        var report = new TruthScorer(truth, Tolerance, scopeAll).Score(updates.Select(ToScored));
        var matched = report.Matched.ToLookup(m => m.Truth.Id, m => latest[m.Alert.AlertId], StringComparer.Ordinal);
        var missed = report.Missed.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var found = report.Expected.Where(b => !missed.Contains(b.Id)).Select(b => new BehaviourOutcome(b, true, [.. matched[b.Id]])).ToList();
        var falsePositives = report.DecoyHits
            .GroupBy(h => h.Truth.Id, StringComparer.Ordinal)
            .Select(g => new BehaviourOutcome(g.First().Truth, false, [.. g.Select(h => latest[h.Alert.AlertId])]))
            .ToList();
        var byType = report.Expected
            .GroupBy(b => b.Type, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TypeScore(g.Key, g.Count(b => !missed.Contains(b.Id)), g.Count()))
            .ToList();
        return new DemoScore(
            found,
            [.. report.Missed.Select(b => new BehaviourOutcome(b, true, []))],
            falsePositives,
            [.. report.Unexplained.Select(a => latest[a.AlertId])],
            byType,
            truth.Behaviours.Count(b => !(scopeAll ? b.ExpectedScopeAll : b.Expected)));
    }

    private static ScoredAlert ToScored(AlertUpdate a) =>
        new(a.AlertId, a.Type, a.Status, a.Vessel.Mmsi, a.Counterpart?.Mmsi, a.Start, a.Confidence);
}
