using System.Diagnostics;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Kafka;

/// <summary>The consume thread's room: polling the consumer, decoding records (the decoder is shared by all partitions and fed in consume order), and handing batches to the processing thread.</summary>
/// <remarks>Every member here runs on the consume thread (the caller of <see cref="Run"/>).</remarks>
internal sealed partial class KafkaDetectionService
{
    /// <summary>The consume thread: poll, decode, batch; a batch goes over when full or when the consumer has nothing more at hand.</summary>
    private void ConsumeLoop(CancellationToken stop)
    {
        var poller = DirectPoller.TryCreate(_consumer, out var reason);
        if (poller is null)
        {
            _log($"reading records through Confluent.Kafka's Consume ({reason})");
        }

        UpdateClockCeiling();

        try
        {
            while (!stop.IsCancellationRequested && Volatile.Read(ref _processingError) is null)
            {
                var timeoutMs = _batch.Count == 0 ? 100 : 0;
                bool got;
                try
                {
                    var t0 = timeoutMs > 0 ? Stopwatch.GetTimestamp() : 0;
                    got = poller is null ? ConsumeOne(timeoutMs) : PollOne(poller, timeoutMs);
                    if (timeoutMs > 0)
                    {
                        Waits.BlockingPoll(Stopwatch.GetTimestamp() - t0);
                    }
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    _log($"consume: {e.Error.Reason}");
                    continue;
                }
                catch (KafkaException e) when (!e.Error.IsFatal)
                {
                    _log($"consume: {e.Error.Reason}");
                    continue;
                }

                if (_callbackError is { } callbackError)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(callbackError);
                }

                if (!got)
                {
                    _activity.Polled();
                    UpdateClockCeiling();
                    PublishBatch(stop);
                    CheckEndOfInput();
                    ExpireFragmentsWhenQuiet();
                    continue;
                }

                _quietSince = 0;

                if (_batch.Count >= _handoff.BatchSize)
                {
                    _activity.Polled();
                    UpdateClockCeiling();
                    PublishBatch(stop);
                }
            }
        }
        finally
        {
            poller?.Dispose();
        }
    }

    private bool PollOne(DirectPoller poller, int timeoutMs)
    {
        if (!poller.Poll(timeoutMs, out var record, out var eofPartition))
        {
            return false;
        }

        if (eofPartition >= 0)
        {
            AtEnd(eofPartition);
            _batch.Add(HandoffItem.End(eofPartition));
        }
        else
        {
            _batch.Add(HandoffItem.Of(Decode(record)));
        }

        return true;
    }

    private bool ConsumeOne(int timeoutMs)
    {
        var r = _consumer.Consume(timeoutMs);
        if (r is null)
        {
            return false;
        }

        if (r.IsPartitionEOF)
        {
            AtEnd(r.Partition.Value);
            _batch.Add(HandoffItem.End(r.Partition.Value));
        }
        else
        {
            _batch.Add(HandoffItem.Of(Decode(new ConsumedRecord(r))));
        }

        return true;
    }

    private void PublishBatch(CancellationToken stop)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        var t0 = Stopwatch.GetTimestamp();
        var count = _batch.Count;
        var added = _handoff.Add(_batch, stop);
        Waits.Put(count, Stopwatch.GetTimestamp() - t0);
        if (added)
        {
            _batch = _handoff.Rent();
        }
        else
        {
            _batch.Clear(); // stopping: these records were not processed, their offsets are not stored
        }
    }

    /// <summary>A record without NMEA lines moves its partition's clock too (fragment groups elsewhere must not wait on it).</summary>
    private void ObserveTime(in ConsumedRecord r)
    {
        _decoder.ObserveTime(r.Partition, r.Timestamp.UnixTimestampMs);
        foreach (var reject in _decoder.Rejects)
        {
            _metrics.DecodeReject(reject.Reason);
        }
    }

    /// <summary>Keeps partition clocks from running ahead of the wall clock on a future-dated line (<see cref="RecordDecoder.ClockCeilingMs"/>).</summary>
    private void UpdateClockCeiling() => _decoder.ClockCeilingMs = _clock.GetUtcNow().ToUnixTimeMilliseconds() + FutureSkewMs;

    /// <summary>Consume thread: the partition is at its end; fragment groups that can no longer complete are rejected.</summary>
    private void AtEnd(int partition)
    {
        _decoder.PartitionAtEnd(partition);
        foreach (var reject in _decoder.Rejects)
        {
            _metrics.DecodeReject(reject.Reason);
        }
    }

    /// <summary>Consume thread, nothing at hand: once every partition has been at its end for <see cref="KafkaOptions.FragmentQuietSeconds"/> with fragments waiting, reject them (their records' offsets may then be stored).</summary>
    private void ExpireFragmentsWhenQuiet()
    {
        if (!_decoder.QuietWithPendingFragments)
        {
            _quietSince = 0;
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (_quietSince == 0)
        {
            _quietSince = now;
            return;
        }

        if (Stopwatch.GetElapsedTime(_quietSince, now).TotalSeconds < _options.FragmentQuietSeconds)
        {
            return;
        }

        _decoder.ExpirePendingFragments();
        foreach (var reject in _decoder.Rejects)
        {
            _metrics.DecodeReject(reject.Reason);
        }

        _log($"input quiet for {_options.FragmentQuietSeconds} s: {_decoder.Rejects.Count} incomplete message(s) rejected ({string.Join("; ", _decoder.Rejects.Take(3).Select(r => r.Text))})");

        _quietSince = 0;
    }

    /// <summary>Decodes a record on the consume thread (decoder state spans partitions, in consume order).</summary>
    private PendingRecord Decode(in ConsumedRecord r)
    {
        var consumed = Stopwatch.GetTimestamp();
        _metrics.RecordConsumed();
        var record = RentRecord();
        DeadLetter? deadLetter;
        if (RecordLimits.Check(r.Value, _options.MaxRecordBytes, _options.MaxLinesPerRecord) is { } tooBig)
        {
            // Not decoded at all: one reject for the whole record, which goes to the dead-letter topic (cut to a size it takes).
            _metrics.DecodeReject(tooBig.Reason);
            deadLetter = ToDeadLetter(r, [tooBig], tooBig.Line);
            ObserveTime(r);
        }
        else
        {
            try
            {
                deadLetter = DecodeContent(r, record);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A decoder defect must not stop the stream: the record is dead-lettered with the exception's message.
                _metrics.ProcessingError();
                _recentErrors.Record();
                _metrics.DecodeReject(RejectReason.ProcessingError);
                _log($"error: decoding {_options.InputTopic}/{r.Partition}@{r.Offset} threw {e.GetType().Name}: {e.Message}; the record is dead-lettered and the stream goes on");
                record.Clear();
                deadLetter = ToDeadLetter(r, [new DecodeReject(0, RejectReason.ProcessingError, $"{e.GetType().Name}: {e.Message}", "")], 0);
            }
        }

        record.Set(r.Partition, r.Offset, consumed, deadLetter);
        return record;
    }

    /// <summary>Decodes the record's content (JSON or NMEA lines) into <paramref name="record"/>; returns its dead letter, if any.</summary>
    private DeadLetter? DecodeContent(in ConsumedRecord r, PendingRecord record)
    {
        var value = r.Value;
        DeadLetter? deadLetter = null;
        if (value.Length > 0 && AisJsonRecord.Is(r))
        {
            AisJsonRecord.Read(r, record, _metrics, out deadLetter);
            ObserveTime(r);
        }
        else if (value.Length > 0)
        {
            _decoder.Decode(value, r.Timestamp.UnixTimestampMs, r.Partition);
            var sentences = _decoder.Statistics.Sentences;
            if (sentences != _sentencesSeen)
            {
                _metrics.SentencesDecoded(sentences - _sentencesSeen);
                _sentencesSeen = sentences;
            }

            if (_decoder.Rejects.Count > 0)
            {
                foreach (var reject in _decoder.Rejects)
                {
                    _metrics.DecodeReject(reject.Reason);
                }

                if (_decoder.HasContentRejects)
                {
                    deadLetter = ToDeadLetter(r, [.. _decoder.Rejects], _decoder.FirstLineOfRecord);
                }
            }

            foreach (ref readonly var report in CollectionsMarshal.AsSpan(_decoder.Reports))
            {
                record.AddReport(report);
            }

            if (_decoder.Holds.Count > 0 || _decoder.Completes.Count > 0)
            {
                record.SetFragments(FragmentHold.Pack(_decoder.Holds), FragmentHold.Pack(_decoder.Completes));
            }
        }
        else
        {
            ObserveTime(r);
        }

        return deadLetter;
    }

    /// <summary>A dead letter with its own copies of the record's key and value (the consume buffers are reused).</summary>
    internal static DeadLetter ToDeadLetter(in ConsumedRecord r, DecodeReject[] rejects, long firstLine) =>
        new(r.KeyIsNull ? null : r.Key.ToArray(), r.Value.ToArray(), r.CopyHeaders(), r.Timestamp, r.Partition, r.Offset, rejects, firstLine);

    /// <summary>Consume thread: a record to fill, recycled by the processing thread when one is free.</summary>
    private PendingRecord RentRecord()
    {
        if (_stock.Count == 0 && !_handoff.TryRestock(ref _stock))
        {
            return new PendingRecord();
        }

        var last = _stock[^1];
        _stock.RemoveAt(_stock.Count - 1);
        return last;
    }
}
