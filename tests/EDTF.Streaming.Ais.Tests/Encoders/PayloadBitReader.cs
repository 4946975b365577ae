namespace EDTF.Streaming.Ais.Tests.Encoders;

/// <summary>A deliberately naive de-armoring bit reader, written independently of the encoder, to check its output.</summary>
internal sealed class PayloadBitReader
{
    private readonly List<int> _bits = [];
    private int _position;

    public PayloadBitReader(string armored, int fillBits)
    {
        foreach (var ch in armored)
        {
            var v = ch - 48;
            if (v > 40)
            {
                v -= 8;
            }

            if (v is < 0 or > 63)
            {
                throw new ArgumentException($"'{ch}' is not a 6-bit armoring character", nameof(armored));
            }

            for (var b = 5; b >= 0; b--)
            {
                _bits.Add((v >> b) & 1);
            }
        }

        _bits.RemoveRange(_bits.Count - fillBits, fillBits);
    }

    public int Length => _bits.Count;

    public long Unsigned(int width)
    {
        long value = 0;
        for (var i = 0; i < width; i++)
        {
            value = (value << 1) | (uint)_bits[_position++];
        }

        return value;
    }

    public long Signed(int width)
    {
        var value = Unsigned(width);
        return (value & (1L << (width - 1))) != 0 ? value - (1L << width) : value;
    }

    public string Text(int chars)
    {
        var result = new char[chars];
        for (var i = 0; i < chars; i++)
        {
            var v = (int)Unsigned(6);
            result[i] = (char)(v < 32 ? v + 64 : v);
        }

        return new string(result).TrimEnd('@').TrimEnd();
    }

    public void Skip(int width) => _position += width;

    /// <summary>Checks the checksum of an NMEA sentence or TAG block body the long way round.</summary>
    public static bool ChecksumMatches(string framed)
    {
        var star = framed.LastIndexOf('*');
        var body = framed[1..star];
        var expected = Convert.ToInt32(framed.Substring(star + 1, 2), 16);
        var actual = body.Aggregate(0, (acc, c) => acc ^ c);
        return expected == actual;
    }
}
