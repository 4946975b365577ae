using System.Buffers;
using System.Text.Json;
using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Cli.Decoding;

/// <summary>Writes each decoded report as one JSON line (the decode command's contract form) and reports rejects to an error writer.</summary>
internal sealed class DecodeJsonSink : IAisReportSink, IDisposable
{
    private const int FlushBytes = 1 << 16;

    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Mmsi = JsonEncodedText.Encode("mmsi");
    private static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText Lat = JsonEncodedText.Encode("lat");
    private static readonly JsonEncodedText Lon = JsonEncodedText.Encode("lon");
    private static readonly JsonEncodedText Sog = JsonEncodedText.Encode("sog");
    private static readonly JsonEncodedText Cog = JsonEncodedText.Encode("cog");
    private static readonly JsonEncodedText Heading = JsonEncodedText.Encode("heading");
    private static readonly JsonEncodedText NavStatus = JsonEncodedText.Encode("navStatus");
    private static readonly JsonEncodedText Rot = JsonEncodedText.Encode("rot");
    private static readonly JsonEncodedText Second = JsonEncodedText.Encode("second");
    private static readonly JsonEncodedText Imo = JsonEncodedText.Encode("imo");
    private static readonly JsonEncodedText Callsign = JsonEncodedText.Encode("callsign");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText ShipType = JsonEncodedText.Encode("shipType");
    private static readonly JsonEncodedText Draught = JsonEncodedText.Encode("draught");
    private static readonly JsonEncodedText Destination = JsonEncodedText.Encode("destination");
    private static readonly JsonEncodedText ToBow = JsonEncodedText.Encode("toBow");
    private static readonly JsonEncodedText ToStern = JsonEncodedText.Encode("toStern");
    private static readonly JsonEncodedText ToPort = JsonEncodedText.Encode("toPort");
    private static readonly JsonEncodedText ToStarboard = JsonEncodedText.Encode("toStarboard");
    private static readonly JsonEncodedText EtaMonth = JsonEncodedText.Encode("etaMonth");
    private static readonly JsonEncodedText EtaDay = JsonEncodedText.Encode("etaDay");
    private static readonly JsonEncodedText EtaHour = JsonEncodedText.Encode("etaHour");
    private static readonly JsonEncodedText EtaMinute = JsonEncodedText.Encode("etaMinute");

    private readonly Stream _output;
    private readonly TextWriter _errors;
    private readonly int _maxErrorsPrinted;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private readonly Utf8JsonWriter _writer;
    private long _errorsPrinted;

    public DecodeJsonSink(Stream output, TextWriter errors, int maxErrorsPrinted)
    {
        _output = output;
        _errors = errors;
        _maxErrorsPrinted = maxErrorsPrinted;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Rejects not printed because of the cap.</summary>
    public long ErrorsSuppressed { get; private set; }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnReport(in AisReport report)
    {
        var w = _writer;
        w.WriteStartObject();
        w.WriteNumber(Type, report.MessageType);
        w.WriteNumber(Mmsi, report.Mmsi);
        w.WriteNumber(Line, report.Line);
        WriteTime(w, report.EventTimeMs);
        switch (report.MessageType)
        {
            case 1 or 2 or 3 or 18 or 19 or 27:
                WritePosition(w, report);
                break;
            case 4 or 11 or 21:
                WriteFixed(w, Lat, report.Latitude, 7);
                WriteFixed(w, Lon, report.Longitude, 7);
                break;
        }

        if (report.MessageType is 5 or 19 or 21 or 24)
        {
            WriteStatic(w, report);
        }

        w.WriteEndObject();
        w.Flush();
        w.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        if (_buffer.WrittenCount >= FlushBytes)
        {
            FlushBuffer();
        }
    }

    public void OnReject(in DecodeReject reject)
    {
        if (_errorsPrinted >= _maxErrorsPrinted)
        {
            ErrorsSuppressed++;
            return;
        }

        _errorsPrinted++;
        _errors.WriteLine($"line {reject.Line}: {RejectReasons.ToLabel(reject.Reason)} ({reject.Detail}): {reject.Text}");
    }

    /// <summary>Writes out what is buffered.</summary>
    public void Flush()
    {
        FlushBuffer();
        _output.Flush();
    }

    public void Dispose()
    {
        Flush();
        _writer.Dispose();
    }

    private static void WritePosition(Utf8JsonWriter w, in AisReport r)
    {
        WriteFixed(w, Lat, r.Latitude, 7);
        WriteFixed(w, Lon, r.Longitude, 7);
        WriteFixed(w, Sog, r.SpeedKnots, 1);
        WriteFixed(w, Cog, r.CourseDegrees, 1);
        Write(w, Heading, r.HeadingDegrees);
        Write(w, NavStatus, r.NavStatus);
        WriteFixed(w, Rot, r.RateOfTurn, 2);
        Write(w, Second, r.Second);
    }

    /// <summary>A number with at most <paramref name="decimals"/> decimals (trailing zeros dropped): AIS resolution is 1/600000 degree and 0.1 knot, so nothing is lost, and it is several times faster than shortest round-trip formatting.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void WriteFixed(Utf8JsonWriter w, JsonEncodedText name, double? value, int decimals)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            w.WriteNull(name);
            return;
        }

