using System.Diagnostics;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Kafka;

/// <summary>The processing thread's room: the partition merge, the pipeline, publishing alerts and dead letters, pause/resume, gauges.</summary>
/// <remarks>Every member here runs on the processing thread (<c>edtf-process</c>), except <see cref="OnProcessingThread"/>, which the consume thread calls to hand work over.</remarks>
internal sealed partial class KafkaDetectionService
{
    /// <summary>The processing thread: takes batches in order, merges, runs the pipeline, publishes, stores offsets.</summary>
    private void ProcessLoop()
    {
        try
        {
            var nextGauges = Stopwatch.GetTimestamp();
            var gaugeInterval = Stopwatch.Frequency;
            while (!_stopProcessing)
            {
                var waitMs = _tracker.Waiting > 0 || _toStore.Count > 0 ? 2 : 50;
                var t0 = Stopwatch.GetTimestamp();
                var taken = _handoff.TryTake(out var batch, waitMs);
                Waits.Take(Stopwatch.GetTimestamp() - t0);
                _activity.RoundStarted(workInHand: taken);
                TakeWatchlistChanges();
                if (taken)
                {
                    _pipeline.TimeCeilingMs = _clock.GetUtcNow().ToUnixTimeMilliseconds() + FutureSkewMs;
                    var records = false;
                    foreach (var item in batch)
                    {
                        if (_stopProcessing)
                        {
                            break; // the record in hand is finished; the rest is dropped
                        }

                        if (item.Record is { } record)
                        {
                            BeforeRecord?.Invoke();
                            OnRecord(record);
                            records = true;
                        }
                        else if (item.Control is { } control)
                        {
                            control.Execute();
                        }
                        else if (_merger.Has(item.EndOfPartition))
                        {
                            _merger.MarkEnd(item.EndOfPartition);
                            _endSeen = true;
                        }
                    }

                    _handoff.Return(batch);
                    if (records)
                    {
                        _activity.Progressed();
                    }
                }

                _publisher.ProduceReferences();
                ReleaseAndStore();
                StateRound(); // state: snapshot when due
                CompleteInputIfReachedEnd();
                if (Stopwatch.GetTimestamp() >= nextGauges)
                {
                    nextGauges = Stopwatch.GetTimestamp() + gaugeInterval;
                    UpdateGauges();
                }

                _activity.RoundFinished();
            }
        }
        catch (Exception e)
        {
            Volatile.Write(ref _processingError, e);
        }
    }

    /// <summary>True while the processing thread runs (control requests go to it; otherwise they run inline).</summary>
    private bool ProcessorAlive => _processing is { IsAlive: true } && !_stopProcessing;

    /// <summary>Runs <paramref name="action"/> on the processing thread after everything consumed so far, or inline when it is not running.</summary>
    private void OnProcessingThread(Action action, bool wait)
    {
        var request = new ControlRequest(action);
        if (_processingAbandoned)
        {
            return; // the processing thread would not stop: its state is not touched from here
        }

        if (!ProcessorAlive)
        {
            request.Execute();
            return;
        }

        _batch.Add(HandoffItem.Of(request));
        if (!wait)
        {
            return;
        }

        PublishBatch(CancellationToken.None);
        request.WaitOrRunInline(() => ProcessorAlive);
    }

    private void OnRecord(PendingRecord record)
    {
        var partition = record.Partition;
        if (!_merger.Has(partition))
        {
            FragmentHold.ReleaseAll(record.Completes); // the next owner reads it again, without the earlier fragments
            return; // consumed before its partition was revoked: not ours any more
        }

        if (record.DeadLetter is { } dead)
        {
            _publisher.PublishDeadLetter(_options.InputTopic, dead);
        }

        _merger.Enqueue(record);
        if (_merger.QueuedOf(partition) > _options.MaxQueuedRecordsPerPartition && _paused.Add(partition))
        {
            Interlocked.Increment(ref _pauses);
            _log($"pausing partition {partition}: {_merger.QueuedOf(partition)} records wait in the merge for slower partitions");
            try
            {
                _consumer.Pause([new TopicPartition(_options.InputTopic, partition)]);
            }
            catch (KafkaException e)
            {
                _log($"pause {partition}: {e.Error.Reason}");
            }
        }
    }

