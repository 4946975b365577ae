using System.Globalization;
using System.Text;

namespace EDTF.Streaming.Ais.Encoders;

/// <summary>Encodes AIS messages (position reports 1-3, static and voyage data 5) into AIVDM sentences with NMEA 4.10 TAG blocks.</summary>
/// <remarks>
/// The inverse of the decoder, used by the scenario simulator and by tests. Values that are null in the
/// <see cref="AisReport"/> are written as the protocol's "not available" codes. Pure and thread-safe.
/// </remarks>
public static class AisEncoder
{
    /// <summary>Payload characters per sentence when a message is split (82-character NMEA limit, as gpsd and most AIS units do).</summary>
    public const int MaxPayloadCharsPerSentence = 60;

    /// <summary>Encodes a Class A position report (types 1, 2 or 3, taken from <see cref="AisReport.MessageType"/>; anything else is written as type 1).</summary>
    public static AisPayload EncodePosition(in AisReport report)
    {
        var w = new SixBitWriter(168);
        w.Write(report.MessageType is 1 or 2 or 3 ? report.MessageType : 1, 6);
        w.Write(report.RepeatIndicator, 2);
        w.Write(report.Mmsi, 30);
        w.Write(report.NavStatus ?? 15, 4);
        w.Write(EncodeRateOfTurn(report.RateOfTurn), 8);
        w.Write(report.SpeedKnots is { } sog ? Math.Min(1022, (int)Math.Round(sog * 10, MidpointRounding.AwayFromZero)) : 1023, 10);
        w.WriteBool(report.PositionAccuracy);
        w.Write(report.Longitude is { } lon ? (long)Math.Round(lon * 600_000, MidpointRounding.AwayFromZero) : 181 * 600_000, 28);
        w.Write(report.Latitude is { } lat ? (long)Math.Round(lat * 600_000, MidpointRounding.AwayFromZero) : 91 * 600_000, 27);
        w.Write(report.CourseDegrees is { } cog ? (int)Math.Round(cog * 10, MidpointRounding.AwayFromZero) % 3600 : 3600, 12);
        w.Write(report.HeadingDegrees ?? 511, 9);
        w.Write(report.Second ?? 60, 6);
        w.Write(0, 2); // manoeuvre indicator: not available
        w.Write(0, 3); // spare
        w.WriteBool(report.Raim);
        w.Write(0, 19); // radio status
        return w.ToPayload();
    }

    /// <summary>Encodes a type 5 static and voyage related data message (424 bits, 71 characters, 2 fill bits).</summary>
    public static AisPayload EncodeStaticAndVoyage(in AisReport report)
    {
        var w = new SixBitWriter(424);
        w.Write(5, 6);
        w.Write(report.RepeatIndicator, 2);
        w.Write(report.Mmsi, 30);
        w.Write(0, 2); // AIS version
        w.Write(report.Imo ?? 0, 30);
        w.WriteText(report.Callsign, 7);
        w.WriteText(report.Name, 20);
        w.Write(report.ShipType ?? 0, 8);
        w.Write(Math.Clamp(report.ToBow ?? 0, 0, 511), 9);
        w.Write(Math.Clamp(report.ToStern ?? 0, 0, 511), 9);
        w.Write(Math.Clamp(report.ToPort ?? 0, 0, 63), 6);
        w.Write(Math.Clamp(report.ToStarboard ?? 0, 0, 63), 6);
        w.Write(1, 4); // EPFD: GPS
        w.Write(report.EtaMonth ?? 0, 4);
        w.Write(report.EtaDay ?? 0, 5);
        w.Write(report.EtaHour ?? 24, 5);
        w.Write(report.EtaMinute ?? 60, 6);
        w.Write(report.DraughtMeters is { } d ? Math.Clamp((int)Math.Round(d * 10, MidpointRounding.AwayFromZero), 0, 255) : 0, 8);
        w.WriteText(report.Destination, 20);
        w.Write(0, 1); // DTE ready
        w.Write(0, 1); // spare
        return w.ToPayload();
    }

    /// <summary>Splits a payload into AIVDM sentences (<c>!AIVDM,n,i,seq,ch,payload,fill*hh</c>); the sequential id is written only when there are several.</summary>
    public static IReadOnlyList<string> ToSentences(AisPayload payload, char channel, int sequentialId, int maxPayloadChars = MaxPayloadCharsPerSentence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadChars, 1);
        var text = payload.Armored;
        var count = Math.Max(1, (text.Length + maxPayloadChars - 1) / maxPayloadChars);
        var sentences = new string[count];
        for (var i = 0; i < count; i++)
        {
            var start = i * maxPayloadChars;
            var part = text.Substring(start, Math.Min(maxPayloadChars, text.Length - start));
            var fill = i == count - 1 ? payload.FillBits : 0;
            var seq = count > 1 ? sequentialId.ToString(CultureInfo.InvariantCulture) : string.Empty;
            var body = string.Create(CultureInfo.InvariantCulture, $"AIVDM,{count},{i + 1},{seq},{channel},{part},{fill}");
            sentences[i] = "!" + body + "*" + Checksum(body).ToString("X2", CultureInfo.InvariantCulture);
        }

        return sentences;
    }

    /// <summary>An NMEA 4.10 TAG block <c>\c:&lt;unix seconds&gt;,s:&lt;source&gt;*hh\</c> (source omitted when null).</summary>
    public static string TagBlock(long unixSeconds, string? source)
    {
        var body = new StringBuilder(32).Append("c:").Append(unixSeconds.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(source))
        {
            body.Append(",s:").Append(source);
        }

        var text = body.ToString();
        return "\\" + text + "*" + Checksum(text).ToString("X2", CultureInfo.InvariantCulture) + "\\";
    }

    /// <summary>The NMEA checksum: XOR of every character between the start delimiter and '*', both excluded.</summary>
    public static byte Checksum(ReadOnlySpan<char> body)
    {
        byte sum = 0;
        foreach (var c in body)
        {
            sum ^= (byte)c;
        }

        return sum;
    }

    private static int EncodeRateOfTurn(double? degreesPerMinute)
    {
        if (degreesPerMinute is not { } rot)
        {
            return -128;
        }

        var ais = 4.733 * Math.Sqrt(Math.Abs(rot));
        var clamped = (int)Math.Min(126, Math.Round(ais, MidpointRounding.AwayFromZero));
        return rot < 0 ? -clamped : clamped;
    }
}
