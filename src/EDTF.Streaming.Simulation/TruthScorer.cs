using System.Globalization;
using System.Text;

namespace EDTF.Streaming.Simulation;

/// <summary>
/// Scores alerts against truth.json: an alert matches a behaviour of the same type, the same vessel (a transfer: the same pair in
/// either order) and a start within the tolerance (a decoy: any start while it lasts). The latest update of each alert id counts.
/// </summary>
internal sealed class TruthScorer(GroundTruth truth, TimeSpan tolerance, bool scopeAll = false)
{
    /// <summary>The types always listed in the report; others (IdentityChange, IdentityConflict, ...) are listed when alerted or expected.</summary>
    public static readonly string[] Types = [TruthBehaviour.DarkPeriod, TruthBehaviour.ShipToShipTransfer, TruthBehaviour.PortCall];

    /// <summary>A cargo estimate is right when the true tonnes lie inside its low-high range or the estimate is within this share of the true figure.</summary>
    public const double CargoTolerance = 0.25;

    public ScoreReport Score(IEnumerable<ScoredAlert> updates)
    {
        var latest = new Dictionary<string, ScoredAlert>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var u in updates)
        {
            if (!latest.ContainsKey(u.AlertId))
            {
                order.Add(u.AlertId);
            }

            latest[u.AlertId] = u;
        }

        var alerts = order.Select(id => latest[id]).ToList();
        var report = new ScoreReport(scopeAll, tolerance) { Alerts = alerts, Expected = [.. truth.Behaviours.Where(Expected)] };
        foreach (var alert in alerts)
        {
            var matches = truth.Behaviours.Where(b => Matches(b, alert)).ToList();
            if (matches.FirstOrDefault(Expected) is { } hit)
            {
                report.Matched.Add((alert, hit));
                if (hit.Cargo is { } cargo)
                {
                    var problem = CargoProblem(cargo, alert.Cargo);
                    (problem is null ? report.CargoRight : report.CargoWrong).Add((alert, hit, problem ?? "ok"));
                }
            }
            else if (matches.Count > 0)
            {
                report.DecoyHits.Add((alert, matches[0]));
            }
            else
            {
                report.Unexplained.Add(alert);
            }
        }

        report.Missed.AddRange(report.Expected.Where(b => !alerts.Any(a => Matches(b, a))));
        return report;
    }

    private bool Expected(TruthBehaviour b) => scopeAll ? b.ExpectedScopeAll : b.Expected;

    /// <summary>Why the alert's cargo estimate disagrees with the truth, or null when it agrees (<see cref="CargoTolerance"/>; transfers: the same giver and receiver).</summary>
    public static string? CargoProblem(TruthCargo truth, ScoredCargo? estimate)
    {
        if (estimate is null)
        {
            return "no evidence.cargo";
        }

        if (truth.Direction is null)
        {
            return estimate.Direction is null && estimate.Tonnes is null ? null : $"a correction below the threshold, estimated as {estimate.Direction} {estimate.Tonnes} t";
        }

        if (estimate.Direction != truth.Direction || estimate.Commodity != truth.Commodity)
        {
            return $"{estimate.Direction ?? "no direction"} {estimate.Commodity}, truth {truth.Direction} {truth.Commodity}";
        }

        if (!Within(truth.Tonnes, estimate.Tonnes, estimate.Low, estimate.High))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{estimate.Tonnes} t [{estimate.Low}, {estimate.High}], truth {truth.Tonnes} t");
        }

        if (truth.Barrels is { } barrels && !Within(barrels, estimate.Barrels, null, null))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{estimate.Barrels} bbl, truth {barrels} bbl");
        }

        return truth.From is not null && (estimate.From != truth.From || estimate.To != truth.To)
            ? string.Create(CultureInfo.InvariantCulture, $"from {estimate.From} to {estimate.To}, truth from {truth.From} to {truth.To}")
            : null;
    }

    private static bool Within(double? truth, double? estimate, double? low, double? high) =>
        truth is { } t && estimate is { } e && ((low <= t && t <= high) || Math.Abs(e - t) <= CargoTolerance * t);

    private bool Matches(TruthBehaviour b, ScoredAlert a)
    {
        if (!string.Equals(b.Type, a.Type, StringComparison.Ordinal))
        {
            return false;
        }

        var vessels = b.CounterpartMmsi is { } cp
            ? (a.Mmsi == b.Mmsi && a.CounterpartMmsi == cp) || (a.Mmsi == cp && a.CounterpartMmsi == b.Mmsi)
            : a.Mmsi == b.Mmsi;
        if (!vessels)
        {
            return false;
        }

        // Expected behaviours must be found near their start; a decoy is hit by any alert on it while it lasts.
        var start = DateTimeOffset.Parse(b.Start, CultureInfo.InvariantCulture);
        return (a.Start - start).Duration() <= tolerance
            || (!Expected(b) && a.Start >= start - tolerance && a.Start <= DateTimeOffset.Parse(b.End, CultureInfo.InvariantCulture) + tolerance);
    }
}