        var scale = decimals switch { 1 => 10L, 2 => 100L, _ => 10_000_000L };
        var scaled = (long)Math.Round(v * scale, MidpointRounding.AwayFromZero);
        Span<byte> text = stackalloc byte[32];
        var n = 0;
        if (scaled < 0)
        {
            text[n++] = (byte)'-';
            scaled = -scaled;
        }

        var whole = scaled / scale;
        var fraction = scaled - (whole * scale);
        System.Buffers.Text.Utf8Formatter.TryFormat(whole, text[n..], out var written);
        n += written;
        if (fraction != 0)
        {
            text[n++] = (byte)'.';
            for (var digit = scale / 10; digit > 0 && fraction != 0; digit /= 10)
            {
                text[n++] = (byte)('0' + (fraction / digit));
                fraction %= digit;
            }
        }

        w.WritePropertyName(name);
        w.WriteRawValue(text[..n], skipInputValidation: true);
    }

    private static void WriteStatic(Utf8JsonWriter w, in AisReport r)
    {
        Write(w, Imo, r.Imo);
        Write(w, Callsign, r.Callsign);
        Write(w, Name, r.Name);
        Write(w, ShipType, r.ShipType);
        WriteFixed(w, Draught, r.DraughtMeters, 1);
        Write(w, Destination, r.Destination);
        Write(w, ToBow, r.ToBow);
        Write(w, ToStern, r.ToStern);
        Write(w, ToPort, r.ToPort);
        Write(w, ToStarboard, r.ToStarboard);
        Write(w, EtaMonth, r.EtaMonth);
        Write(w, EtaDay, r.EtaDay);
        Write(w, EtaHour, r.EtaHour);
        Write(w, EtaMinute, r.EtaMinute);
    }

    private static void WriteTime(Utf8JsonWriter w, long? epochMs)
    {
        if (epochMs is not { } ms || ms < -62135596800000L || ms > 253402300799999L)
        {
            w.WriteNull(Time);
            return;
        }

        var time = DateTime.UnixEpoch.AddMilliseconds(ms);
        Span<byte> text = stackalloc byte[32];
        var format = ms % 1000 == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        time.TryFormat(text, out var written, format, System.Globalization.CultureInfo.InvariantCulture);
        w.WriteString(Time, text[..written]);
    }

    private static void Write(Utf8JsonWriter w, JsonEncodedText name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Write(Utf8JsonWriter w, JsonEncodedText name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Write(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private void FlushBuffer()
    {
        if (_buffer.WrittenCount > 0)
        {
            _output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }
}
