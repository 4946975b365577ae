using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Pipeline;

namespace EDTF.Streaming.Detection.Tracking;

/// <summary>
/// Idle expiry of vessel state, so that a service running for months does not keep every MMSI it ever heard: once an
/// hour of event time, vessels silent for <see cref="DetectionOptions.VesselIdleHours"/> are forgotten unless they are
/// of interest or still take part in something (an open dark period under scope <c>all</c>, a port call, a transfer candidate).
/// </summary>
/// <remarks>Runs as an event-time timer, interleaved with reports in time order, so the result does not depend on partitioning.</remarks>
internal sealed class VesselExpiry(DetectionOptions options, VesselTracker tracker, AlertStage alerts, EventTimeTimers timers) : ITimerTarget
{
    private const long SweepEveryMs = 3_600_000;

    /// <summary>Over a jump of event time longer than this many sweeps, the sweeps in between are skipped (bounded work).</summary>
    private const long MaxSweepsPerJump = 48;

    private readonly long _idleMs = (long)(options.VesselIdleHours * 3_600_000);
    private bool _scheduled;

    public int TimerOrder => 9;

    /// <summary>Starts the hourly sweeps at the first report (nothing to do when expiry is off).</summary>
    public void OnReport(long timeMs)
    {
        if (_scheduled || _idleMs <= 0)
        {
            return;
        }

        _scheduled = true;
        timers.Schedule(this, 0, ((timeMs / SweepEveryMs) + 1) * SweepEveryMs);
    }

    public void OnTimer(long key, long dueMs, int kind)
    {
        var before = dueMs - _idleMs;
        foreach (var mmsi in tracker.Evict(v => v.LastReportMs < before && CanForget(v, dueMs)))
        {
            alerts.Forget(mmsi);
        }

        var next = dueMs + SweepEveryMs;
        if (timers.TargetMs - next > MaxSweepsPerJump * SweepEveryMs)
        {
            // A long jump (an outage of the whole feed): one sweep near its end does what the skipped ones would.
            next = ((timers.TargetMs - 1) / SweepEveryMs) * SweepEveryMs;
            SkippedSweeps += (next - dueMs) / SweepEveryMs - 1;
        }

        timers.Schedule(this, 0, next);
    }

    /// <summary>Hourly sweeps skipped over long jumps of event time.</summary>
    public long SkippedSweeps { get; private set; }

    private bool CanForget(Vessel v, long nowMs) =>
        v.Interest == InterestReasons.None && !v.IsOfInterest(nowMs) &&
        v.PortIndex < 0 && v.GridCell == long.MinValue &&
        !(options.ScopeAll && v.DarkStartMs != 0);
}
