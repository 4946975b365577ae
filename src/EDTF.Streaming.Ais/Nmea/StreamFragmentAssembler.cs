using EDTF.Streaming.Ais.Messages;

namespace EDTF.Streaming.Ais.Nmea;

/// <summary>Reassembles multi-sentence messages whose fragments come from several input streams read in any interleaving (<see cref="NmeaDecoderOptions.AcrossStreams"/>).</summary>
/// <remarks>
/// <para>Streams (Kafka partitions) are consumed in chunks, so two fragments of one message may be thousands of lines apart in
/// reading order, and streams may be minutes apart in event time. Limits are therefore measured per stream: each stream has a
/// clock (the newest event time read from it); a group remembers its own stream's clock when it began and expires once every
/// active stream's clock is <see cref="NmeaDecoderOptions.FragmentExpiryMs"/> past that point (a stream at its end does not hold
/// groups back; a stream that has delivered no time yet holds every group back; when every stream is at its end, the newest
/// clock counts). Expiry is checked every 64 lines and whenever a stream reaches its end. The global line window
/// (<see cref="NmeaDecoderOptions.FragmentExpiryLines"/>) and <see cref="NmeaDecoderOptions.MaxPendingGroups"/> bound memory.</para>
/// <para>Because groups live long, a key (TAG group, or source/channel/sequence id/count) is reused while an older group of it
/// still waits: several groups of one key may pend, and a fragment joins the one lacking its number whose event time is closest
/// to its own, within <see cref="NmeaDecoderOptions.FragmentMatchToleranceMs"/> (the newest of equally close ones: an older
/// one is more likely an orphan whose partner was lost); otherwise it starts a new group.</para>
/// </remarks>
internal sealed class StreamFragmentAssembler(NmeaDecoderOptions options)
{
    private const int SweepEveryLines = 64;

    private readonly Dictionary<FragmentKey, FragmentGroup> _heads = [];
    private readonly Stack<FragmentGroup> _pool = new();
    private readonly Queue<(FragmentGroup Group, int Generation)> _byArrival = new();
    private readonly PriorityQueue<(FragmentGroup Group, int Generation), long> _byClock = new();

    // Groups begun since the last sweep: most complete within a line or two and never reach the two queues above.
    private readonly List<(FragmentGroup Group, int Generation)> _fresh = [];
    private readonly Dictionary<int, StreamClock> _streams = [];
    private StreamClock? _current;
    private int _currentStream;
    private long _lastSweepLine;

    /// <summary>
    /// Stream clocks never move past this (epoch ms; default: no limit). The service sets it a little past the wall clock, so one
    /// future-dated line cannot put its partition's clock ahead of the others for hours (every group begun there after it would
    /// wait that long to expire, and its record's offset with it).
    /// </summary>
    public long ClockCeilingMs { get; set; } = long.MaxValue;

    /// <summary>Rejects produced by expiry, eviction or flush, waiting to be handed to the sink.</summary>
    public List<DecodeReject> Rejected { get; } = [];

    public int PendingCount { get; private set; }

    public IFragmentListener? Listener { get; set; }

    /// <summary>The stream the next lines come from.</summary>
    public int CurrentStream
    {
        get => _currentStream;
        set
        {
            if (value != _currentStream || _current is null)
            {
                _currentStream = value;
                _current = Stream(value);
            }

            _current.Idle = false;
        }
    }

    /// <summary>A stream that will deliver lines (a partition assigned): until it has delivered a time, it holds every group back.</summary>
    public void AddStream(int stream) => Stream(stream);

    /// <summary>A stream that will deliver no more lines (a partition revoked).</summary>
    public void RemoveStream(int stream)
    {
        _streams.Remove(stream);
        if (stream == _currentStream)
        {
            _current = null;
        }
    }

    /// <summary>The stream has nothing more for now (at its end): it does not hold groups back until it delivers a line again.</summary>
    public void SetStreamIdle(int stream)
    {
        if (_streams.TryGetValue(stream, out var clock) && !clock.Idle)
        {
            clock.Idle = true;
            if (PendingCount > 0)
            {
                Enlist();
                ExpireByClock(); // the front may have moved: a finite input's last groups must not wait for more lines
            }
        }
    }

