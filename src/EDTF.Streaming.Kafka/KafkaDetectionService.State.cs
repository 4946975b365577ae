using System.Diagnostics;
using Confluent.Kafka;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka.State;

namespace EDTF.Streaming.Kafka;

/// <summary>The driver's state snapshots (ADR 0003 item 5): restore on assignment, snapshot while running, offsets only up to a durable snapshot.</summary>
/// <remarks>
/// Hooks called from the main file (marked "state:" there): <see cref="StartState"/> (start), <see cref="AssignmentPositions"/>
/// (consume thread, on assignment), <see cref="StateEntered"/> and <see cref="StateRound"/> (processing thread),
/// <see cref="StoreSnapshotOffsets"/> (instead of the per-record offsets), <see cref="FinalSnapshot"/> (before a revocation),
/// <see cref="StateForget"/> and <see cref="StopState"/>.
/// </remarks>
internal sealed partial class KafkaDetectionService
{
    private StateTopic? _stateTopic;
    private StateCheckpointer? _checkpointer;
    private string? _recoveryNote;

    /// <summary>State snapshots; null or <see cref="StateOptions.Enabled"/> false: none (every assignment rebuilds from the input window).</summary>
    internal StateOptions? State { get; init; }

    /// <summary>Benchmark hook: false skips the snapshot before a revocation or stop, so a stop leaves the state of a crash (the last periodic snapshot).</summary>
    internal bool FinalSnapshotOnStop { get; init; } = true;

    /// <summary>Where the state snapshots report.</summary>
    internal IStateMetrics StateMetrics { get; init; } = NullStateMetrics.Instance;

    /// <summary>The latest news of a restore (restored, caught up) not yet shown by the progress line; taken once (any thread).</summary>
    public string? TakeRecoveryNote() => Interlocked.Exchange(ref _recoveryNote, null);

    private void StartState()
    {
        if (State is not { Enabled: true } state)
        {
            return;
        }

        state.Validate();
        _stateTopic = new StateTopic(_options, state, _log);
        _checkpointer = new StateCheckpointer(state, _stateTopic, _tracker, StateMetrics, _clock, _log, n => Volatile.Write(ref _recoveryNote, n));
        _log($"state: snapshots every {state.SnapshotIntervalSeconds} s to '{state.Topic}'; offsets are committed up to the newest snapshot on it");
    }

    private void StopState() => _stateTopic?.Dispose();

    /// <summary>Consume thread: where the assigned partitions start, restoring the newest snapshot when it covers exactly them.</summary>
    private List<TopicPartitionOffset> AssignmentPositions(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartition> partitions, bool first)
    {
        if (_checkpointer is not { } checkpointer || partitions.Count == 0)
        {
            return StartPositions(consumer, partitions);
        }

        var positions = TryRestore(consumer, partitions, first) ?? StartPositions(consumer, partitions);
        var starts = ResolvePositions(consumer, positions);
        OnProcessingThread(() => checkpointer.Assigned(starts), wait: false);
        return positions;
    }

