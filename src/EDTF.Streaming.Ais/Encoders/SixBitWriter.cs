namespace EDTF.Streaming.Ais.Encoders;

/// <summary>Accumulates AIS payload bits most-significant first and armors them into the 6-bit ASCII of ITU-R M.1371 / IEC 61162.</summary>
internal sealed class SixBitWriter
{
    private readonly byte[] _bits;

    public SixBitWriter(int capacityBits) => _bits = new byte[capacityBits];

    /// <summary>Number of bits written so far.</summary>
    public int BitLength { get; private set; }

    /// <summary>Writes the low <paramref name="width"/> bits of <paramref name="value"/> (two's complement for negative values).</summary>
    public void Write(long value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            _bits[BitLength++] = (byte)((value >> i) & 1);
        }
    }

    public void WriteBool(bool value) => Write(value ? 1 : 0, 1);

    /// <summary>Writes <paramref name="chars"/> characters of AIS 6-bit text, upper-cased and padded with '@'.</summary>
    public void WriteText(string? text, int chars)
    {
        for (var i = 0; i < chars; i++)
        {
            var c = text is not null && i < text.Length ? char.ToUpperInvariant(text[i]) : '@';
            Write(ToSixBit(c), 6);
        }
    }

    /// <summary>The armored payload and the number of fill bits added to complete the last character.</summary>
    public AisPayload ToPayload()
    {
        var chars = (BitLength + 5) / 6;
        var fill = (chars * 6) - BitLength;
        var text = new char[chars];
        for (var c = 0; c < chars; c++)
        {
            var v = 0;
            for (var b = 0; b < 6; b++)
            {
                var index = (c * 6) + b;
                v = (v << 1) | (index < BitLength ? _bits[index] : 0);
            }

            text[c] = Armor(v);
        }

        return new AisPayload(new string(text), fill);
    }

    /// <summary>The 6-bit armoring character for a value 0-63.</summary>
    public static char Armor(int value) => (char)(value < 40 ? value + 48 : value + 56);

    /// <summary>The 6-bit text code of an ASCII character; characters outside the AIS set become '?'.</summary>
    public static int ToSixBit(char c) => c switch
    {
        >= '@' and <= '_' => c - 64,
        >= ' ' and <= '?' => c,
        _ => '?',
    };
}
