using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Dark;

/// <summary>Hears when the dark period detector opens and ends a vessel's dark period (for the rules built on dark periods).</summary>
internal interface IDarkPeriodListener
{
    /// <summary>A dark period opened: <see cref="Vessel.DarkStartMs"/> and the dark start position are set.</summary>
    void OnDarkOpened(Vessel vessel, long nowMs);

    /// <summary>A dark period ended: the vessel reappeared, or a late report filled (part of) the gap.</summary>
    void OnDarkEnded(Vessel vessel, in DarkEnd end);
}

/// <summary>How a dark period ended: where it started and ended, and the figures of the close.</summary>
internal readonly record struct DarkEnd(
    long StartMs,
    double StartLatitude,
    double StartLongitude,
    long EndMs,
    double EndLatitude,
    double EndLongitude,
    double DistanceNm,
    double UnexplainedHours,
    double UsualSpeedKnots,
    bool IdentityConflict,
    bool FilledByLateReport,
    string DarkAlertId,
    SourceRef Source)
{
    public double GapHours => (EndMs - StartMs) / 3_600_000.0;
}