    private List<TopicPartitionOffset>? TryRestore(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartition> partitions, bool first)
    {
        var assigned = partitions.Select(tp => tp.Partition.Value).ToHashSet();
        if (!first)
        {
            return Fallback("assignment", $"partitions {Describe(assigned)} were added to a running assignment");
        }

        var started = Stopwatch.GetTimestamp();
        FoundSnapshot? found;
        IReadOnlySet<int>? covers;
        int unreadable;
        string? problem;
        try
        {
            found = _stateTopic!.FindNewest(assigned, out covers, out unreadable, out problem);
        }
        catch (Exception e) when (e is KafkaException or TimeoutException)
        {
            return Fallback("unreadable", $"reading '{State!.Topic}' failed: {e.Message}");
        }

        if (found is null)
        {
            return unreadable > 0
                ? Fallback("format", $"{unreadable} record(s) of '{State!.Topic}' are of a format this build does not read ({problem})")
                : Fallback("none", $"no snapshot of partitions {Describe(assigned)} on '{State!.Topic}'");
        }

        if (!covers!.SetEquals(assigned))
        {
            return Fallback("assignment", $"the newest snapshot covers partitions {Describe(covers)}, this instance is assigned {Describe(assigned)}");
        }

        DetectionPipeline restored;
        try
        {
            restored = DetectionPipeline.Restore(new MemoryStream(found.Bytes), _detection, _watchlist, _ports, OnAlert);
        }
        catch (PipelineSnapshotException e)
        {
            return Fallback(e.Reason switch
            {
                SnapshotFailure.UnknownFormat or SnapshotFailure.LayoutChanged => "format",
                SnapshotFailure.OptionsChanged => "options",
                _ => "corrupt",
            }, e.Message);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        StateMetrics.Restored(seconds);
        var ends = partitions.ToDictionary(tp => tp.Partition.Value, tp => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);
        _log($"state: restored snapshot {found.SnapshotId} ({found.Bytes.Length:N0} bytes) in {seconds:N2} s; partitions resume at {string.Join(",", found.Offsets.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}@{kv.Value}"))}");
        OnProcessingThread(
            () =>
            {
                TakeWatchlistChanges(); // everything the feed read before the restore, into the list the restored pipeline gets
                HandWatchlistChangesTo(restored);
                _pipeline = restored;
                _checkpointer!.Restored(found.Offsets, ends);
            },
            wait: false);
        return partitions.Select(tp => new TopicPartitionOffset(tp, found.Offsets[tp.Partition.Value])).ToList();
    }

    private List<TopicPartitionOffset>? Fallback(string reason, string detail)
    {
        StateMetrics.RestoreFallback(reason);
        _log($"warn: state not restored ({reason}): {detail}; rebuilding it from the input window instead (Kafka:StateRebuildHours)");
        return null;
    }

    /// <summary>Each start position as an offset: the committed one, or the log's start or end, where the position is special.</summary>
    private Dictionary<int, long> ResolvePositions(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartitionOffset> positions)
    {
        var timeout = TimeSpan.FromSeconds(10);
        var special = positions.Where(p => p.Offset.IsSpecial).ToList();
        var committed = special.Count == 0 ? [] : consumer.Committed(special.Select(p => p.TopicPartition), timeout).ToDictionary(c => c.Partition.Value, c => c.Offset);
        var result = new Dictionary<int, long>();
        foreach (var p in positions)
        {
            var partition = p.Partition.Value;
            if (!p.Offset.IsSpecial)
            {
                result[partition] = p.Offset.Value;
            }
            else if (p.Offset == Offset.Unset && committed.GetValueOrDefault(partition, Offset.Unset) is { IsSpecial: false } c)
            {
                result[partition] = c.Value;
            }
            else
            {
                var w = consumer.QueryWatermarkOffsets(p.TopicPartition, timeout);
                result[partition] = p.Offset == Offset.End ? w.High.Value : w.Low.Value;
            }
        }

        return result;
    }

    /// <summary>Processing thread: a record went into the pipeline.</summary>
    private void StateEntered(PendingRecord record) => _checkpointer?.Entered(record.Partition, record.Offset, record.Holds);

    /// <summary>Processing thread, once per round.</summary>
    private void StateRound() => _checkpointer?.Round(_pipeline);

    private void StateForget(int partition) => _checkpointer?.Removed(partition);

    /// <summary>Processing thread: with snapshots, offsets are stored only up to the newest durable snapshot; true when that rule applies.</summary>
    private bool StoreSnapshotOffsets()
    {
        if (_checkpointer is null)
        {
            return false;
        }

        _toStore.Clear();
        if (_checkpointer.TakeDurable() is not { } offsets)
        {
            return true;
        }

        foreach (var (partition, next) in offsets)
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

        return true;
    }

    /// <summary>Before partitions are revoked (or the service stops): one more snapshot, on the topic before the offsets are committed.</summary>
    private void FinalSnapshot()
    {
        if (_checkpointer is null || _processingAbandoned || !FinalSnapshotOnStop)
        {
            return;
        }

        _checkpointer.Final(_pipeline, TimeSpan.FromSeconds(_options.CloseTimeoutSeconds));
        StoreCompleted();
    }

    private static string Describe(IEnumerable<int> partitions) => string.Join(",", partitions.Order());
}
