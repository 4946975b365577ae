using System.Diagnostics;
using Confluent.Kafka;

namespace EDTF.Streaming.Kafka;

/// <summary>Which input offsets may be stored and committed: only once every output of the record (and of the records before it on its partition) is acknowledged.</summary>
/// <remarks>Processing thread, except <see cref="CommitStored"/> (the consume thread, on stop, once the processing thread has finished).</remarks>
internal sealed partial class KafkaDetectionService
{
    private void StoreCompleted(bool now = true)
    {
        if (_processingAbandoned)
        {
            return; // a processing thread that outlived the stop stores nothing more
        }

        _tracker.Drain(_onStore ??= (partition, next) => _toStore[partition] = next, _onAcknowledged ??= _metrics.ProcessingLatency);
        if (_tracker.Failures > 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"{_tracker.Failures} alert/dead-letter record(s) could not be delivered; stopping without storing their offsets"));
        }

        if (StoreSnapshotOffsets())
        {
            return; // state: offsets go only as far as the newest snapshot on the state topic
        }

        if (_toStore.Count == 0 || (!now && Stopwatch.GetTimestamp() < _nextStore))
        {
            return;
        }

        _nextStore = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 200);

        foreach (var (partition, next) in _toStore)
        {
            if (_merger.Has(partition))
            {
                try
                {
                    _consumer.StoreOffset(new TopicPartitionOffset(_options.InputTopic, partition, next));
                }
                catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_State)
                {
                    // partition no longer assigned
                }
            }
        }

        _toStore.Clear();
    }

    private void CommitStored()
    {
        try
        {
            _consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
        {
            // nothing stored since the last commit
        }
        catch (KafkaException e)
        {
            _log($"warn: commit on stop: {e.Error.Reason}");
        }
    }
}
