using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Detection.Cargo;
using EDTF.Streaming.Kafka;
using Prometheus;

namespace EDTF.Streaming.Cli.Service;

/// <summary>The service's Prometheus metrics (names in <see cref="MetricNames"/>), fed by the Kafka driver.</summary>
internal sealed class PrometheusStreamingMetrics : IStreamingMetrics
{
    private readonly Counter _consumed;
    private readonly Counter _decoded;
    private readonly Counter _rejects;
    private readonly Counter _deadLetters;
    private readonly Counter _alerts;
    private readonly Gauge _vessels;
    private readonly Gauge _ofInterest;
    private readonly Gauge _watermarkLag;
    private readonly Gauge _consumerLag;
    private readonly Histogram _latency;
    private readonly Counter _produceErrors;
    private readonly Gauge _heldForFragments;
    private readonly Gauge _leaseHeld;
    private readonly Counter _deadLetterErrors;
    private readonly Counter _processingErrors;
    private readonly Gauge _heldAhead;
    private readonly Counter _timeRejects;
    private readonly Counter _capacity;
    private readonly Gauge _processingStalled;
    private readonly Gauge _ledgerRefined;
    private readonly Gauge _ledgerCrude;
    private readonly Gauge _ledgerCoal;
    private readonly Gauge _ledgerCapShare;
    private readonly PrometheusWatchlistMetrics _watchlist;
    private volatile bool _watermarkLagSet;

    public PrometheusStreamingMetrics(CollectorRegistry registry)
    {
        var f = Metrics.WithCustomRegistry(registry);
        _consumed = f.CreateCounter(MetricNames.RecordsConsumed, "Kafka records consumed from the input topic.");
        _decoded = f.CreateCounter(MetricNames.SentencesDecoded, "NMEA sentences decoded (passed framing and checksum).");
        _rejects = f.CreateCounter(MetricNames.DecodeRejects, "Input lines or fragment groups the decoder rejected, by reason.", "reason");
        _deadLetters = f.CreateCounter(MetricNames.DeadLetters, "Records written to the dead-letter topic (acknowledged).");
        _alerts = f.CreateCounter(MetricNames.Alerts, "Alert updates produced and acknowledged, by type and status.", "type", "status");
        _vessels = f.CreateGauge(MetricNames.VesselsTracked, "Vessels with state held in memory.");
        _ofInterest = f.CreateGauge(MetricNames.VesselsOfInterest, "Tracked vessels that are of interest.");
        _watermarkLag = f.CreateGauge(MetricNames.WatermarkLag, "Wall clock minus the event-time watermark, in seconds.");
        _consumerLag = f.CreateGauge(MetricNames.ConsumerLag, "Records between the consumer position (plus records waiting in the partition merge) and the high watermark.", "partition");
        _latency = f.CreateHistogram(MetricNames.ProcessingLatency, "Seconds from record consumed to its outputs acknowledged (its offset is stored then, or once the multi-sentence messages it carried a fragment of are complete).", new HistogramConfiguration
        {
            Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });
        _produceErrors = f.CreateCounter(MetricNames.AlertsProduceErrors, "Alert updates the producer failed to deliver.");
        _watchlist = new PrometheusWatchlistMetrics(f);
        _leaseHeld = f.CreateGauge(MetricNames.LeaseHeld, "1 while this instance holds the detection lease and detects; 0 while it stands by.");
        _heldForFragments = f.CreateGauge(MetricNames.RecordsHeldForFragments, "Records processed whose offsets wait for a multi-sentence message split across partitions to complete.");
        _deadLetterErrors = f.CreateCounter(MetricNames.DeadLetterErrors, "Dead letters that could not be written (value or reference); the stream went on.");
        _processingErrors = f.CreateCounter(MetricNames.ProcessingErrors, "Records on which decoding or detection threw (dead-lettered by reference; the stream went on).");
        _heldAhead = f.CreateGauge(MetricNames.ReportsHeldAhead, "Reports held because they are dated far ahead of their partition's clock, not yet confirmed.");
        _timeRejects = f.CreateCounter(MetricNames.EventTimeRejects, "Reports whose event time was not believed: held far ahead and dropped unconfirmed, or far behind.", "reason");
        _capacity = f.CreateCounter(MetricNames.CapacityRefusals, "What a capacity bound refused: reports of untracked new vessels, MID-445 vessels not made of interest, alert openings suppressed.", "bound");
        foreach (var reason in (string[])["ahead_unconfirmed", "far_behind"])
        {
            _timeRejects.WithLabels(reason);
        }

        foreach (var bound in (string[])["tracked_vessels", "mid_interest", "alert_openings", "alert_updates_dropped"])
        {
            _capacity.WithLabels(bound);
        }

        _processingStalled = f.CreateGauge(MetricNames.ProcessingStalled, "Seconds the processing thread has been in its current round while input waits; 0 otherwise.");
        _ledgerRefined = f.CreateGauge(MetricNames.LedgerRefinedBarrels, "Refined products delivered to the DPRK in the year, barrels (estimate, low, high; docs/ledger.md).", "year", "bound");
        _ledgerCrude = f.CreateGauge(MetricNames.LedgerCrudeBarrels, "Crude oil delivered to the DPRK in the year, barrels (estimate, low, high).", "year", "bound");
        _ledgerCoal = f.CreateGauge(MetricNames.LedgerCoalTonnes, "Coal loaded at DPRK ports in the year, tonnes (estimate, low, high).", "year", "bound");
        _ledgerCapShare = f.CreateGauge(MetricNames.LedgerCapShare, "The year's estimate over the UN cap (1 = the cap), by product (refined, crude).", "year", "product");
        foreach (var reason in RejectReasons.All)
        {
            _rejects.WithLabels(RejectReasons.ToLabel(reason));
        }
    }

