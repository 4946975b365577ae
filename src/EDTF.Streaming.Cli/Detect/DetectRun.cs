using System.Globalization;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Cli.Detect;

/// <summary>One run of <c>detect</c>: feeds the reader's blocks to the pipeline, writes alerts as JSON Lines, reports progress and the summary.</summary>
internal sealed class DetectRun
{
    private const long ProgressEvery = 1_000_000;

    private readonly DetectionPipeline _pipeline;
    private readonly Stream _output;
    private readonly TextWriter? _progress;
    private readonly SortedDictionary<string, long> _alertCounts = new(StringComparer.Ordinal);
    private long _nextProgress = ProgressEvery;

    public DetectRun(DetectionOptions options, Watchlist watchlist, PortAreas ports, Stream output, TextWriter? progress)
    {
        _output = output;
        _progress = progress;
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
            var sentences = batch.SentencesSoFar;
            if (batch.WithoutEventTime > 0)
            {
                _pipeline.AddWithoutEventTime(batch.WithoutEventTime);
            }

            // The pipeline keeps the block while reports in it wait for the watermark, and gives it back to the reader after.
            var lent = batch;
            _pipeline.AddBlock(lent.Items, lent.Count, partition: 0, () => reader.Return(lent));
            if (_progress is not null && sentences >= _nextProgress)
            {
                _nextProgress = ((sentences / ProgressEvery) + 1) * ProgressEvery;
                var s = _pipeline.Statistics;
                _progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"detect: {sentences:N0} sentences, {s.VesselsTracked:N0} vessels, {s.AlertsEmitted:N0} alerts, watermark {Watermark(s.WatermarkMs)}"));
            }
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

    private static string Watermark(long? ms) =>
        ms is { } m ? DateTimeOffset.FromUnixTimeMilliseconds(m).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "none";
}