    private void ReleaseAndStore()
    {
        while (_merger.TryRelease(out var record))
        {
            if (_pipelineIdle.Remove(record.Partition))
            {
                _pipeline.SetPartitionIdle(record.Partition, false);
            }

            if (record.ReportCount > 0)
            {
                AddToPipeline(record);
            }

            _tracker.Released(record.Partition, record.Offset, record.ConsumedTimestamp, record.Holds, record.Completes);
            StateEntered(record); // state: what the next snapshot reflects
            RecordReleased?.Invoke(record.Partition, record.Offset);
            record.Clear();
            _released.Add(record);
            if (_released.Count >= HandoffBatchSize)
            {
                _handoff.Recycle(ref _released);
            }
        }

        if (_endSeen || Stopwatch.GetTimestamp() >= _nextIdleCheck)
        {
            _endSeen = false;
            _nextIdleCheck = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
            foreach (var p in _merger.Partitions)
            {
                var idle = _merger.IsIdle(p);
                if (idle ? _pipelineIdle.Add(p) : _pipelineIdle.Remove(p))
                {
                    _pipeline.SetPartitionIdle(p, idle); // idle after the timeout; active again when the input resumes
                }
            }
        }

        if (_paused.Count > 0)
        {
            foreach (var p in _paused.Where(p => _merger.QueuedOf(p) < _options.MaxQueuedRecordsPerPartition / 2).ToList())
            {
                _paused.Remove(p);
                try
                {
                    _consumer.Resume([new TopicPartition(_options.InputTopic, p)]);
                }
                catch (KafkaException e)
                {
                    _log($"resume {p}: {e.Error.Reason}");
                }
            }
        }

        StoreCompleted(now: false);
    }

    /// <summary>Processing thread: the record's reports into the pipeline; a detection defect is logged, counted and dead-lettered by reference, and the stream goes on.</summary>
    private void AddToPipeline(PendingRecord record)
    {
        var source = AlertSource.FromKafka(_options.InputTopic, record.Partition, record.Offset);
        try
        {
            for (var i = 0; i < record.ReportCount; i++)
            {
                _pipeline.Add(record.Report(i), source, record.Partition);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _metrics.ProcessingError();
            _recentErrors.Record();
            _log($"error: detection threw {e.GetType().Name} on {_options.InputTopic}/{record.Partition}@{record.Offset}: {e.Message}; the record is dead-lettered by reference and the stream goes on");
            var reject = new DecodeReject(0, RejectReason.ProcessingError, $"{e.GetType().Name}: {e.Message}", "");
            _publisher.PublishDeadLetter(_options.InputTopic, new DeadLetter(null, [], null, Timestamp.Default, record.Partition, record.Offset, [reject], 0));
        }
    }

    private void UpdateGauges()
    {
        var stats = _pipeline.Statistics;
        ReportPipeline(stats);
        _metrics.Guards(stats);
        _guardLog.Report(stats, _detection, _log);
        long total = 0;
        // The merge's partitions are the assignment as this thread knows it (consumer.Assignment would wait on librdkafka's main thread).
        foreach (var p in _merger.Partitions)
        {
            var tp = new TopicPartition(_options.InputTopic, p);
            var high = _consumer.GetWatermarkOffsets(tp).High;
            var position = _consumer.Position(tp);
            if (high.IsSpecial || position.IsSpecial)
            {
                continue;
            }

            var lag = Math.Max(0, high.Value - position.Value) + _merger.QueuedOf(tp.Partition.Value);
            total += lag;
            _metrics.ConsumerLag(tp.Partition.Value, lag);
        }

        Volatile.Write(ref _totalLag, total);
        _metrics.RecordsHeldForFragments(_tracker.Held);
        ReportWatchlist();
    }

    /// <summary>Reports the pipeline's vessel counts and its watermark lag: the clock's now minus the event-time watermark.</summary>
    internal void ReportPipeline(PipelineStatistics stats)
    {
        double? watermarkLagSeconds = stats.WatermarkMs is { } w ? (_clock.GetUtcNow().ToUnixTimeMilliseconds() - w) / 1000.0 : null;
        _metrics.Pipeline(stats.VesselsTracked, stats.VesselsOfInterest, watermarkLagSeconds);
    }
}
