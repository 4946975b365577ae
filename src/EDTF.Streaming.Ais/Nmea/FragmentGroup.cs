namespace EDTF.Streaming.Ais.Nmea;

/// <summary>The fragments received so far of one multi-sentence message; pooled and reused.</summary>
internal sealed class FragmentGroup
{
    private readonly byte[][] _payloads = new byte[9][];
    private readonly int[] _lengths = new int[9];
    private byte[] _text = new byte[96];

    public FragmentKey Key { get; private set; }

    /// <summary>Bumped by every <see cref="Start"/>: tells a queue entry made for an earlier use of this pooled group from a live one.</summary>
    public int Generation { get; private set; }

    /// <summary>True from <see cref="Start"/> until the group completes or is rejected (across-streams reassembly).</summary>
    public bool IsPending { get; set; }

    /// <summary>The next pending group with the same key (across-streams reassembly keeps several).</summary>
    public FragmentGroup? NextSameKey { get; set; }

    /// <summary>The previous pending group with the same key (null for the first).</summary>
    public FragmentGroup? PreviousSameKey { get; set; }

    /// <summary>Where the group began in its stream's event time (across-streams expiry), or <see cref="long.MinValue"/> when unknown.</summary>
    public long StartClockMs { get; set; }

    /// <summary>The caller's token for the group (<see cref="IFragmentListener"/>).</summary>
    public object? Token { get; set; }

    public int Count { get; private set; }

    public int ReceivedMask { get; private set; }

    public long FirstArrivalLine { get; private set; }

    public long FirstFragmentLine { get; private set; }

    public long? EventTimeMs { get; private set; }

    public string? Source { get; private set; }

    public char Channel { get; private set; }

    public int FillBits { get; private set; }

    public bool IsComplete => ReceivedMask == (1 << Count) - 1;

    public bool HasFirst => (ReceivedMask & 1) != 0;

    public int Received => System.Numerics.BitOperations.PopCount((uint)ReceivedMask);

    public ReadOnlySpan<byte> FirstArrivalText => _text.AsSpan(0, TextLength);

    private int TextLength { get; set; }

    public void Start(in FragmentKey key, long line, ReadOnlySpan<byte> text)
    {
        Key = key;
        Generation++;
        IsPending = true;
        NextSameKey = null;
        PreviousSameKey = null;
        StartClockMs = long.MinValue;
        Token = null;
        Count = key.Count;
        ReceivedMask = 0;
        FirstArrivalLine = line;
        FirstFragmentLine = line;
        EventTimeMs = null;
        Source = null;
        Channel = '\0';
        FillBits = 0;
        if (text.Length > _text.Length)
        {
            _text = new byte[text.Length];
        }

        text.CopyTo(_text);
        TextLength = text.Length;
    }

    public bool Has(int number) => (ReceivedMask & (1 << (number - 1))) != 0;

    public void Add(int number, ReadOnlySpan<byte> payload, int fillBits, long line, long? timeMs, string? source, char channel)
    {
        var index = number - 1;
        var buffer = _payloads[index];
        if (buffer is null || buffer.Length < payload.Length)
        {
            _payloads[index] = buffer = new byte[Math.Max(payload.Length, 64)];
        }

        payload.CopyTo(buffer);
        _lengths[index] = payload.Length;
        ReceivedMask |= 1 << index;
        if (number == 1)
        {
            FirstFragmentLine = line;
            EventTimeMs = timeMs ?? EventTimeMs;
            Source = source ?? Source;
        }
        else
        {
            EventTimeMs ??= timeMs;
            Source ??= source;
        }

        if (Channel == '\0')
        {
            Channel = channel;
        }

        if (number == Count)
        {
            FillBits = fillBits;
        }
    }

    public ReadOnlySpan<byte> Payload(int number) => _payloads[number - 1].AsSpan(0, _lengths[number - 1]);
}
