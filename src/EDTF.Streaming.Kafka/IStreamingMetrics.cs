using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Detection.Cargo;

namespace EDTF.Streaming.Kafka;

/// <summary>What the Kafka driver reports as it runs; the host maps it onto Prometheus metrics.</summary>
internal interface IStreamingMetrics
{
    void RecordConsumed();

    void SentencesDecoded(long count);

    void DecodeReject(RejectReason reason);

    void DeadLetter();

    /// <summary>A dead letter could not be written (its value, or its reference); the stream went on.</summary>
    void DeadLetterError();

    /// <summary>Decoding or detection threw on a record; it was dead-lettered by reference and the stream went on.</summary>
    void ProcessingError();

    /// <summary>What the pipeline's guards did so far (cumulative): the time gate and the capacity bounds.</summary>
    void Guards(PipelineStatistics stats);

    void AlertDelivered(string type, string status);

    void AlertProduceError();

    /// <summary>A record's outputs are all acknowledged, <paramref name="seconds"/> after it was consumed (once per record; its offset may be stored later if it carried a fragment of an incomplete message).</summary>
    void ProcessingLatency(double seconds);

    void Pipeline(int vesselsTracked, int vesselsOfInterest, double? watermarkLagSeconds);

    void ConsumerLag(int partition, long records);

    void PartitionRevoked(int partition);

    /// <summary>Records processed whose offsets wait for a multi-sentence message to complete.</summary>
    void RecordsHeldForFragments(long count);

    /// <summary>Whether this instance holds the detection lease (1) or stands by (0).</summary>
    void LeaseHeld(bool held);

    /// <summary>The ledger changed (an alert update added to or took from it): its figures per year now (processing thread).</summary>
    void Ledger(IReadOnlyList<LedgerYear> years);

    /// <summary>The pipeline's watch list: entries by (programme, source), the effective time of the last change applied (Unix ms), changes applied since the pipeline started.</summary>
    void Watchlist(IReadOnlyDictionary<(string Program, string Source), int> entries, long? lastChangeMs, long changesApplied);
}

/// <summary>Metrics that go nowhere (tests, benchmarks).</summary>
internal sealed class NullStreamingMetrics : IStreamingMetrics
{
    public static readonly NullStreamingMetrics Instance = new();

    public void RecordConsumed()
    {
    }

    public void SentencesDecoded(long count)
    {
    }

    public void DecodeReject(RejectReason reason)
    {
    }

    public void DeadLetter()
    {
    }

    public void LeaseHeld(bool held)
    {
    }

    public void Watchlist(IReadOnlyDictionary<(string Program, string Source), int> entries, long? lastChangeMs, long changesApplied)
    {
    }

    public void DeadLetterError()
    {
    }

    public void ProcessingError()
    {
    }

    public void Guards(PipelineStatistics stats)
    {
    }

    public void AlertDelivered(string type, string status)
    {
    }

    public void AlertProduceError()
    {
    }

    public void ProcessingLatency(double seconds)
    {
    }

    public void Pipeline(int vesselsTracked, int vesselsOfInterest, double? watermarkLagSeconds)
    {
    }

    public void ConsumerLag(int partition, long records)
    {
    }

    public void PartitionRevoked(int partition)
    {
    }

    public void RecordsHeldForFragments(long count)
    {
    }

    public void Ledger(IReadOnlyList<LedgerYear> years)
    {
    }
}
