namespace EDTF.Streaming.Ais.Nmea;

/// <summary>NMEA XOR checksums and their two-digit hex form.</summary>
internal static class NmeaChecksum
{
    public static byte Compute(ReadOnlySpan<byte> text)
    {
        byte sum = 0;
        foreach (var b in text)
        {
            sum ^= b;
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
