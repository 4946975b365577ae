namespace EDTF.Streaming.Detection.Tracking;

/// <summary>What happened to a vessel's track on one report.</summary>
internal enum TrackEventKind : byte
{
    /// <summary>A trusted position; the vessel's current position is this one.</summary>
    Position,

    /// <summary>A position implying more than the plausible speed; the vessel's position was not moved.</summary>
    Implausible,

    /// <summary>Identity or voyage data arrived; <see cref="TrackEvent.Change"/> is set when the identity changed.</summary>
    Static,
}

/// <summary>One step of one vessel's track, emitted by the tracking stage in event-time order.</summary>
internal readonly record struct TrackEvent(
    Vessel Vessel,
    TrackEventKind Kind,
    long TimeMs,
    double Latitude,
    double Longitude,
    float SpeedKnots,
    long PreviousHeardMs,
    Pipeline.SourceRef Source,
    IdentityChange? Change = null);
