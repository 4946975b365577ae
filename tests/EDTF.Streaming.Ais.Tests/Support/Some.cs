using System.Globalization;
using EDTF.Streaming.Ais.Encoders;

namespace EDTF.Streaming.Ais.Tests.Support;

/// <summary>Test data: sentences with correct checksums, TAG blocks, payloads with chosen bits.</summary>
internal static class Some
{
    /// <summary>A real type 1 report (MMSI 224651000, lat -5.2779, lon -161.8827).</summary>
    public const string PositionSentence = "!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78";

    public const int PositionMmsi = 224651000;

    /// <summary>"!" + body + "*hh" with the right checksum.</summary>
    public static string Sentence(string body) => "!" + body + "*" + Checksum(body);

    /// <summary>"$" + body + "*hh" with the right checksum.</summary>
    public static string DollarSentence(string body) => "$" + body + "*" + Checksum(body);

    /// <summary>"\" + fields + "*hh\" with the right checksum.</summary>
    public static string Tag(string fields) => "\\" + fields + "*" + Checksum(fields) + "\\";

    public static string Checksum(string body) => AisEncoder.Checksum(body).ToString("X2", CultureInfo.InvariantCulture);

    /// <summary>A single-sentence VDM carrying <paramref name="payload"/>.</summary>
    public static string Vdm(AisPayload payload, char channel = 'A') =>
        Sentence($"AIVDM,1,1,,{channel},{payload.Armored},{payload.FillBits}");

    /// <summary>A payload of the given bits (value, width) pairs, most significant first.</summary>
    public static AisPayload Payload(params (long Value, int Width)[] fields)
    {
        var writer = new SixBitWriter(fields.Sum(f => f.Width) + 6);
        foreach (var (value, width) in fields)
        {
            writer.Write(value, width);
        }

        return writer.ToPayload();
    }

    /// <summary>A type 1 payload with every field given raw (not-available codes allowed).</summary>
    public static AisPayload Type1(
        int mmsi = 211000001, int status = 0, int rot = 0, int sog = 100, int lon = 600_000, int lat = 3_000_000,
        int cog = 900, int heading = 90, int second = 30, int bits = 168)
    {
        var fields = new List<(long, int)>
        {
            (1, 6), (0, 2), (mmsi, 30), (status, 4), (rot & 0xff, 8), (sog, 10), (1, 1), (lon & 0xfffffff, 28), (lat & 0x7ffffff, 27),
            (cog, 12), (heading, 9), (second, 6), (0, 2), (0, 3), (0, 1), (0, 19),
        };
        var all = Payload([.. fields]);
        if (bits >= 168)
        {
            return all;
        }

        // Cut the payload to the wanted number of bits (whole characters plus fill bits).
        var chars = (bits + 5) / 6;
        return new AisPayload(all.Armored[..chars], (chars * 6) - bits);
    }
}
