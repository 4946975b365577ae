namespace EDTF.Streaming.Ais.Messages;

/// <summary>A reusable buffer of de-armoured 6-bit payload symbols with big-endian bit-field reads.</summary>
internal sealed class SixBitBuffer
{
    private const int PaddingSymbols = 80;

    private byte[] _symbols = new byte[256];

    /// <summary>Symbols held.</summary>
    public int SymbolCount { get; private set; }

    /// <summary>Payload bits (symbols * 6 - fill bits).</summary>
    public int BitLength { get; private set; }

    public void Clear()
    {
        SymbolCount = 0;
        BitLength = 0;
    }

    /// <summary>De-armours and appends payload characters; returns the index of the first invalid character or -1.</summary>
    public int Append(ReadOnlySpan<byte> armoured)
    {
        EnsureCapacity(SymbolCount + armoured.Length + 8);
        var symbols = _symbols;
        var n = SymbolCount;
        for (var i = 0; i < armoured.Length; i++)
        {
            var v = armoured[i] - 48;
            if (v > 40)
            {
                v -= 8;
                if (v < 40)
                {
                    return i;
                }
            }

            if ((uint)v > 63)
            {
                return i;
            }

            symbols[n++] = (byte)v;
        }

        SymbolCount = n;
        return -1;
    }

    /// <summary>Sets the bit length once all fragments are in; false when the fill bits exceed the payload.</summary>
    public bool Complete(int fillBits)
    {
        var bits = (SymbolCount * 6) - fillBits;
        if (bits < 0)
        {
            return false;
        }

        BitLength = bits;

        // Zero padding so that reads that straddle or pass the end never see stale symbols or leave the array.
        EnsureCapacity(SymbolCount + PaddingSymbols);
        _symbols.AsSpan(SymbolCount, PaddingSymbols).Clear();
        return true;
    }

    /// <summary>Reads an unsigned field of up to 32 bits starting at bit <paramref name="start"/>.</summary>
    public uint Unsigned(int start, int length)
    {
        var index = start / 6;
        var offset = start - (index * 6);
        var needed = length + offset;
        var count = (needed + 5) / 6;
        ulong acc = 0;
        var symbols = _symbols;
        for (var i = 0; i < count; i++)
        {
            acc = (acc << 6) | symbols[index + i];
        }

        acc >>= (count * 6) - needed;
        return (uint)(acc & ((1UL << length) - 1));
    }

    /// <summary>Reads a two's-complement signed field.</summary>
    public int Signed(int start, int length)
    {
        var raw = Unsigned(start, length);
        var shift = 32 - length;
        return (int)(raw << shift) >> shift;
    }

    /// <summary>True when every payload symbol is zero.</summary>
    public bool IsAllZero => !_symbols.AsSpan(0, SymbolCount).ContainsAnyExcept((byte)0);

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
        for (var i = 0; i < armoured.Length; i++)
        {
            var c = armoured[i];
            if (c is < 48 or > 119 || c is > 87 and < 96)
            {
                return i;
            }
        }

        return -1;
    }

    private void EnsureCapacity(int symbols)
    {
        if (symbols > _symbols.Length)
        {
            Array.Resize(ref _symbols, Math.Max(symbols, _symbols.Length * 2));
        }
    }
}
