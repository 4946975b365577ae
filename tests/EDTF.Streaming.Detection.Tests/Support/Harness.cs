using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Detection.Tests.Support;

/// <summary>A pipeline with a collecting sink: feed reports, read the alerts.</summary>
internal sealed class Harness
{
    private long _line;

    public Harness(DetectionOptions? options = null, Watchlist? watchlist = null, PortAreas? ports = null)
    {
        Options = options ?? new DetectionOptions { AllowedLatenessMinutes = 0 };
        Pipeline = new DetectionPipeline(Options, watchlist ?? Watchlist.Empty, ports ?? PortAreas.Empty, Alerts.Add);
    }

    public DetectionOptions Options { get; }

    public DetectionPipeline Pipeline { get; }

    public List<AlertUpdate> Alerts { get; } = [];

    public Harness Add(AisReport report, int partition = 0)
    {
        Pipeline.Add(report, Some.Source(++_line), partition);
        return this;
    }

    public Harness AddAll(IEnumerable<AisReport> reports)
    {
        foreach (var r in reports)
        {
            Add(r);
        }

        return this;
    }

    /// <summary>A vessel reporting every <paramref name="everyMinutes"/> from <paramref name="fromMs"/> to <paramref name="toMs"/> (inclusive), drifting east.</summary>
    public Harness Track(int mmsi, long fromMs, long toMs, double lat, double lon, double sog = 10, double everyMinutes = 10, double lonPerHour = 0) =>
        AddAll(Reports(mmsi, fromMs, toMs, lat, lon, sog, everyMinutes, lonPerHour));

    /// <summary>The reports of <see cref="Track"/>, to merge with others.</summary>
    public static IEnumerable<AisReport> Reports(int mmsi, long fromMs, long toMs, double lat, double lon, double sog = 10, double everyMinutes = 10, double lonPerHour = 0)
    {
        for (var t = fromMs; t <= toMs; t += Some.Minutes(everyMinutes))
        {
            yield return Some.Position(mmsi, t, lat, lon + (lonPerHour * (t - fromMs) / 3_600_000.0), sog);
        }
    }

    public Harness Complete()
    {
        Pipeline.Complete();
        return this;
    }

    public List<AlertUpdate> OfType(string type) => Alerts.Where(a => a.Type == type).ToList();

    /// <summary>Alerts of the visible case of <paramref name="type"/> (no <c>evidence.pattern</c> such as <c>darkDark</c>).</summary>
    public List<AlertUpdate> Visible(string type) => Alerts.Where(a => a.Type == type && !a.Evidence.ContainsKey("pattern")).ToList();

    /// <summary>Alerts whose <c>evidence.pattern</c> is <paramref name="pattern"/>.</summary>
    public List<AlertUpdate> OfPattern(string pattern) =>
        Alerts.Where(a => a.Evidence.TryGetPropertyValue("pattern", out var p) && p?.GetValue<string>() == pattern).ToList();

    /// <summary>The reports partitioned by MMSI (as the Kafka key does) over three partitions, partition 2 arriving 40 minutes behind the others (within the default lateness), neighbours shuffled.</summary>
    public static List<(AisReport Report, int Partition)> SplitOverThreePartitions(IReadOnlyList<AisReport> reports) =>
        reports
            .Select((r, i) => (Report: r, Partition: r.Mmsi % 3, Index: i))
            .OrderBy(x => x.Report.EventTimeMs!.Value + (x.Partition == 2 ? Some.Minutes(40) : 0))
            .ThenBy(x => x.Index % 5)
            .Select(x => (x.Report, x.Partition))
            .ToList();

    public static IEnumerable<AisReport> Merge(params IEnumerable<AisReport>[] tracks) =>
        tracks.SelectMany(t => t).OrderBy(r => r.EventTimeMs).ThenBy(r => r.Mmsi);
}
