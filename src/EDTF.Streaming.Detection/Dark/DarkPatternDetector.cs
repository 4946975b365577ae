using System.Reactive.Disposables;
using System.Reactive.Linq;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Dark;

/// <summary>
/// The rules built on dark periods rather than on reports: dark-dark transfers and possible dark port calls. It listens to the
/// dark period detector (one call per dark period opened or ended) and owns the dark-dark overlap timers; it does nothing per report.
/// </summary>
internal sealed class DarkPatternDetector : Detector, IDarkPeriodListener
{
    private const int OverlapTimer = 0;

    private readonly DarkDarkTransfers? _darkDark;
    private readonly PossibleDarkPortCalls? _portCalls;

    public DarkPatternDetector(DetectionOptions options, PortAreas ports, EventTimeTimers timers, CoverageGrid coverage, ReceptionModel reception)
    {
        if (options.Transfer.DarkDarkEnabled)
        {
            _darkDark = new DarkDarkTransfers(options, ports, coverage, reception, timers, this, OverlapTimer, Publish);
        }

        if (options.PortCall.PossibleDarkCallEnabled)
        {
            _portCalls = new PossibleDarkPortCalls(options.PortCall, ports);
        }
    }

    public override int TimerOrder => 4;

    /// <summary>Vessels dark now, as the dark-dark rule sees them.</summary>
    public int DarkVessels => _darkDark?.DarkVessels ?? 0;

    /// <summary>Dark pairs being watched.</summary>
    public int DarkPairs => _darkDark?.Pairs ?? 0;

    /// <summary>Not subscribed to the track stream (see <see cref="DarkPatternOperators.DarkPatterns"/>); nothing to do per report.</summary>
    public override void OnNext(TrackEvent value)
    {
    }

    public override void OnTimer(long key, long dueMs, int kind) => _darkDark?.OnTimer(key, dueMs);

    public void OnDarkOpened(Vessel vessel, long nowMs) => _darkDark?.Opened(vessel, nowMs);

    /// <summary>The vessel's state expired (idle, not of interest): its dark period leaves the dark-dark index.</summary>
    public void Forget(int mmsi) => _darkDark?.Forget(mmsi);

    public void OnDarkEnded(Vessel vessel, in DarkEnd end)
    {
        _darkDark?.Ended(vessel, end);
        if (_portCalls?.Evaluate(vessel, end) is { } call)
        {
            Publish(call);
        }
    }
}

/// <summary>The dark-period patterns as an Rx source beside the per-report detectors.</summary>
internal static class DarkPatternOperators
{
    /// <summary>Dark-dark transfers and possible dark port calls: driven by the dark period detector's open and end events, not by each report of <paramref name="track"/>.</summary>
    public static IObservable<Behaviour> DarkPatterns(this IObservable<TrackEvent> track, DarkPatternDetector detector)
    {
        ArgumentNullException.ThrowIfNull(track);
        return Observable.Create<Behaviour>(observer =>
        {
            detector.Attach(observer);
            return Disposable.Empty;
        });
    }
}
