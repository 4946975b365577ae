namespace EDTF.Streaming.Ais.Messages;

/// <summary>A reusable, de-armoured AIS payload packed big-endian into 64-bit words, with bit-field reads.</summary>
/// <remarks>Reads past the payload's end see zero bits (the buffer keeps zeroed padding), so they never fail.</remarks>
internal sealed class SixBitBuffer
{
    private const int PaddingWords = 8;

    private ulong[] _words = new ulong[32];
    private int _dirtyWords;
    private int _bitPosition;

    /// <summary>Symbols (6-bit characters) held.</summary>
    public int SymbolCount => _bitPosition / 6;

    /// <summary>Payload bits (symbols * 6 - fill bits).</summary>
    public int BitLength { get; private set; }

    /// <summary>True when every payload bit is zero.</summary>
    public bool IsAllZero => !_words.AsSpan(0, (_bitPosition + 63) >> 6).ContainsAnyExcept(0UL);

    public void Clear()
    {
        // Append marks every word it touches dirty, on success and on an invalid character alike.
        _words.AsSpan(0, _dirtyWords).Clear();
        _dirtyWords = 0;
        _bitPosition = 0;
        BitLength = 0;
    }

    /// <summary>De-armours and appends payload characters; returns the index of the first invalid character or -1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Append(ReadOnlySpan<byte> armoured)
    {
        EnsureCapacity(((_bitPosition + (armoured.Length * 6)) >> 6) + PaddingWords + 1);
        var words = _words.AsSpan();
        var map = SixBitValues;
        var word = _bitPosition >> 6;
        var used = _bitPosition & 63;
        var acc = words[word];
        for (var i = 0; i < armoured.Length; i++)
        {
            var v = (ulong)map[armoured[i]];
            if (v > 63)
            {
                words[word] = acc;
                _dirtyWords = Math.Max(_dirtyWords, word + 1);
                return i;
            }

            if (used <= 58)
            {
                acc |= v << (58 - used);
                used += 6;
            }
            else
            {
                var over = used - 58;
                words[word++] = acc | (v >> over);
                acc = v << (64 - over);
                used = over;
            }
        }

        words[word] = acc;
        _bitPosition += armoured.Length * 6;
        _dirtyWords = Math.Max(_dirtyWords, word + 1);
        return -1;
    }

    /// <summary>6-bit value of each armouring character ('0'-'W' = 0-39, '`'-'w' = 40-63), 0xFF for anything else.</summary>
    private static ReadOnlySpan<byte> SixBitValues =>
    [
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
        32, 33, 34, 35, 36, 37, 38, 39, 255, 255, 255, 255, 255, 255, 255, 255,
        40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55,
        56, 57, 58, 59, 60, 61, 62, 63, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ];

    /// <summary>Sets the bit length once all fragments are in; false when the fill bits exceed the payload.</summary>
    public bool Complete(int fillBits)
    {
        var bits = _bitPosition - fillBits;
        if (bits < 0)
        {
            return false;
        }

        BitLength = bits;
        return true;
    }

    /// <summary>Reads an unsigned field of 1 to 32 bits starting at bit <paramref name="start"/>.</summary>
    public uint Unsigned(int start, int length)
    {
        var word = start >> 6;
        var offset = start & 63;
        var value = _words[word] << offset;
        if (offset + length > 64)
        {
            value |= _words[word + 1] >> (64 - offset);
        }

        return (uint)(value >> (64 - length));
    }

    /// <summary>Reads a two's-complement signed field.</summary>
    public int Signed(int start, int length)
    {
        var raw = Unsigned(start, length);
        var shift = 32 - length;
        return (int)(raw << shift) >> shift;
    }

    /// <summary>True when bits [start, start + length) lie inside the payload.</summary>
    public bool Fits(int start, int length) => start + length <= BitLength;

    /// <summary>An unsigned field, or null when it lies (partly) past the payload's end.</summary>
    public uint? U(int start, int length) => Fits(start, length) ? Unsigned(start, length) : null;

    /// <summary>A signed field, or null when it lies (partly) past the payload's end.</summary>
    public int? S(int start, int length) => Fits(start, length) ? Signed(start, length) : null;

    /// <summary>A flag, or null when it lies past the payload's end.</summary>
    public bool? B(int start) => Fits(start, 1) ? Unsigned(start, 1) != 0 : null;

    /// <summary>A flag; false past the payload's end.</summary>
    public bool Bit(int start) => Fits(start, 1) && Unsigned(start, 1) != 0;

    /// <summary>Reads 6-bit ASCII text of <paramref name="chars"/> characters (stopping at the payload end), trimmed of '@' and trailing spaces; null when empty.</summary>
    public string? Text(int start, int chars)
    {
        var available = Math.Max(0, (BitLength - start) / 6);
        chars = Math.Min(chars, available);
        if (chars <= 0)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[chars];
        for (var i = 0; i < chars; i++)
        {
            var v = (int)Unsigned(start + (i * 6), 6);
            buffer[i] = (char)(v < 32 ? v + 64 : v);
        }

        return SixBitText.Trim(buffer);
    }

    /// <summary>Index of the first character outside the 6-bit armouring alphabet, or -1.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> armoured)
    {
        var map = SixBitValues;
        for (var i = 0; i < armoured.Length; i++)
        {
            if (map[armoured[i]] > 63)
            {
                return i;
            }
        }

        return -1;
    }

    private void EnsureCapacity(int words)
    {
        if (words > _words.Length)
        {
            Array.Resize(ref _words, Math.Max(words, _words.Length * 2));
        }
    }
}