    /// <summary>Adds one fragment of the current stream; true when it completed its message, whose payload is then in <paramref name="output"/>.</summary>
    public bool Add(
        in FragmentKey key, int number, ReadOnlySpan<byte> payload, int fillBits, long line, long? timeMs, string? source, char channel,
        ReadOnlySpan<byte> text, SixBitBuffer output, out MessageContext context)
    {
        context = default;
        var current = _current ??= Stream(_currentStream);
        Advance(current, timeMs);

        var group = Match(key, number, timeMs, out var head);
        if (group is null)
        {
            if (PendingCount >= options.MaxPendingGroups)
            {
                EvictOldest();
                head = null; // the eviction may have changed (or emptied) this key's chain: look it up again
            }

            group = _pool.Count > 0 ? _pool.Pop() : new FragmentGroup();
            group.Start(key, line, text);
            group.StartClockMs = current.ClockMs;
            Link(group, head);
            PendingCount++;
            _fresh.Add((group, group.Generation));
        }

        group.Add(number, payload, fillBits, line, timeMs, source, channel);
        if (!group.IsComplete)
        {
            if (Listener is { } listener)
            {
                group.Token = listener.FragmentHeld(group.Token);
            }

            return false;
        }

        Release(group);
        if (group.Token is { } token)
        {
            Listener?.MessageCompleted(token);
        }

        output.Clear();
        for (var i = 1; i <= group.Count; i++)
        {
            output.Append(group.Payload(i));
        }

        context = new MessageContext(group.FirstFragmentLine, group.EventTimeMs, group.Source, group.Channel);
        if (!output.Complete(group.FillBits))
        {
            output.Clear();
        }

        return true;
    }

    /// <summary>Advances the current stream's clock and expires groups every active stream has moved past; cheap when nothing is pending.</summary>
    public void Sweep(long line, long? timeMs)
    {
        if (timeMs is not null)
        {
            Advance(_current ??= Stream(_currentStream), timeMs);
        }

        if (PendingCount == 0)
        {
            if (_fresh.Count > 0)
            {
                _fresh.Clear(); // every group begun completed
            }

            return;
        }

        if (line - _lastSweepLine < SweepEveryLines)
        {
            return;
        }

        _lastSweepLine = line;
        Enlist();
        ExpireByClock();
        while (_byArrival.TryPeek(out var entry))
        {
            var live = IsLive(entry);
            if (live && line - entry.Group.FirstArrivalLine <= options.FragmentExpiryLines)
            {
                break;
            }

            _byArrival.Dequeue();
            if (live)
            {
                Expire(entry.Group, "incomplete message expired");
            }
        }

        if (_byArrival.Count > (4 * PendingCount) + 1024)
        {
            Compact();
        }
    }

    /// <summary>True when every known stream is at its end (and there is at least one).</summary>
    public bool AllStreamsIdle
    {
        get
        {
            foreach (var clock in _streams.Values)
            {
                if (!clock.Idle)
                {
                    return false;
                }
            }

            return _streams.Count > 0;
        }
    }

    /// <summary>End of input (or input gone quiet): every pending group is rejected, oldest first.</summary>
    public void Flush(string why = "incomplete message at end of input")
    {
        Enlist();
        while (_byArrival.TryDequeue(out var entry))
        {
            if (IsLive(entry))
            {
                Expire(entry.Group, why);
            }
        }

        _byClock.Clear();
    }

    private static bool IsLive((FragmentGroup Group, int Generation) entry) => entry.Group.IsPending && entry.Group.Generation == entry.Generation;

    private StreamClock Stream(int stream)
    {
        if (!_streams.TryGetValue(stream, out var clock))
        {
            _streams[stream] = clock = new StreamClock();
        }

        return clock;
    }

    /// <summary>Moves the fresh groups still pending into the arrival and clock queues.</summary>
    private void Enlist()
    {
        foreach (var entry in _fresh)
        {
            if (IsLive(entry))
            {
                _byArrival.Enqueue(entry);
                if (entry.Group.StartClockMs != long.MinValue)
                {
                    _byClock.Enqueue(entry, entry.Group.StartClockMs);
                }
            }
        }

        _fresh.Clear();
    }

