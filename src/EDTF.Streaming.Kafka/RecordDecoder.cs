using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Kafka;

/// <summary>Decodes the NMEA lines of one Kafka record value with a decoder shared by all partitions, collecting what it gives.</summary>
/// <remarks>
/// One decoder for all partitions, fed in consume order, with a running line number: a multi-sentence message is emitted by the
/// record that completes it. Event time comes from the line (TAG block, timestamps), else the record timestamp. The decoder
/// reassembles across partitions (<see cref="ServiceOptions"/>): each record is decoded as a line of its partition's stream,
/// and the records whose fragments still wait are told (<see cref="Holds"/>), as is the record that completes them
/// (<see cref="Completes"/>).
/// </remarks>
internal sealed class RecordDecoder : IAisReportSink, IFragmentListener
{
    private readonly NmeaDecoder _decoder;
    private readonly List<AisReport> _reports = [];
    private readonly List<DecodeReject> _rejects = [];
    private readonly List<FragmentHold> _held = [];
    private readonly List<FragmentHold> _holds = [];
    private readonly List<FragmentHold> _completes = [];
    private readonly Stack<FragmentHold> _spareHolds = new();
    private long _lineNumber;
    private long _firstLineOfRecord;
    private long _record;

    public RecordDecoder(NmeaDecoderOptions? options = null)
    {
        _decoder = new NmeaDecoder(options ?? ServiceOptions);
        _decoder.FragmentListener = this;
    }

    /// <summary>
    /// The service's reassembly: across partitions (per-partition event-time expiry, 60 s as on files), no line window (the
    /// fragments of one message may be a whole fetch per partition apart in consume order), and room for 65,536 pending groups.
    /// </summary>
    public static NmeaDecoderOptions ServiceOptions { get; } = new()
    {
        AcrossStreams = true,
        FragmentExpiryLines = int.MaxValue,
        MaxPendingGroups = 65_536,
    };

    /// <summary>Partition clocks never move past this (epoch ms): the service keeps it a little past the wall clock.</summary>
    public long ClockCeilingMs
    {
        get => _decoder.StreamClockCeilingMs;
        set => _decoder.StreamClockCeilingMs = value;
    }

    /// <summary>
    /// A record of <paramref name="partition"/> without NMEA lines (a JSON record, an empty value): its timestamp still moves the
    /// partition's clock, so fragment groups elsewhere do not wait on a partition that delivers only such records. Results
    /// (rejects of groups that expired) replace those of the previous record.
    /// </summary>
    public void ObserveTime(int partition, long recordTimestampMs)
    {
        Begin();
        _decoder.Stream = partition;
        if (InputLimits.IsEventTime(recordTimestampMs))
        {
            _decoder.ObserveStreamTime(recordTimestampMs, _lineNumber, this);
        }
    }

    /// <summary>Messages of which the last record carried a fragment and which still wait for others (its offset must wait too).</summary>
    public List<FragmentHold> Holds => _holds;

    /// <summary>Messages the last record completed whose earlier fragments came in other records (released once it is processed).</summary>
    public List<FragmentHold> Completes => _completes;

    public DecoderStatistics Statistics => _decoder.Statistics;

    /// <summary>Reports completed by the last record.</summary>
    public List<AisReport> Reports => _reports;

    /// <summary>Rejects raised while decoding the last record.</summary>
    public List<DecodeReject> Rejects => _rejects;

    /// <summary>True when a reject of the last record says its own content is bad (not merely a fragment that lost its group).</summary>
    public bool HasContentRejects
    {
        get
        {
            foreach (var r in _rejects)
            {
                if (r.Reason is not (RejectReason.OrphanFragment or RejectReason.ExpiredFragments))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The running line number of the last record's first line.</summary>
    public long FirstLineOfRecord => _firstLineOfRecord;

    /// <summary>The 1-based line of a reject within the last record (0 when it belongs to an earlier record).</summary>
    public long LineInRecord(DecodeReject reject) => reject.Line >= _firstLineOfRecord ? reject.Line - _firstLineOfRecord + 1 : 0;

    /// <summary>A partition assigned: until it delivers a record with a time (or reaches its end) it holds pending fragments back.</summary>
    public void AddPartition(int partition) => _decoder.AddStream(partition);

    /// <summary>A partition revoked or lost.</summary>
    public void RemovePartition(int partition) => _decoder.RemoveStream(partition);

    /// <summary>The partition is at its end for now: fragment groups that can no longer complete are rejected (in <see cref="Rejects"/>; their holds released).</summary>
    public void PartitionAtEnd(int partition)
    {
        Begin();
        _decoder.SetStreamIdle(partition, this);
    }

    /// <summary>True when fragments wait and every partition is at its end.</summary>
    public bool QuietWithPendingFragments => _decoder.Statistics.PendingGroups > 0 && _decoder.AllStreamsIdle;

    /// <summary>The input went quiet: rejects the fragment groups still pending (their holds are released); decoding goes on.</summary>
    public void ExpirePendingFragments()
    {
        Begin();
        _decoder.ExpirePendingFragments(this);
    }

    /// <summary>Declared end of input: rejects the fragment groups still pending (their holds are released).</summary>
    public void Flush()
    {
        Begin();
        _decoder.Flush(this);
    }

    /// <summary>Decodes every line of <paramref name="value"/> (a record of <paramref name="partition"/>); results replace those of the previous record.</summary>
    public void Decode(ReadOnlySpan<byte> value, long recordTimestampMs, int partition = 0)
    {
        Begin();
        _decoder.Stream = partition;
        _firstLineOfRecord = _lineNumber + 1;
        long? fallback = InputLimits.IsEventTime(recordTimestampMs) ? recordTimestampMs : null;
        while (!value.IsEmpty)
        {
            var nl = value.IndexOf((byte)'\n');
            var line = nl < 0 ? value : value[..nl];
            value = nl < 0 ? default : value[(nl + 1)..];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            _lineNumber++;
            if (!line.IsEmpty)
            {
                _decoder.DecodeLine(line, _lineNumber, fallback, this);
            }
        }

        foreach (var hold in _held)
        {
            if (!hold.IsReleased && !_completes.Contains(hold))
            {
                _holds.Add(hold);
            }
        }
    }

    object IFragmentListener.FragmentHeld(object? token)
    {
        var hold = token as FragmentHold;
        if (hold is null)
        {
            hold = _spareHolds.Count > 0 ? _spareHolds.Pop() : new FragmentHold();
            hold.CreatedInRecord = _record;
        }

        if (!_held.Contains(hold))
        {
            _held.Add(hold);
        }

        return hold;
    }

    void IFragmentListener.MessageCompleted(object token)
    {
        var hold = (FragmentHold)token;
        if (hold.CreatedInRecord == _record)
        {
            // The whole message was in this record: no other record holds it, and the hold never left this thread.
            _held.Remove(hold);
            _spareHolds.Push(hold);
            return;
        }

        _completes.Add(hold);
    }

    void IFragmentListener.MessageDropped(object token) => ((FragmentHold)token).Release();

    private void Begin()
    {
        _record++;
        _reports.Clear();
        _rejects.Clear();
        _held.Clear();
        _holds.Clear();
        _completes.Clear();
    }

    public void OnReport(in AisReport report) => _reports.Add(report);

    public void OnReject(in DecodeReject reject) => _rejects.Add(reject);
}
