using System.Text.RegularExpressions;
using EDTF.Streaming.Cli.Service;

namespace EDTF.Streaming.Cli.Tests.Deploy;

/// <summary>Finds the metric names a PromQL expression selects (enough PromQL for dashboards and rules).</summary>
internal static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "Inf", "NaN", "inf", "nan",
    };

    /// <summary>Series that exist besides the service's own: Prometheus' scrape health.</summary>
    public static readonly string[] BuiltIns = ["up"];

    public static IReadOnlySet<string> MetricNames(string expr)
    {
        var s = StringLiteral().Replace(expr, " ");
        s = LabelMatchers().Replace(s, " ");
        s = RangeOrSubquery().Replace(s, " ");
        s = GroupingClause().Replace(s, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Identifier().Matches(s))
        {
            var rest = s.AsSpan(m.Index + m.Length).TrimStart();
            if (Keywords.Contains(m.Value) || (rest.Length > 0 && rest[0] == '('))
            {
                continue;
            }

            names.Add(m.Value);
        }

        return names;
    }

    /// <summary>Every metric the service exports: <see cref="Service.MetricNames.All"/> and <see cref="Service.StateMetricNames.All"/>.</summary>
    public static IReadOnlyList<string> AllMetrics { get; } = [.. Service.MetricNames.All, .. Service.StateMetricNames.All];

    /// <summary>The histograms among them (their series are _bucket, _sum and _count).</summary>
    private static readonly string[] Histograms = [Service.MetricNames.ProcessingLatency, Service.StateMetricNames.SnapshotSeconds];

    /// <summary>The metric constant a series name belongs to (histograms via _bucket/_sum/_count), or null.</summary>
    public static string? Resolve(string series)
    {
        if (AllMetrics.Contains(series) && !Histograms.Contains(series))
        {
            return series;
        }

        foreach (var histogram in Histograms)
        {
            foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
            {
                if (series == histogram + suffix)
                {
                    return histogram;
                }
            }
        }

        return null;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex GroupingClause();

    [GeneratedRegex(@"(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
