using Confluent.Kafka;

namespace EDTF.Streaming.Kafka;

/// <summary>Partitions given (by the group, or all of them to the lease holder) and taken away; where each starts is in <c>.StartPositions</c>.</summary>
/// <remarks>Rebalance callbacks and <see cref="AssignAll"/> run on the consume thread (inside a poll, the close, or before the loop); the work they hand over runs on the processing thread.</remarks>
internal sealed partial class KafkaDetectionService
{
    /// <summary>Remembers a rebalance handler's exception for the consume loop (a direct poll does not rethrow it like Consume does).</summary>
    private T Guard<T>(Func<T> handler)
    {
        try
        {
            return handler();
        }
        catch (Exception e)
        {
            _callbackError ??= e;
            throw;
        }
    }

    private void Guard(Action handler) => Guard(() =>
    {
        handler();
        return true;
    });

    /// <summary>The lease holder reads every partition of the input topic (manual assignment, offsets of the group <see cref="KafkaOptions.GroupId"/>); waits while the topic does not exist.</summary>
    private void AssignAll(IConsumer<ScratchBytes, ScratchBytes> consumer, CancellationToken stop)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var topic = admin.GetMetadata(_options.InputTopic, TimeSpan.FromSeconds(10)).Topics.FirstOrDefault();
                if (topic is { Error.IsError: false, Partitions.Count: > 0 })
                {
                    var partitions = topic.Partitions.Select(p => new TopicPartition(_options.InputTopic, p.PartitionId)).OrderBy(p => p.Partition.Value).ToList();
                    consumer.Assign(OnAssigned(consumer, partitions));
                    return;
                }

                _log($"warn: input topic {_options.InputTopic} not found ({topic?.Error.Reason ?? "no metadata"}); trying again in 2 s");
            }
            catch (KafkaException e)
            {
                _log($"warn: input topic {_options.InputTopic} metadata: {e.Error.Reason}; trying again in 2 s");
            }

            stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
        }
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartition> partitions)
    {
        var added = partitions.Select(tp => tp.Partition.Value).ToList();
        foreach (var p in added)
        {
            _decoder.AddPartition(p);
        }

        OnProcessingThread(
            () =>
            {
                foreach (var p in added)
                {
                    _merger.Add(p);
                }
            },
            wait: false);
        var first = Interlocked.Add(ref _assigned, partitions.Count) == partitions.Count;
        var positions = AssignmentPositions(consumer, partitions, first); // state: restore a snapshot, or StartPositions
        _log($"assigned {string.Join(",", positions.Select(p => $"{p.Partition.Value}@{p.Offset}"))}");
        Assigned?.Invoke();
        return positions;
    }

    /// <summary>
    /// Partitions taken away (consume thread, inside a poll or the close): the processing thread first deals with everything
    /// consumed before (merges, releases what it can), flushes, stores the completed offsets and forgets the partitions (records
    /// of them still waiting are dropped: the next owner reads them again); then the stored offsets are committed.
    /// </summary>
    private void OnRevoked(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartitionOffset> partitions)
    {
        var revoked = partitions.Select(p => p.Partition.Value).ToList();
        foreach (var p in revoked)
        {
            _decoder.RemovePartition(p);
        }

        _log($"revoking {string.Join(",", revoked)}: finishing what was consumed before, flushing, storing offsets");
        OnProcessingThread(
            () =>
            {
                ReleaseAndStore();
                _publisher.Flush(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds));
                StoreCompleted();
                FinalSnapshot(); // state: the newest state on the topic before the offsets are committed
                Forget(revoked);
            },
            wait: true);
        try
        {
            consumer.Commit();
        }
        catch (KafkaException e)
        {
            _log($"commit on revoke: {e.Error.Reason}");
        }
    }

    private void OnLost(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartitionOffset> partitions)
    {
        var lost = partitions.Select(p => p.Partition.Value).ToList();
        foreach (var p in lost)
        {
            _decoder.RemovePartition(p);
        }

        OnProcessingThread(() => Forget(lost), wait: true);
    }

    private void Forget(IEnumerable<int> partitions)
    {
        foreach (var p in partitions)
        {
            _merger.Remove(p);
            _tracker.Forget(p);
            _pipeline.RemovePartition(p);
            _pipelineIdle.Remove(p);
            _paused.Remove(p);
            StateForget(p); // state
            _metrics.PartitionRevoked(p);
            Interlocked.Decrement(ref _assigned);
        }
    }
}
