using System.Globalization;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Kafka;

/// <summary>Says in the log when one of the pipeline's guards acted since the last report: a capacity bound bit, or event times were not believed.</summary>
/// <remarks>Owned by the processing thread (called with the gauges, about once a second), so a storm gives one line a second, not one per report.</remarks>
internal sealed class GuardLog
{
    private PipelineStatistics _last = new();

    /// <summary>Logs what changed since the previous call.</summary>
    public void Report(PipelineStatistics now, DetectionOptions options, Action<string> log)
    {
        var c = options.Capacity;
        Say(now.ReportsOfRefusedVessels - _last.ReportsOfRefusedVessels, $"reports of new vessels not tracked: {now.VesselsTracked} vessels tracked, the bound (Detection:Capacity:MaxTrackedVessels={c.MaxTrackedVessels})", log);
        Say(now.MidInterestRefused - _last.MidInterestRefused, $"new MID-445 vessels tracked as ordinary: the bound of vessels of interest by MID alone (Detection:Capacity:MaxMidOnlyVesselsOfInterest={c.MaxMidOnlyVesselsOfInterest}) is reached", log);
        Say(now.OpeningsDeferred - _last.OpeningsDeferred, $"alert openings put off to later watermark steps: more than Detection:Capacity:MaxOpeningsPerWatermarkStep={c.MaxOpeningsPerWatermarkStep} in one step (an alert storm; {now.UpdatesDeferredNow} updates wait)", log);
        Say(now.UpdatesDropped - _last.UpdatesDropped, "alert updates dropped: more than 100,000 waited behind the storm bound", log);
        Say(now.ReportsDroppedAhead - _last.ReportsDroppedAhead, $"reports dated far ahead of their partition dropped, never confirmed ({now.ReportsHeldAhead} held now)", log);
        Say(now.ReportsTooFarBehind - _last.ReportsTooFarBehind, $"reports rejected as more than Detection:EventTime:MaxBehindHours={options.EventTime.MaxBehindHours} behind their partition", log);
        if (now.ReportsHeldAhead > 0 && _last.ReportsHeldAhead == 0)
        {
            log(string.Create(CultureInfo.InvariantCulture, $"warn: {now.ReportsHeldAhead} report(s) held: dated more than Detection:EventTime:MaxAheadMinutes={options.EventTime.MaxAheadMinutes} ahead of their partition, not yet confirmed"));
        }

        _last = now;
    }

    private static void Say(long delta, string what, Action<string> log)
    {
        if (delta > 0)
        {
            log(string.Create(CultureInfo.InvariantCulture, $"warn: {delta} {what}"));
        }
    }
}
