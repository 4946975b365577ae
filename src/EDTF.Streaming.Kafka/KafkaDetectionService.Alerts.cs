using EDTF.Streaming.Detection;
using EDTF.Streaming.Detection.Cargo;

namespace EDTF.Streaming.Kafka;

/// <summary>Alert updates from the pipeline (processing thread): counted in the ledger's gauges, then published unless already published before a restart.</summary>
internal sealed partial class KafkaDetectionService
{
    /// <summary>The ledger of deliveries to the DPRK (docs/ledger.md) over the alerts this process emitted; processing thread only.</summary>
    private readonly Ledger _ledger;

    private void OnAlert(AlertUpdate alert)
    {
        // Before the suppression: an alert rebuilt after a restart was published before, and still counts.
        if (_ledger.Add(alert))
        {
            _metrics.Ledger(_ledger.Years());
        }

        if (_published.Count > 0 && _published.Contains(AlertEventIds.Of(alert)))
        {
            _suppressed++;
            return;
        }

        _publisher.PublishAlert(alert);
    }
}
