namespace EDTF.Streaming.Ais.Nmea;

/// <summary>NMEA XOR checksums and their two-digit hex form.</summary>
internal static class NmeaChecksum
{
    public static byte Compute(ReadOnlySpan<byte> text)
    {
        ulong acc = 0;
        var i = 0;
        for (; i + 8 <= text.Length; i += 8)
        {
            acc ^= System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(text[i..]);
        }

        acc ^= acc >> 32;
        acc ^= acc >> 16;
        acc ^= acc >> 8;
        var sum = (byte)acc;
        for (; i < text.Length; i++)
        {
            sum ^= text[i];
        }

        return sum;
    }

    /// <summary>Parses two hex digits (either case); -1 when they are not hex.</summary>
    public static int ParseHex(byte high, byte low)
    {
        var h = HexValue(high);
        var l = HexValue(low);
        return h < 0 || l < 0 ? -1 : (h << 4) | l;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}
