namespace EDTF.Streaming.Kafka.Replay;

/// <summary>Where a replay sends its records (Kafka in production, a list in tests).</summary>
internal interface IReplaySink
{
    /// <summary>Hands one record over; may block while the sink's queue is full.</summary>
    void Send(in ReplayRecord record);

    /// <summary>Waits until every record handed over is delivered or failed, or the timeout passes.</summary>
    void Flush(TimeSpan timeout);
}
