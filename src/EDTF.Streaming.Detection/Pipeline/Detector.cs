using System.Reactive.Linq;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Dark;
using EDTF.Streaming.Detection.Identity;
using EDTF.Streaming.Detection.PortCalls;
using EDTF.Streaming.Detection.Transfer;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>Base of the detectors: an observer of the track stream that owns its event-time timers and pushes behaviours downstream.</summary>
internal abstract class Detector : IObserver<TrackEvent>, ITimerTarget
{
    private IObserver<Behaviour>? _output;

    public abstract int TimerOrder { get; }

    public abstract void OnNext(TrackEvent value);

    public abstract void OnTimer(long key, long dueMs, int kind);

    public void OnError(Exception error) => _output?.OnError(error);

    public void OnCompleted() => _output?.OnCompleted();

    internal void Attach(IObserver<Behaviour> output) => _output = output;

    protected void Publish(Behaviour behaviour) => _output?.OnNext(behaviour);
}

/// <summary>The detectors as Rx operators over the track stream (synchronous: no schedulers, no ObserveOn).</summary>
internal static class DetectorOperators
{
    /// <summary>Runs <paramref name="detector"/> over the track stream and gives its behaviours.</summary>
    public static IObservable<Behaviour> Detect(this IObservable<TrackEvent> track, Detector detector) =>
        Observable.Create<Behaviour>(observer =>
        {
            detector.Attach(observer);
            return track.Subscribe(detector);
        });

    /// <summary>Dark periods: opens when the event-time clock passes last-seen + silence, closes on reappearance.</summary>
    public static IObservable<Behaviour> DarkPeriods(this IObservable<TrackEvent> track, DarkPeriodDetector detector) => track.Detect(detector);

    /// <summary>Ship-to-ship transfers: slow pairs within the distance on a spatial grid, time-aligned, merged across short partings.</summary>
    public static IObservable<Behaviour> Transfers(this IObservable<TrackEvent> track, TransferDetector detector) => track.Detect(detector);

    /// <summary>Port calls: arrival (with a stop or a silence) and departure with hysteresis.</summary>
    public static IObservable<Behaviour> PortCalls(this IObservable<TrackEvent> track, PortCallDetector detector) => track.Detect(detector);

    /// <summary>Identity changes: the same IMO under a new MMSI, or the same MMSI with a new IMO, name or call sign.</summary>
    public static IObservable<Behaviour> IdentityChanges(this IObservable<TrackEvent> track, IdentityChangeDetector detector) => track.Detect(detector);

    /// <summary>Identity conflicts: one MMSI reporting from two places at once, as two interleaved tracks.</summary>
    public static IObservable<Behaviour> IdentityConflicts(this IObservable<TrackEvent> track, IdentityConflictDetector detector) => track.Detect(detector);
}
