using System.Diagnostics;
using Confluent.Kafka;

namespace EDTF.Streaming.Kafka;

/// <summary>A declared end of input (the demo, tests): once consumed up to known end offsets, complete the pipeline like <c>edtf detect</c> does at end of file.</summary>
internal sealed partial class KafkaDetectionService
{
    private readonly TaskCompletionSource _inputCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IReadOnlyDictionary<int, long>? _endOffsets;
    private bool _endPosted;
    private long _nextEndCheck;
    private bool _endReached;

    /// <summary>Completes once the input declared ended by <see cref="EndInputAt"/> went through: pipeline completed, its alerts acknowledged.</summary>
    public Task InputCompleted => _inputCompleted.Task;

    /// <summary>
    /// Declares that the input topic ends at <paramref name="endOffsets"/> (partition to high watermark). When every
    /// partition has been consumed that far and merged, the pipeline completes: the last lateness window is released and
    /// due timers fire (behaviours that ended close the same way as at the end of a file), then the producer is flushed.
    /// A live service never calls this: its input has no end. Thread-safe.
    /// </summary>
    public void EndInputAt(IReadOnlyDictionary<int, long> endOffsets) => _endOffsets = endOffsets;

    /// <summary>Consume thread, when the consumer has nothing at hand: once every partition is consumed up to its declared end, tell the processing thread (in stream order).</summary>
    private void CheckEndOfInput()
    {
        if (_endOffsets is not { } ends || _endPosted || Stopwatch.GetTimestamp() < _nextEndCheck)
        {
            return;
        }

        _nextEndCheck = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 50);

        foreach (var (partition, end) in ends)
        {
            if (end <= 0)
            {
                continue;
            }

            var position = _consumer.Position(new TopicPartition(_options.InputTopic, partition));
            if (position.IsSpecial || position.Value < end)
            {
                return;
            }
        }

        _endPosted = true;

        // Like the end of a file: fragments still waiting will never be completed (their records' holds are released).
        _decoder.Flush();
        foreach (var reject in _decoder.Rejects)
        {
            _metrics.DecodeReject(reject.Reason);
        }

        OnProcessingThread(
            () =>
            {
                _endReached = true;
                _merger.EndInput(); // nothing more will come: no partition waits for the idle timeout
            },
            wait: false);
        PublishBatch(CancellationToken.None);
    }

    /// <summary>Processing thread: once the end is reached and the merge has released everything, complete the pipeline.</summary>
    private void CompleteInputIfReachedEnd()
    {
        if (!_endReached || _merger.Queued > 0 || _inputCompleted.Task.IsCompleted)
        {
            return;
        }

        _pipeline.Complete();
        _publisher.Flush(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds));
        StoreCompleted();
        _log("end of input reached: pipeline completed, alerts flushed");
        _inputCompleted.TrySetResult();
    }
}