/// <summary>What <see cref="TruthScorer"/> found: matched, missed, decoys alerted, unexplained alerts; precision and recall per type.</summary>
internal sealed class ScoreReport(bool scopeAll, TimeSpan tolerance)
{
    public List<ScoredAlert> Alerts { get; init; } = [];

    public List<TruthBehaviour> Expected { get; init; } = [];

    public List<(ScoredAlert Alert, TruthBehaviour Truth)> Matched { get; } = [];

    public List<(ScoredAlert Alert, TruthBehaviour Truth)> DecoyHits { get; } = [];

    public List<ScoredAlert> Unexplained { get; } = [];

    public List<TruthBehaviour> Missed { get; } = [];

    /// <summary>Matched alerts whose cargo estimate agrees with the truth's cargo.</summary>
    public List<(ScoredAlert Alert, TruthBehaviour Truth, string Problem)> CargoRight { get; } = [];

    /// <summary>Matched alerts whose cargo estimate does not (and why).</summary>
    public List<(ScoredAlert Alert, TruthBehaviour Truth, string Problem)> CargoWrong { get; } = [];

    /// <summary>Every expected behaviour found, no decoy alerted, no unexplained alert, every cargo estimate within tolerance.</summary>
    public bool Passed => Missed.Count == 0 && DecoyHits.Count == 0 && Unexplained.Count == 0 && CargoWrong.Count == 0;

    /// <summary>Share of alerts of <paramref name="type"/> that match an expected behaviour (null without alerts).</summary>
    public double? Precision(string type)
    {
        var alerts = Alerts.Count(a => a.Type == type);
        return alerts == 0 ? null : (double)Matched.Count(m => m.Alert.Type == type) / alerts;
    }

    /// <summary>Share of expected behaviours of <paramref name="type"/> found (null when none expected).</summary>
    public double? Recall(string type)
    {
        var expected = Expected.Count(e => e.Type == type);
        return expected == 0 ? null : (double)(expected - Missed.Count(m => m.Type == type)) / expected;
    }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"scope {(scopeAll ? "all" : "interest")}, start tolerance {tolerance.TotalMinutes:0} min: {Alerts.Count} alerts, {Expected.Count} expected behaviours\n");
        var extraTypes = Alerts.Select(a => a.Type).Concat(Expected.Select(e => e.Type)).Where(t => !TruthScorer.Types.Contains(t)).Distinct().Order(StringComparer.Ordinal);
        foreach (var type in TruthScorer.Types.Concat(extraTypes))
        {
            var expected = Expected.Count(e => e.Type == type);
            sb.Append(c, $"  {type,-20} alerts {Alerts.Count(a => a.Type == type),4}  precision {Format(Precision(type)),4}  recall {Format(Recall(type)),4} ({expected - Missed.Count(m => m.Type == type)}/{expected})\n");
            foreach (var pattern in Alerts.Where(a => a.Type == type && a.Pattern is not null).Select(a => a.Pattern!).Distinct().Order(StringComparer.Ordinal))
            {
                sb.Append(c, $"    pattern {pattern,-20} alerts {Alerts.Count(a => a.Pattern == pattern),4}  matching an expected behaviour {Matched.Count(m => m.Alert.Pattern == pattern),4}\n");
            }
        }

        if (CargoRight.Count + CargoWrong.Count > 0)
        {
            sb.Append(c, $"  cargo estimates within tolerance (truth inside [low, high] or the estimate within {TruthScorer.CargoTolerance:P0} of it): {CargoRight.Count}/{CargoRight.Count + CargoWrong.Count}\n");
        }

        foreach (var (a, t, problem) in CargoWrong)
        {
            sb.Append(c, $"  CARGO WRONG {t.Id}: {a.AlertId}: {problem}\n");
        }

        foreach (var m in Missed)
        {
            sb.Append(c, $"  MISSED {m.Id}: {m.Type} {m.Mmsi}{(m.CounterpartMmsi is { } cp ? "/" + cp.ToString(c) : "")} from {m.Start}: {m.Description}\n");
        }

        foreach (var (a, t) in DecoyHits)
        {
            sb.Append(c, $"  DECOY ALERTED {t.Id}: {a.AlertId} {a.Type} {a.Mmsi} from {a.Start:yyyy-MM-dd'T'HH:mm:ss'Z'} ({a.Status}): {t.Description}\n");
        }

        foreach (var a in Unexplained)
        {
            sb.Append(c, $"  UNEXPLAINED {a.AlertId}: {a.Type} {a.Mmsi}{(a.CounterpartMmsi is { } cp ? "/" + cp.ToString(c) : "")} from {a.Start:yyyy-MM-dd'T'HH:mm:ss'Z'} ({a.Status}, {a.Confidence})\n");
        }

        sb.Append(Passed ? "PASS: every expected behaviour found, no decoy alerted\n" : "FAIL\n");
        return sb.ToString();
    }

    private static string Format(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a";
}
