using System.Globalization;
using System.Text;
using EDTF.Streaming.Cli.Service;
using Prometheus;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>The service's counters as its <c>/metrics</c> endpoint shows them, read from the registry in Prometheus text format.</summary>
internal sealed record ServiceFigures(
    double RecordsConsumed,
    double SentencesDecoded,
    double Rejects,
    IReadOnlyList<(string Reason, double Count)> RejectsByReason,
    double DeadLetters,
    double AlertsDelivered)
{
    public static async Task<ServiceFigures> ReadAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream).ConfigureAwait(false);
        return Parse(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    /// <summary>Reads the figures from an exposition in Prometheus text format.</summary>
    public static ServiceFigures Parse(string exposition)
    {
        var samples = exposition.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(Sample)
            .Where(s => s.Name.Length > 0)
            .ToList();
        double Sum(string name) => samples.Where(s => s.Name == name).Sum(s => s.Value);
        var rejects = samples
            .Where(s => s.Name == MetricNames.DecodeRejects && s.Value > 0)
            .Select(s => (Reason: Label(s.Labels, "reason"), Count: s.Value))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Reason, StringComparer.Ordinal)
            .ToList();
        return new ServiceFigures(
            Sum(MetricNames.RecordsConsumed),
            Sum(MetricNames.SentencesDecoded),
            Sum(MetricNames.DecodeRejects),
            rejects,
            Sum(MetricNames.DeadLetters),
            Sum(MetricNames.Alerts));
    }

    private static (string Name, string Labels, double Value) Sample(string line)
    {
        var space = line.LastIndexOf(' ');
        if (space <= 0 || !double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return ("", "", 0);
        }

        var series = line[..space];
        var brace = series.IndexOf('{', StringComparison.Ordinal);
        return brace < 0 ? (series, "", value) : (series[..brace], series[(brace + 1)..].TrimEnd('}'), value);
    }

    private static string Label(string labels, string name)
    {
        var key = name + "=\"";
        var at = labels.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }

        var start = at + key.Length;
        var end = labels.IndexOf('"', start);
        return end < 0 ? labels[start..] : labels[start..end];
    }
}
