using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// The JSON record form of one <see cref="AisReport"/> (content type <c>application/vnd.edtf.ais+json</c>): the decode
/// command's camelCase fields plus <c>time</c> (RFC 3339 UTC); absent or null fields are "not available".
/// </summary>
/// <remarks>
/// Writing omits null fields. Reading ignores unknown fields, accepts <c>time</c> as an RFC 3339 string or as Unix epoch
/// milliseconds, requires <c>type</c> and <c>mmsi</c>, and range-checks every field (<see cref="InputLimits"/>; AIS
/// "not available" codes such as lat 91 read as null). Thread-safe. See docs/formats.md for the field list.
/// </remarks>
public static class AisReportJson
{
    /// <summary>The Kafka <c>content-type</c> header value of a record in this form.</summary>
    public const string ContentType = "application/vnd.edtf.ais+json";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The report as UTF-8 JSON bytes.</summary>
    public static byte[] SerializeToUtf8Bytes(in AisReport report)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, report);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The report as a JSON string.</summary>
    public static string Serialize(in AisReport report) => System.Text.Encoding.UTF8.GetString(SerializeToUtf8Bytes(report));

    /// <summary>Writes the report as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, in AisReport report)
    {
        writer.WriteStartObject();
        writer.WriteNumber("type", report.MessageType);
        writer.WriteNumber("mmsi", report.Mmsi);
        writer.WriteNumber("line", report.Line);
        if (report.EventTimeMs is { } ms)
        {
            writer.WriteString("time", FormatTime(ms));
        }
        else
        {
            writer.WriteNull("time");
        }

        if (report.RepeatIndicator != 0)
        {
            writer.WriteNumber("repeat", report.RepeatIndicator);
        }

        WriteString(writer, "source", report.Source);
        if (report.Channel != '\0')
        {
            writer.WriteString("channel", report.Channel.ToString());
        }

        WriteNumber(writer, "lat", report.Latitude);
        WriteNumber(writer, "lon", report.Longitude);
        WriteNumber(writer, "sog", report.SpeedKnots);
        WriteNumber(writer, "cog", report.CourseDegrees);
        WriteNumber(writer, "heading", report.HeadingDegrees);
        WriteNumber(writer, "navStatus", report.NavStatus);
        WriteNumber(writer, "rot", report.RateOfTurn);
        WriteNumber(writer, "second", report.Second);
        if (report.PositionAccuracy)
        {
            writer.WriteBoolean("accuracy", true);
        }

        if (report.Raim)
        {
            writer.WriteBoolean("raim", true);
        }

        WriteNumber(writer, "imo", report.Imo);
        WriteString(writer, "callsign", report.Callsign);
        WriteString(writer, "name", report.Name);
        WriteNumber(writer, "shipType", report.ShipType);
        WriteNumber(writer, "draught", report.DraughtMeters);
        WriteString(writer, "destination", report.Destination);
        WriteNumber(writer, "toBow", report.ToBow);
        WriteNumber(writer, "toStern", report.ToStern);
        WriteNumber(writer, "toPort", report.ToPort);
        WriteNumber(writer, "toStarboard", report.ToStarboard);
        WriteNumber(writer, "etaMonth", report.EtaMonth);
        WriteNumber(writer, "etaDay", report.EtaDay);
        WriteNumber(writer, "etaHour", report.EtaHour);
        WriteNumber(writer, "etaMinute", report.EtaMinute);
        WriteNumber(writer, "partNumber", report.PartNumber);
        writer.WriteEndObject();
    }

    /// <summary>Parses one record; false with a reason when it is not valid JSON or lacks <c>type</c>/<c>mmsi</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out AisReport report, out string? error) =>
        TryParse(utf8, out report, out _, out error);

    /// <summary>
    /// Parses one record; false with a reject reason (<see cref="RejectReason.Malformed"/>, <see cref="RejectReason.OutOfRange"/>,
    /// <see cref="RejectReason.ImplausibleTime"/>) and a detail when it is not valid JSON, lacks <c>type</c>/<c>mmsi</c>, or a
    /// field is outside <see cref="InputLimits"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out AisReport report, out RejectReason reason, out string? error)
    {
        try
        {
            report = Parse(utf8);
            reason = default;
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            report = default;
            reason = ex is InputRangeException range ? range.Reason : RejectReason.Malformed;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Parses one record.</summary>
    /// <exception cref="JsonException">Not a JSON object, or <c>type</c>/<c>mmsi</c> missing.</exception>
    /// <exception cref="FormatException">A field has the wrong JSON type, an unreadable time, or a value outside <see cref="InputLimits"/>.</exception>
    public static AisReport Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("an AIS JSON record must be an object");
        }

        var r = default(AisReport);
        bool hasType = false, hasMmsi = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("type"u8)) { r = r with { MessageType = Int(ref reader, "type", 0, 63) ?? 0 }; hasType = true; }
            else if (name.SequenceEqual("mmsi"u8)) { r = r with { Mmsi = Int(ref reader, "mmsi", 0, InputLimits.MaxMmsi) ?? 0 }; hasMmsi = true; }
            else if (name.SequenceEqual("line"u8)) { r = r with { Line = Long(ref reader, "line") ?? 0 }; }
            else if (name.SequenceEqual("time"u8)) { r = r with { EventTimeMs = Time(ref reader) }; }
            else if (name.SequenceEqual("repeat"u8)) { r = r with { RepeatIndicator = Int(ref reader, "repeat", 0, 3) ?? 0 }; }
            else if (name.SequenceEqual("source"u8)) { r = r with { Source = Text(ref reader, "source") }; }
            else if (name.SequenceEqual("channel"u8)) { r = r with { Channel = Text(ref reader, "channel") is [var c, ..] ? c : '\0' }; }
            else if (name.SequenceEqual("lat"u8)) { r = r with { Latitude = Double(ref reader, "lat", -90, 90, InputLimits.LatitudeNotAvailable) }; }
            else if (name.SequenceEqual("lon"u8)) { r = r with { Longitude = Double(ref reader, "lon", -180, 180, InputLimits.LongitudeNotAvailable) }; }
            else if (name.SequenceEqual("sog"u8)) { r = r with { SpeedKnots = Double(ref reader, "sog", 0, InputLimits.MaxSpeedKnots, InputLimits.SpeedNotAvailableKnots) }; }
            else if (name.SequenceEqual("cog"u8)) { r = r with { CourseDegrees = Double(ref reader, "cog", 0, InputLimits.CourseNotAvailableDegrees, InputLimits.CourseNotAvailableDegrees) }; }
            else if (name.SequenceEqual("heading"u8)) { r = r with { HeadingDegrees = Int(ref reader, "heading", 0, 359, InputLimits.HeadingNotAvailableDegrees) }; }
            else if (name.SequenceEqual("navStatus"u8)) { r = r with { NavStatus = Int(ref reader, "navStatus", 0, 15) }; }
            else if (name.SequenceEqual("rot"u8)) { r = r with { RateOfTurn = Double(ref reader, "rot", -InputLimits.MaxRateOfTurn, InputLimits.MaxRateOfTurn) }; }
            else if (name.SequenceEqual("second"u8)) { r = r with { Second = Int(ref reader, "second", 0, 63) }; }
            else if (name.SequenceEqual("accuracy"u8)) { r = r with { PositionAccuracy = Bool(ref reader) }; }
            else if (name.SequenceEqual("raim"u8)) { r = r with { Raim = Bool(ref reader) }; }
            else if (name.SequenceEqual("imo"u8)) { r = r with { Imo = Int(ref reader, "imo", 0, InputLimits.MaxImo) }; }
            else if (name.SequenceEqual("callsign"u8)) { r = r with { Callsign = Text(ref reader, "callsign") }; }
            else if (name.SequenceEqual("name"u8)) { r = r with { Name = Text(ref reader, "name") }; }
            else if (name.SequenceEqual("shipType"u8)) { r = r with { ShipType = Int(ref reader, "shipType", 0, 255) }; }
            else if (name.SequenceEqual("draught"u8)) { r = r with { DraughtMeters = Double(ref reader, "draught", 0, InputLimits.MaxDraughtMeters) }; }
            else if (name.SequenceEqual("destination"u8)) { r = r with { Destination = Text(ref reader, "destination") }; }
            else if (name.SequenceEqual("toBow"u8)) { r = r with { ToBow = Int(ref reader, "toBow", 0, InputLimits.MaxBowOrSternMeters) }; }
            else if (name.SequenceEqual("toStern"u8)) { r = r with { ToStern = Int(ref reader, "toStern", 0, InputLimits.MaxBowOrSternMeters) }; }
            else if (name.SequenceEqual("toPort"u8)) { r = r with { ToPort = Int(ref reader, "toPort", 0, InputLimits.MaxPortOrStarboardMeters) }; }
            else if (name.SequenceEqual("toStarboard"u8)) { r = r with { ToStarboard = Int(ref reader, "toStarboard", 0, InputLimits.MaxPortOrStarboardMeters) }; }
            else if (name.SequenceEqual("etaMonth"u8)) { r = r with { EtaMonth = Int(ref reader, "etaMonth", 0, 15) }; }
            else if (name.SequenceEqual("etaDay"u8)) { r = r with { EtaDay = Int(ref reader, "etaDay", 0, 31) }; }
            else if (name.SequenceEqual("etaHour"u8)) { r = r with { EtaHour = Int(ref reader, "etaHour", 0, 31) }; }
            else if (name.SequenceEqual("etaMinute"u8)) { r = r with { EtaMinute = Int(ref reader, "etaMinute", 0, 63) }; }
            else if (name.SequenceEqual("partNumber"u8)) { r = r with { PartNumber = Int(ref reader, "partNumber", 0, 3) }; }
            else { reader.Skip(); }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("unterminated AIS JSON record");
        }

        if (!hasType || !hasMmsi)
        {
            throw new JsonException("an AIS JSON record needs 'type' and 'mmsi'");
        }

        return r;
    }

    /// <summary>RFC 3339 UTC with <c>Z</c>; milliseconds only when not zero.</summary>
    public static string FormatTime(long epochMs)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime;
        return time.ToString(epochMs % 1000 == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static int? Int(ref Utf8JsonReader reader, string field, int min, int max, int? notAvailable = null)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new FormatException($"'{field}': expected a whole number, got {reader.TokenType}");
        }

        if (!reader.TryGetInt64(out var n) || (n != notAvailable && (n < min || n > max)))
        {
            throw OutOfRange(field, $"{min}..{max}");
        }

        return n == notAvailable ? null : (int)n;
    }

    private static long? Long(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new FormatException($"'{field}': expected a whole number, got {reader.TokenType}");
        }

        return reader.TryGetInt64(out var n) && n >= 0 ? n : throw OutOfRange(field, "a whole number from 0");
    }

    private static double? Double(ref Utf8JsonReader reader, string field, double min, double max, double notAvailable = double.NaN)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new FormatException($"'{field}': expected a number, got {reader.TokenType}");
        }

        if (!reader.TryGetDouble(out var d) || !(d == notAvailable || (d >= min && d <= max)))
        {
            throw OutOfRange(field, $"{min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
        }

        return d == notAvailable ? null : d;
    }

    private static InputRangeException OutOfRange(string field, string range) =>
        new(RejectReason.OutOfRange, $"'{field}' is not within {range}");

    private static bool Bool(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False or JsonTokenType.Null => false,
        _ => throw new FormatException($"expected true or false, got {reader.TokenType}"),
    };

    private static string? Text(ref Utf8JsonReader reader, string field)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new FormatException($"'{field}': expected a string, got {reader.TokenType}"),
        };
        return text is { Length: > InputLimits.MaxTextLength }
            ? throw OutOfRange(field, $"{InputLimits.MaxTextLength} characters")
            : text;
    }

    /// <summary>Epoch milliseconds (a whole number, or a number within range) or RFC 3339 text; outside the plausible window it is rejected, never cast.</summary>
    private static long? Time(ref Utf8JsonReader reader)
    {
        long ms;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out ms):
                break;
            case JsonTokenType.Number when reader.TryGetDouble(out var d) && InputLimits.IsEventTime(d):
                ms = (long)Math.Floor(d);
                break;
            case JsonTokenType.Number:
                throw ImplausibleTime();
            case JsonTokenType.String when reader.TryGetDateTimeOffset(out var t):
                ms = t.ToUnixTimeMilliseconds();
                break;
            default:
                throw new FormatException("'time' must be RFC 3339 text or epoch milliseconds");
        }

        return InputLimits.IsEventTime(ms) ? ms : throw ImplausibleTime();
    }

    private static InputRangeException ImplausibleTime() =>
        new(RejectReason.ImplausibleTime, "'time' is outside 2000-01-01..2100-01-01 UTC");
}
