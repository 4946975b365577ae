using System.Globalization;
using System.Text;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>The closing summary of a demo run: traffic, the service's counters, alerts by type and status, and the score against the truth.</summary>
internal static class DemoSummary
{
    public static string Render(DemoResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var s = r.Service;
        var text = new StringBuilder();
        void Line(string label, string value) => text.Append(c, $"{label,-22}{value}\n");

        text.Append('\n').Append(r.Interrupted ? "Summary (interrupted: the figures cover what ran)\n" : "Summary\n");
        var speed = double.IsPositiveInfinity(r.Speed) ? "unpaced" : string.Create(c, $"{r.Speed:0.#}x");
        Line("records produced", string.Create(c, $"{r.RecordsProduced:N0} in {r.ProduceTime.TotalSeconds:0.0} s ({speed}), {r.Truth.Start} to {r.Truth.End}"));
        if (r.NotProduced.Count > 0)
        {
            Line("not produced", string.Create(c, $"{r.NotProduced.Sum(x => x.Count):N0} undecodable input line(s) the replay left out (") +
                string.Join(", ", r.NotProduced.Select(x => string.Create(c, $"{x.Reason} {x.Count:N0}"))) + ")");
        }

        if (r.Interrupted)
        {
            Line("traffic stopped at", r.ProducedUntilMs is { } until ? DateTimeOffset.FromUnixTimeMilliseconds(until).ToString("yyyy-MM-dd HH:mm:ss'Z'", c) : "(nothing produced)");
        }

        Line("records consumed", string.Create(c, $"{s.RecordsConsumed:N0}"));
        Line("sentences decoded", string.Create(c, $"{s.SentencesDecoded:N0}"));
        Line("decode rejects", string.Create(c, $"{s.Rejects:N0}") +
            (s.RejectsByReason.Count == 0 ? "" : " (" + string.Join(", ", s.RejectsByReason.Select(x => string.Create(c, $"{x.Reason} {x.Count:N0}"))) + ")"));
        Line("dead letters", string.Create(c, $"{s.DeadLetters:N0}"));
        var counts = r.Alerts.CountsByTypeAndStatus();
        var latest = r.Alerts.Latest();
        Line("alert updates", string.Create(c, $"{counts.Sum(x => x.Count):N0}") +
            (counts.Count == 0 ? "" : " (" + string.Join(", ", counts.Select(x => string.Create(c, $"{x.Type} {x.Status} {x.Count}"))) + ")"));
        Line("alerts", string.Create(c, $"{latest.Count} ({latest.Count(a => a.Status == "open")} still open at the end of the traffic)"));

        var score = r.Score;
        text.Append('\n');
        Line("scripted behaviours", string.Create(c, $"found {score.Found.Count} of {score.Expected}") +
            (score.ByType.Count == 0 ? "" : ": " + string.Join(", ", score.ByType.Select(t => $"{t.Type} {t.Found}/{t.Expected}"))));
        foreach (var o in score.Found)
        {
            text.Append(c, $"  found     {Describe(o)}\n");
        }

        foreach (var o in score.Missed)
        {
            text.Append(c, $"  {(r.Interrupted ? "not found" : "MISSED   ")} {Describe(o)}\n");
        }

        Line("false positives", string.Create(c, $"{score.FalsePositives.Count} of {score.Decoys} decoys alerted"));
        foreach (var o in score.FalsePositives)
        {
            text.Append(c, $"  DECOY     {Describe(o)}\n");
        }

        Line("unscripted alerts", string.Create(c, $"{score.Unscripted.Count}"));
        foreach (var a in score.Unscripted)
        {
            text.Append("  ").Append(DemoAlertBoard.Row(a)).Append('\n');
        }

        foreach (var problem in r.Problems)
        {
            text.Append("problem: ").Append(problem).Append('\n');
        }

        text.Append('\n').Append(c, $"score: {score.Found.Count}/{score.Expected} scripted behaviours found, {score.FalsePositives.Count} false positive(s)");
        text.Append(score.Perfect ? " - all found, no decoy alerted, nothing unscripted" : " - NOT all as scripted (see above)");
        text.Append(c, $"; wall time {r.WallTime.TotalSeconds:0.0} s\n");
        return text.ToString();
    }

    private static string Describe(BehaviourOutcome o)
    {
        var b = o.Behaviour;
        var who = b.CounterpartMmsi is { } other ? $"{b.Mmsi} + {other}" : b.Mmsi.ToString(CultureInfo.InvariantCulture);
        var where = b.Port is { } port ? " at " + port : "";
        var alerts = o.Alerts.Count == 0 ? "" : " -> " + string.Join("; ", o.Alerts.Select(Brief));
        return $"{b.Id} ({b.Type} {who}{where}, {Clock(b.Start)}-{Clock(b.End)}){alerts}";
    }

    private static string Brief(AlertUpdate a) =>
        string.Create(CultureInfo.InvariantCulture, $"{a.Status} {a.Start:HH:mm}-{(a.End is { } e ? e.ToString("HH:mm", CultureInfo.InvariantCulture) : "")} {a.Confidence}");

    private static string Clock(string rfc3339) =>
        DateTimeOffset.TryParse(rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)
            : rfc3339;
}
