namespace EDTF.Streaming.Detection;

/// <summary>Counters of a <see cref="DetectionPipeline"/> at one moment.</summary>
public sealed record PipelineStatistics
{
    /// <summary>Reports given to the pipeline.</summary>
    public long ReportsIn { get; init; }

    /// <summary>Reports skipped because they carried no event time.</summary>
    public long ReportsWithoutEventTime { get; init; }

    /// <summary>Reports from base stations, aids to navigation, SAR aircraft, SART/MOB/EPIRB and other non-vessels.</summary>
    public long NonVesselReports { get; init; }

    /// <summary>Reports that arrived after the watermark had passed them.</summary>
    public long LateReports { get; init; }

    /// <summary>Reports held now because they are far ahead of their partition's clock (not yet corroborated).</summary>
    public long ReportsHeldAhead { get; init; }

    /// <summary>Held far-ahead reports let go once their partition's clock came within reach (corroborated).</summary>
    public long ReportsReleasedFromHold { get; init; }

    /// <summary>Held far-ahead reports dropped: never corroborated (hold full, partition revoked, or end of input).</summary>
    public long ReportsDroppedAhead { get; init; }

    /// <summary>Reports rejected for being further behind their partition's clock than <see cref="EventTimeOptions.MaxBehindHours"/>.</summary>
    public long ReportsTooFarBehind { get; init; }

    /// <summary>The same report heard twice (two receivers), counted once.</summary>
    public long Duplicates { get; init; }

    /// <summary>Positions implying more than the plausible speed (identity or spoofing signal), not trusted.</summary>
    public long ImplausibleJumps { get; init; }

    /// <summary>Dark-period alerts retracted because late reports filled the gap.</summary>
    public long Retractions { get; init; }

    /// <summary>Vessels forgotten by idle expiry (<see cref="DetectionOptions.VesselIdleHours"/>).</summary>
    public long VesselsExpired { get; init; }

    /// <summary>Vessels with state.</summary>
    public int VesselsTracked { get; init; }

    /// <summary>Vessels of interest among them.</summary>
    public int VesselsOfInterest { get; init; }

    /// <summary>Event-time watermark (Unix ms), or null before the first report.</summary>
    public long? WatermarkMs { get; init; }

    /// <summary>Reports waiting in the reorder buffer.</summary>
    public int BufferedReports { get; init; }

    /// <summary>Alert updates emitted.</summary>
    public long AlertsEmitted { get; init; }

    /// <summary>Alert openings put off to later watermark steps: one step opened more than <see cref="CapacityOptions.MaxOpeningsPerWatermarkStep"/> (an alert storm).</summary>
    public long OpeningsDeferred { get; init; }

    /// <summary>Alert updates waiting behind that bound now.</summary>
    public int UpdatesDeferredNow { get; init; }

    /// <summary>Alert updates dropped: more than 100,000 waited behind the bound.</summary>
    public long UpdatesDropped { get; init; }

    /// <summary>Reports of new vessels not tracked: <see cref="CapacityOptions.MaxTrackedVessels"/> were tracked already.</summary>
    public long ReportsOfRefusedVessels { get; init; }

    /// <summary>New MID-445 vessels tracked as ordinary: <see cref="CapacityOptions.MaxMidOnlyVesselsOfInterest"/> were of interest by MID already.</summary>
    public long MidInterestRefused { get; init; }
}