    private void ExpireByClock()
    {
        var front = Front();
        while (_byClock.TryPeek(out var entry, out var startClock))
        {
            var live = IsLive(entry);
            if (live && (front == long.MinValue || front - startClock <= options.FragmentExpiryMs))
            {
                break;
            }

            _byClock.Dequeue();
            if (live)
            {
                Expire(entry.Group, "incomplete message expired: every stream moved past it");
            }
        }
    }

    /// <summary>
    /// The oldest clock among active streams: no group that began more than the expiry before it can still be completed.
    /// When every stream is at its end, the newest clock: everything older has been delivered.
    /// </summary>
    private long Front()
    {
        var front = long.MaxValue;
        var newest = long.MinValue;
        foreach (var clock in _streams.Values)
        {
            if (!clock.Idle && clock.ClockMs < front)
            {
                front = clock.ClockMs;
            }

            if (clock.ClockMs > newest)
            {
                newest = clock.ClockMs;
            }
        }

        return front == long.MaxValue ? newest : front;
    }

    private FragmentGroup? Match(in FragmentKey key, int number, long? timeMs, out FragmentGroup? head)
    {
        if (!_heads.TryGetValue(key, out head))
        {
            return null;
        }

        var group = head;

        FragmentGroup? best = null;
        var bestDistance = long.MaxValue;
        for (; group is not null; group = group.NextSameKey)
        {
            if (group.Has(number))
            {
                continue;
            }

            var distance = timeMs is { } t && group.EventTimeMs is { } g ? Math.Abs(t - g) : 0;
            if (distance <= options.FragmentMatchToleranceMs && distance <= bestDistance)
            {
                best = group;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Appends the group to its key's chain (oldest first; ties in time go to the newest); <paramref name="head"/> is the chain's first group, if any.</summary>
    private void Link(FragmentGroup group, FragmentGroup? head)
    {
        if (head is null)
        {
            if (_heads.TryAdd(group.Key, group))
            {
                return;
            }

            head = _heads[group.Key];
        }

        while (head.NextSameKey is not null)
        {
            head = head.NextSameKey;
        }

        head.NextSameKey = group;
        group.PreviousSameKey = head;
    }

    /// <summary>Takes a group out of the pending set (completed or rejected); its queue entries go stale.</summary>
    private void Release(FragmentGroup group)
    {
        var next = group.NextSameKey;
        if (group.PreviousSameKey is { } previous)
        {
            previous.NextSameKey = next;
        }
        else if (next is null)
        {
            _heads.Remove(group.Key);
        }
        else
        {
            _heads[group.Key] = next;
        }

        if (next is not null)
        {
            next.PreviousSameKey = group.PreviousSameKey;
        }

        group.NextSameKey = null;
        group.PreviousSameKey = null;
        group.IsPending = false;
        PendingCount--;
        _pool.Push(group);
    }

    private void Expire(FragmentGroup group, string why)
    {
        Release(group);
        var reason = group.HasFirst ? RejectReason.ExpiredFragments : RejectReason.OrphanFragment;
        var detail = $"{why}: {group.Received} of {group.Count} fragments";
        Rejected.Add(new DecodeReject(group.FirstArrivalLine, reason, detail, System.Text.Encoding.Latin1.GetString(group.FirstArrivalText)));
        if (group.Token is { } token)
        {
            Listener?.MessageDropped(token);
        }
    }

    private void EvictOldest()
    {
        Enlist();
        while (_byArrival.TryDequeue(out var entry))
        {
            if (IsLive(entry))
            {
                Expire(entry.Group, "evicted: too many incomplete messages");
                return;
            }
        }
    }

    /// <summary>Drops stale arrival entries (groups completed long ago behind an older one still pending).</summary>
    private void Compact()
    {
        var count = _byArrival.Count;
        for (var i = 0; i < count; i++)
        {
            var entry = _byArrival.Dequeue();
            if (IsLive(entry))
            {
                _byArrival.Enqueue(entry);
            }
        }
    }

    /// <summary>Moves a stream's clock forward to <paramref name="timeMs"/>, never past <see cref="ClockCeilingMs"/>.</summary>
    private void Advance(StreamClock clock, long? timeMs)
    {
        if (timeMs is { } t && t > clock.ClockMs)
        {
            clock.ClockMs = Math.Min(t, ClockCeilingMs);
        }
    }

    private sealed class StreamClock
    {
        public long ClockMs { get; set; } = long.MinValue;

        public bool Idle { get; set; }
    }
}
