namespace EDTF.Streaming.Cli.Service;

/// <summary>The Prometheus metric names the service exposes; dashboards and alert rules use exactly these.</summary>
public static class MetricNames
{
    /// <summary>Counter: Kafka records consumed from the input topic.</summary>
    public const string RecordsConsumed = "edtf_records_consumed_total";

    /// <summary>Counter: NMEA sentences decoded into AIS reports.</summary>
    public const string SentencesDecoded = "edtf_sentences_decoded_total";

    /// <summary>Counter with label <c>reason</c> (snake_case <c>RejectReason</c>): input the decoder rejected.</summary>
    public const string DecodeRejects = "edtf_decode_rejects_total";

    /// <summary>Counter: records written to the dead-letter topic.</summary>
    public const string DeadLetters = "edtf_dead_letters_total";

    /// <summary>Counter with labels <c>type</c> and <c>status</c>: alert updates produced.</summary>
    public const string Alerts = "edtf_alerts_total";

    /// <summary>Gauge: vessels with state held in memory.</summary>
    public const string VesselsTracked = "edtf_vessels_tracked";

    /// <summary>Gauge: tracked vessels that are of interest (watch list or MID 445).</summary>
    public const string VesselsOfInterest = "edtf_vessels_of_interest";

    /// <summary>Gauge: wall clock minus the event-time watermark, in seconds.</summary>
    public const string WatermarkLag = "edtf_watermark_lag_seconds";

    /// <summary>Gauge with label <c>partition</c>: records between the consumer position and the high watermark.</summary>
    public const string ConsumerLag = "edtf_consumer_lag_records";

    /// <summary>Histogram: seconds from record consumed to its alerts acknowledged.</summary>
    public const string ProcessingLatency = "edtf_processing_latency_seconds";

    /// <summary>Counter: alert updates the producer failed to deliver.</summary>
    public const string AlertsProduceErrors = "edtf_alerts_produce_errors_total";

    /// <summary>Gauge: records processed whose offsets wait for a multi-sentence message split across partitions to complete.</summary>
    public const string RecordsHeldForFragments = "edtf_records_held_for_fragments";

    /// <summary>1 while this instance holds the detection lease, 0 while it stands by.</summary>
    public const string LeaseHeld = "edtf_lease_held";

    /// <summary>Counter: dead letters that could not be written (value or reference); the stream went on.</summary>
    public const string DeadLetterErrors = "edtf_dead_letter_errors_total";

    /// <summary>Counter: records on which decoding or detection threw; each was dead-lettered by reference and the stream went on.</summary>
    public const string ProcessingErrors = "edtf_processing_errors_total";

    /// <summary>Gauge: reports held because they are dated far ahead of their partition's clock (not yet confirmed).</summary>
    public const string ReportsHeldAhead = "edtf_reports_held_ahead";

    /// <summary>Counter with label <c>reason</c> (<c>ahead_unconfirmed</c>, <c>far_behind</c>): reports whose event time was not believed.</summary>
    public const string EventTimeRejects = "edtf_event_time_rejects_total";

    /// <summary>Counter with label <c>bound</c> (<c>tracked_vessels</c>, <c>mid_interest</c>, <c>alert_openings</c>): what a capacity bound refused.</summary>
    public const string CapacityRefusals = "edtf_capacity_refusals_total";
    /// <summary>Gauge: seconds the processing thread has been in its current round while input waits; 0 otherwise (health: <c>Service:StallSeconds</c>).</summary>
    public const string ProcessingStalled = "edtf_processing_stalled_seconds";

    /// <summary>Gauge with labels <c>year</c> and <c>bound</c> (<c>estimate</c>, <c>low</c>, <c>high</c>): refined products delivered to the DPRK (docs/ledger.md).</summary>
    public const string LedgerRefinedBarrels = "edtf_ledger_refined_barrels";

    /// <summary>Gauge with labels <c>year</c> and <c>bound</c>: crude oil delivered to the DPRK, barrels.</summary>
    public const string LedgerCrudeBarrels = "edtf_ledger_crude_barrels";

    /// <summary>Gauge with labels <c>year</c> and <c>bound</c>: coal loaded at DPRK ports, tonnes.</summary>
    public const string LedgerCoalTonnes = "edtf_ledger_coal_tonnes";

    /// <summary>Gauge with labels <c>year</c> and <c>product</c> (<c>refined</c>, <c>crude</c>): the estimate's share of the UN cap (1 = the cap).</summary>
    public const string LedgerCapShare = "edtf_ledger_cap_share";
    /// <summary>Gauge with labels <c>program</c> and <c>source</c>: watch-list entries the detecting pipeline holds.</summary>
    public const string WatchlistEntries = "edtf_watchlist_entries";

    /// <summary>Gauge: effective time (Unix seconds) of the last watch-list change the pipeline applied.</summary>
    public const string WatchlistLastChange = "edtf_watchlist_last_change_timestamp_seconds";

    /// <summary>Counter: watch-list changes (listings, changes, delistings) the pipeline applied.</summary>
    public const string WatchlistChangesApplied = "edtf_watchlist_changes_applied_total";

    /// <summary>Every name above, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RecordsConsumed,
        SentencesDecoded,
        DecodeRejects,
        DeadLetters,
        Alerts,
        VesselsTracked,
        VesselsOfInterest,
        WatermarkLag,
        ConsumerLag,
        ProcessingLatency,
        AlertsProduceErrors,
        RecordsHeldForFragments,
        DeadLetterErrors,
        ProcessingErrors,
        ReportsHeldAhead,
        EventTimeRejects,
        CapacityRefusals,
        ProcessingStalled,
        LeaseHeld,
        LedgerRefinedBarrels,
        LedgerCrudeBarrels,
        LedgerCoalTonnes,
        LedgerCapShare,
        WatchlistEntries,
        WatchlistLastChange,
        WatchlistChangesApplied,
    ];
}