    /// <summary>The running totals now, with <paramref name="lagRecords"/> from the driver.</summary>
    public ServiceProgress Snapshot(long lagRecords)
    {
        double alerts = 0;
        foreach (var labels in _alerts.GetAllLabelValues())
        {
            alerts += _alerts.WithLabels(labels).Value;
        }

        double rejects = 0;
        foreach (var labels in _rejects.GetAllLabelValues())
        {
            rejects += _rejects.WithLabels(labels).Value;
        }

        return new ServiceProgress(
            (long)_consumed.Value,
            (long)_decoded.Value,
            (long)rejects,
            (long)_deadLetters.Value,
            (long)alerts,
            (long)_vessels.Value,
            (long)_ofInterest.Value,
            _watermarkLagSet ? _watermarkLag.Value : null,
            lagRecords);
    }

    public void RecordConsumed() => _consumed.Inc();

    public void SentencesDecoded(long count) => _decoded.Inc(count);

    public void DecodeReject(RejectReason reason) => _rejects.WithLabels(RejectReasons.ToLabel(reason)).Inc();

    public void DeadLetter() => _deadLetters.Inc();

    public void DeadLetterError() => _deadLetterErrors.Inc();

    public void ProcessingError() => _processingErrors.Inc();

    public void Guards(PipelineStatistics stats)
    {
        _heldAhead.Set(stats.ReportsHeldAhead);
        _timeRejects.WithLabels("ahead_unconfirmed").IncTo(stats.ReportsDroppedAhead);
        _timeRejects.WithLabels("far_behind").IncTo(stats.ReportsTooFarBehind);
        _capacity.WithLabels("tracked_vessels").IncTo(stats.ReportsOfRefusedVessels);
        _capacity.WithLabels("mid_interest").IncTo(stats.MidInterestRefused);
        _capacity.WithLabels("alert_openings").IncTo(stats.OpeningsDeferred);
        _capacity.WithLabels("alert_updates_dropped").IncTo(stats.UpdatesDropped);
    }

    public void AlertDelivered(string type, string status) => _alerts.WithLabels(type, status).Inc();

    public void AlertProduceError() => _produceErrors.Inc();

    public void ProcessingLatency(double seconds) => _latency.Observe(seconds);

    public void Pipeline(int vesselsTracked, int vesselsOfInterest, double? watermarkLagSeconds)
    {
        _vessels.Set(vesselsTracked);
        _ofInterest.Set(vesselsOfInterest);
        if (watermarkLagSeconds is { } lag)
        {
            _watermarkLag.Set(lag);
            _watermarkLagSet = true;
        }
    }

    public void ConsumerLag(int partition, long records) =>
        _consumerLag.WithLabels(partition.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(records);

    public void RecordsHeldForFragments(long count) => _heldForFragments.Set(count);

    public void LeaseHeld(bool held) => _leaseHeld.Set(held ? 1 : 0);

    public void Watchlist(IReadOnlyDictionary<(string Program, string Source), int> entries, long? lastChangeMs, long changesApplied) =>
        _watchlist.Report(entries, lastChangeMs, changesApplied);

    /// <summary>Seconds the processing thread has been in its current round while input waits (set by the host's stall watch, not by the driver).</summary>
    public void ProcessingStalled(double seconds) => _processingStalled.Set(seconds);

    public void Ledger(IReadOnlyList<LedgerYear> years)
    {
        foreach (var y in years)
        {
            var year = y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            SetBounds(_ledgerRefined, year, y.RefinedBarrels);
            SetBounds(_ledgerCrude, year, y.CrudeBarrels);
            SetBounds(_ledgerCoal, year, y.CoalTonnes);
            _ledgerCapShare.WithLabels(year, "refined").Set(y.RefinedCapShare);
            _ledgerCapShare.WithLabels(year, "crude").Set(y.CrudeCapShare);
        }
    }

    private static void SetBounds(Gauge gauge, string year, LedgerFigure figure)
    {
        gauge.WithLabels(year, "estimate").Set(figure.Estimate);
        gauge.WithLabels(year, "low").Set(figure.Low);
        gauge.WithLabels(year, "high").Set(figure.High);
    }

    public void PartitionRevoked(int partition) =>
        _consumerLag.RemoveLabelled(partition.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
