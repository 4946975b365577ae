using System.Globalization;
using EDTF.Streaming.Cli.Progress;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Cli.Detect;

/// <summary>One run of <c>detect</c>: feeds the reader's blocks to the pipeline, writes alerts as JSON Lines, and the summary (per file, then overall).</summary>
internal sealed class DetectRun
{
    private readonly DetectionPipeline _pipeline;
    private readonly Stream _output;
    private readonly SortedDictionary<string, long> _alertCounts = new(StringComparer.Ordinal);

    public DetectRun(DetectionOptions options, Watchlist watchlist, PortAreas ports, Stream output)
    {
        _output = output;
        _pipeline = new DetectionPipeline(options, watchlist, ports, Write);
    }

    /// <summary>Watch-list changes to apply as event time reaches them (before <see cref="Run"/>).</summary>
    public void AddWatchlistChanges(IEnumerable<WatchlistChange> changes)
    {
        foreach (var change in changes)
        {
            _pipeline.AddWatchlistChange(change);
        }
    }

    /// <summary>Detects over every block of <paramref name="reader"/>, then completes the pipeline (vessels still dark stay open).</summary>
    public void Run(DetectInputReader reader)
    {
        foreach (var batch in reader.ReadAll())
        {
            if (batch.WithoutEventTime > 0)
            {
                _pipeline.AddWithoutEventTime(batch.WithoutEventTime);
            }

            // The pipeline keeps the block while reports in it wait for the watermark, and gives it back to the reader after.
            var lent = batch;
            _pipeline.AddBlock(lent.Items, lent.Count, partition: 0, () => reader.Return(lent));
        }

        _pipeline.Complete();
    }

    public void WriteSummary(TextWriter w, DetectInputReader reader, int files, TimeSpan elapsed)
    {
        var s = _pipeline.Statistics;
        var sentences = reader.Sentences;
        var rate = elapsed.TotalSeconds > 0 ? sentences / elapsed.TotalSeconds : 0;
        var inv = CultureInfo.InvariantCulture;
        foreach (var line in reader.FirstRejects)
        {
            w.WriteLine("detect: reject " + line);
        }

        InputFilesSummary.Write(w, "detect", reader.Files);
        w.WriteLine(string.Create(inv, $"detect: {sentences:N0} sentences in {files} file(s), {s.ReportsIn:N0} reports, {reader.RejectCounts.Values.Sum():N0} rejects{Breakdown(reader.RejectCounts)}"));
        if (reader.Filtered > 0)
        {
            w.WriteLine(string.Create(inv, $"detect: {reader.Filtered:N0} reports skipped by --bbox/--mmsi/--from/--to"));
        }

        w.WriteLine(string.Create(inv, $"detect: {s.VesselsTracked:N0} vessels ({s.VesselsOfInterest:N0} of interest); {s.NonVesselReports:N0} non-vessel reports, {s.Duplicates:N0} duplicates, {s.ImplausibleJumps:N0} implausible jumps, {s.LateReports:N0} late, {s.ReportsWithoutEventTime:N0} without event time"));
        w.WriteLine(string.Create(inv, $"detect: event times not believed: {s.ReportsDroppedAhead:N0} far ahead and never confirmed, {s.ReportsTooFarBehind:N0} far behind ({s.ReportsReleasedFromHold:N0} held, then confirmed); capacity: {s.ReportsOfRefusedVessels:N0} reports of untracked vessels, {s.MidInterestRefused:N0} MID-445 vessels not made of interest, {s.OpeningsDeferred:N0} alert openings put off by the storm bound, {s.UpdatesDropped:N0} alert updates dropped"));
        if (s.ReportsWithoutEventTime > 0 && s.ReportsWithoutEventTime * 2 >= s.ReportsIn)
        {
            w.WriteLine(string.Create(inv, $"detect: warning: {s.ReportsWithoutEventTime:N0} of {s.ReportsIn:N0} reports carry no event time (no TAG block 'c:', leading ISO or trailing unix timestamp on the line) and were skipped: detection needs time"));
        }

        if (_pipeline.Watchlist.ChangesApplied > 0 || _pipeline.WatchlistChangesWaiting > 0)
        {
            w.WriteLine(string.Create(inv, $"detect: watch list: {_pipeline.Watchlist.ChangesApplied:N0} changes applied, {_pipeline.WatchlistChangesWaiting:N0} effective after the last report (not applied), {_pipeline.Watchlist.Entries.Count:N0} entries at the end"));
        }

        w.WriteLine(string.Create(inv, $"detect: {s.AlertsEmitted:N0} alert updates{Breakdown(_alertCounts)}"));
        w.WriteLine(string.Create(inv, $"detect: {elapsed.TotalSeconds:F2} s, {rate:N0} sentences/s"));
    }

    private void Write(AlertUpdate alert)
    {
        _output.Write(AlertJson.SerializeToUtf8Bytes(alert));
        _output.WriteByte((byte)'\n');
        var key = alert.Type + " " + alert.Status;
        _alertCounts[key] = _alertCounts.GetValueOrDefault(key) + 1;
    }

    private static string Breakdown(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "" : " (" + string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:N0}"))) + ")";
}
