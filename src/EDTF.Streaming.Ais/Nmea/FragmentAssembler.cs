using System.Text;
using EDTF.Streaming.Ais.Messages;

namespace EDTF.Streaming.Ais.Nmea;

/// <summary>Reassembles multi-sentence messages, tolerating interleaving and out-of-order fragments, with bounded memory and expiry.</summary>
internal sealed class FragmentAssembler(NmeaDecoderOptions options)
{
    private const int SweepEveryLines = 64;

    private readonly Dictionary<FragmentKey, FragmentGroup> _pending = [];
    private readonly Stack<FragmentGroup> _pool = new();
    private readonly List<FragmentGroup> _scratch = [];
    private long _lastSweepLine;

    /// <summary>Rejects produced by expiry, supersession or eviction, waiting to be handed to the sink.</summary>
    public List<DecodeReject> Rejected { get; } = [];

    public int PendingCount => _pending.Count;

    /// <summary>Adds one fragment; true when it completed its message, whose payload is then in <paramref name="output"/>.</summary>
    public bool Add(
        in FragmentKey key, int number, ReadOnlySpan<byte> payload, int fillBits, long line, long? timeMs, string? source, char channel,
        ReadOnlySpan<byte> text, SixBitBuffer output, out MessageContext context)
    {
        context = default;
        if (_pending.TryGetValue(key, out var group) && group.Has(number))
        {
            Reject(group, "superseded by a new message with the same sequence id");
            _pending.Remove(key);
            _pool.Push(group);
            group = null;
        }

        if (group is null)
        {
            if (_pending.Count >= options.MaxPendingGroups)
            {
                EvictOldest();
            }

            group = _pool.Count > 0 ? _pool.Pop() : new FragmentGroup();
            group.Start(key, line, text);
            _pending[key] = group;
        }

        group.Add(number, payload, fillBits, line, timeMs, source, channel);
        if (!group.IsComplete)
        {
            return false;
        }

        _pending.Remove(key);
        _pool.Push(group);
        output.Clear();
        for (var i = 1; i <= group.Count; i++)
        {
            output.Append(group.Payload(i));
        }

        context = new MessageContext(group.FirstFragmentLine, group.EventTimeMs, group.Source, group.Channel);
        return output.Complete(group.FillBits) || MarkBadFill(output);
    }

    /// <summary>Expires groups that are too old by line count or event time; cheap when nothing is pending.</summary>
    public void Sweep(long line, long? timeMs)
    {
        if (_pending.Count == 0 || line - _lastSweepLine < SweepEveryLines)
        {
            return;
        }

        _lastSweepLine = line;
        _scratch.Clear();
        foreach (var group in _pending.Values)
        {
            if (line - group.FirstArrivalLine > options.FragmentExpiryLines
                || (timeMs is { } now && group.EventTimeMs is { } then && now - then > options.FragmentExpiryMs))
            {
                _scratch.Add(group);
            }
        }

        foreach (var group in _scratch)
        {
            Reject(group, "incomplete message expired");
            _pending.Remove(group.Key);
            _pool.Push(group);
        }
    }

    /// <summary>End of input: every pending group is rejected.</summary>
    public void Flush()
    {
        foreach (var group in _pending.Values.OrderBy(g => g.FirstArrivalLine))
        {
            Reject(group, "incomplete message at end of input");
            _pool.Push(group);
        }

        _pending.Clear();
    }

    private static bool MarkBadFill(SixBitBuffer output)
    {
        output.Clear();
        return true;
    }

    private void EvictOldest()
    {
        FragmentGroup? oldest = null;
        foreach (var group in _pending.Values)
        {
            if (oldest is null || group.FirstArrivalLine < oldest.FirstArrivalLine)
            {
                oldest = group;
            }
        }

        if (oldest is not null)
        {
            Reject(oldest, "evicted: too many incomplete messages");
            _pending.Remove(oldest.Key);
            _pool.Push(oldest);
        }
    }

    private void Reject(FragmentGroup group, string why)
    {
        var reason = group.HasFirst ? RejectReason.ExpiredFragments : RejectReason.OrphanFragment;
        var detail = $"{why}: {group.Received} of {group.Count} fragments";
        Rejected.Add(new DecodeReject(group.FirstArrivalLine, reason, detail, System.Text.Encoding.Latin1.GetString(group.FirstArrivalText)));
    }
}
