using System.Globalization;
using EDTF.Streaming.Kafka.Replay;

namespace EDTF.Streaming.Cli.Replay;

/// <summary>Writes the end-of-replay summary: records sent and delivered, rate, event-time span, bad rows by reason with line numbers.</summary>
internal static class ReplaySummary
{
    public static void Write(TextWriter writer, ReplayStatistics statistics, string topic, TimeSpan elapsed, bool completed)
    {
        var inv = CultureInfo.InvariantCulture;
        var rate = elapsed.TotalSeconds > 0 ? statistics.Delivered / elapsed.TotalSeconds : 0;
        writer.WriteLine(string.Create(inv,
            $"replay {(completed ? "finished" : "interrupted")}: {statistics.Delivered:N0} of {statistics.Sent:N0} records delivered to {topic} in {elapsed.TotalSeconds:F1} s ({rate:N0} records/s)"));
        if (statistics.FirstEventMs is { } first && statistics.LastEventMs is { } last)
        {
            writer.WriteLine($"event time: {TimeArgument.Format(first)} .. {TimeArgument.Format(last)}");
        }

        if (statistics.Failed > 0)
        {
            writer.WriteLine(string.Create(inv, $"delivery failures: {statistics.Failed:N0} (first: {statistics.FirstError})"));
        }
        else if (statistics.Delivered < statistics.Sent)
        {
            writer.WriteLine(string.Create(inv, $"not confirmed: {statistics.Sent - statistics.Delivered:N0} (last error: {statistics.FirstError ?? "none"})"));
        }

        if (statistics.OutsideWindow > 0)
        {
            writer.WriteLine(string.Create(inv, $"outside --from/--to: {statistics.OutsideWindow:N0}"));
        }

        if (statistics.Filtered > 0)
        {
            writer.WriteLine(string.Create(inv, $"skipped by --bbox/--mmsi: {statistics.Filtered:N0}"));
        }

        writer.WriteLine(string.Create(inv, $"bad rows: {statistics.Rejected:N0}"));
        foreach (var (reason, count, firstRejects) in statistics.RejectsByReason())
        {
            var more = count > firstRejects.Count ? ", ..." : string.Empty;
            writer.WriteLine(string.Create(inv, $"  {reason}: {count:N0} (lines {string.Join(", ", firstRejects.Select(Where))}{more})"));
        }

        foreach (var (_, _, firstRejects) in statistics.RejectsByReason())
        {
            foreach (var reject in firstRejects)
            {
                writer.WriteLine("    " + reject);
            }
        }
    }

    private static string Where(Ais.Formats.InputReject reject) =>
        string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(reject.File)}:{reject.Line}");
}
