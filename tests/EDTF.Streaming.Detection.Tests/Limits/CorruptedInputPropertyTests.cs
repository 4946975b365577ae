using System.Globalization;
using System.Text;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Detection.Tests.Support;

namespace EDTF.Streaming.Detection.Tests.Limits;

/// <summary>
/// Randomly corrupted input of every kind through the decoders and on through detection: nothing escapes as an exception,
/// every input ends as a report or a reject (or a line that carries nothing), and detection sees every report.
/// </summary>
public class CorruptedInputPropertyTests
{
    private const int Cases = 3_000;

    private static readonly string[] TimeTexts =
    [
        "1709251200", "1709251200123", "1709251200.5", "-7200", "946684799", "4102444800", "9999999999", "9999999999999", "0",
        "99999999999999999999", "1e300", "NaN", "", "17092512x0",
    ];

    private static readonly string[] NumberTexts =
    [
        "0", "-0", "1", "-1", "91", "181", "-90", "180", "102.3", "511", "360", "1e300", "-1e300", "1e400", "21474836.465",
        "2147483648", "-2147483649", "9223372036854775808", "9e15", "-7200000", "0.0000001", "3.5", "1709251200000",
    ];

    private static readonly string[] JsonValues =
    [
        "null", "true", "false", "\"\"", "\"x\"", "[]", "{}", "[1,2]", "{\"a\":1}", "\"2024-03-01T00:00:00Z\"", "\"1999-12-31T23:59:59Z\"",
        "\"9999-12-31T23:59:59Z\"", "\"" + new string('A', 300) + "\"",
    ];

    private static readonly string[] JsonFields =
    [
        "type", "mmsi", "line", "time", "repeat", "source", "channel", "lat", "lon", "sog", "cog", "heading", "navStatus", "rot", "second",
        "accuracy", "raim", "imo", "callsign", "name", "shipType", "draught", "destination", "toBow", "toStern", "toPort", "toStarboard",
        "etaMonth", "etaDay", "etaHour", "etaMinute", "partNumber", "unknown",
    ];

    private static readonly string[] CsvValues =
    [
        "", "Unknown", "NaN", "Infinity", "-Infinity", "1e400", "2024-03-01T00:00:00", "1999-12-31T23:59:59", "2150-01-01T00:00:00",
        "01/03/2024 00:00:00", "31/12/1999 23:59:59", "IMO1234567", "A", "B", "Class A", "\"quoted, comma\"", "\"", "x;y",
    ];

    [Fact]
    public void DecodeLine_CorruptedNmeaLines_EveryLineAccountedForAndDetectionSeesEveryReport()
    {
        var rng = new Random(11);
        var decoder = new NmeaDecoder();
        var sink = new CountingSink();
        var h = new Harness();
        for (var i = 1; i <= Cases; i++)
        {
            var line = Encoding.Latin1.GetBytes(NmeaLine(rng));
            var before = Outcomes(decoder, sink);

            decoder.DecodeLine(line, i, rng.Next(4) == 0 ? AnyTime(rng) : null, sink);
            decoder.Flush(sink);

            (Outcomes(decoder, sink) - before).Should().Be(1, "line {0} ({1}) must end as one report, reject or ignored line", i, Encoding.Latin1.GetString(line));
        }

        h.AddAll(sink.Reports).Complete();

        sink.Reports.Should().NotBeEmpty("the generator must also produce lines that decode");
        sink.Rejects.Select(r => r.Reason).Should().Contain([RejectReason.ImplausibleTime, RejectReason.BadChecksum]);
        h.Pipeline.Statistics.ReportsIn.Should().Be(sink.Reports.Count);
        sink.Reports.Where(r => r.EventTimeMs is not null).Should().OnlyContain(r => InputLimits.IsEventTime(r.EventTimeMs!.Value));
    }

    [Fact]
    public void TryParse_JsonRecordsWithRandomFieldValues_EachParsedOrRejectedAndDetectionSeesEveryReport()
    {
        var rng = new Random(11);
        var reports = new List<AisReport>();
        var rejects = new List<RejectReason>();
        for (var i = 0; i < Cases; i++)
        {
            var json = JsonRecord(rng);

            if (AisReportJson.TryParse(Encoding.UTF8.GetBytes(json), out var report, out var reason, out _))
            {
                reports.Add(report);
            }
            else
            {
                rejects.Add(reason);
            }
        }

        var h = new Harness();
        h.AddAll(reports).Complete();

        (reports.Count + rejects.Count).Should().Be(Cases);
        reports.Should().NotBeEmpty();
        rejects.Should().Contain([RejectReason.Malformed, RejectReason.OutOfRange, RejectReason.ImplausibleTime]);
        h.Pipeline.Statistics.ReportsIn.Should().Be(reports.Count);
        reports.Should().OnlyContain(r => (r.Latitude == null || InputLimits.IsLatitude(r.Latitude.Value)) && (r.Longitude == null || InputLimits.IsLongitude(r.Longitude.Value)));
    }

    [Theory]
    [InlineData(AisInputFormat.CsvMarineCadastre)]
    [InlineData(AisInputFormat.CsvDma)]
    public void Read_CsvRowsWithRandomColumns_EveryRowOneRejectOrOnePositionAndDetectionSeesEveryReport(AisInputFormat format)
    {
        var rng = new Random(11);
        var header = format == AisInputFormat.CsvDma
            ? "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,Destination,ETA,Data source type,A,B,C,D"
            : "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass";
        var columns = header.Split(',').Length;
        var text = new StringBuilder(header).Append('\n');
        for (var i = 0; i < Cases; i++)
        {
            text.Append(CsvRow(rng, columns, format)).Append('\n');
        }

        var items = CsvAisReader.Read(new StringReader(text.ToString()), format, "random.csv").ToList();
        var h = new Harness();
        h.AddAll(items.Where(x => !x.IsReject).Select(x => x.Report)).Complete();

        var positions = items.Count(x => !x.IsReject && x.Report.MessageType is not (5 or 24));
        (positions + items.Count(x => x.IsReject)).Should().Be(Cases, "each row gives one position report or one reject");
        positions.Should().BePositive();
        h.Pipeline.Statistics.ReportsIn.Should().Be(items.Count(x => !x.IsReject));
        items.Where(x => x.IsReject).Select(x => x.Reject!.Reason).Should().Contain("implausible_time");
    }

    private static long Outcomes(NmeaDecoder decoder, CountingSink sink) =>
        sink.Reports.Count + sink.Rejects.Count + decoder.Statistics.IgnoredLines + decoder.Statistics.EmptySentences + decoder.Statistics.MetadataSentences;

    private static long AnyTime(Random rng) => rng.Next(5) switch
    {
        0 => long.MinValue + rng.Next(),
        1 => long.MaxValue - rng.Next(),
        2 => rng.NextInt64(-10_000_000_000_000, 10_000_000_000_000),
        _ => Some.T0 + rng.NextInt64(0, 86_400_000),
    };

    private static string NmeaLine(Random rng)
    {
        var valid = ValidLine(rng);
        return rng.Next(5) switch
        {
            0 => RandomBytes(rng),
            1 => valid,
            2 => Mutate(rng, valid),
            _ => FixChecksums(Mutate(rng, valid)),
        };
    }

    private static string ValidLine(Random rng)
    {
        var report = new AisReport
        {
            MessageType = 1,
            Mmsi = rng.Next(2) == 0 ? 445_000_000 + rng.Next(1000) : rng.Next(1, 1 << 30),
            Latitude = (rng.NextDouble() * 200) - 100,
            Longitude = (rng.NextDouble() * 400) - 200,
            SpeedKnots = rng.NextDouble() * 110,
            CourseDegrees = rng.NextDouble() * 400,
            HeadingDegrees = rng.Next(512),
        };
        var sentence = AisEncoder.ToSentences(AisEncoder.EncodePosition(report), 'A', 1)[0];
        var time = TimeTexts[rng.Next(TimeTexts.Length)];
        return rng.Next(5) switch
        {
            0 => AisEncoder.TagBlock(Some.T0 / 1000, "r1").Replace(((Some.T0 / 1000) + ",").ToString(CultureInfo.InvariantCulture), time + ",", StringComparison.Ordinal) + sentence,
            1 => Tag("c:" + time) + sentence,
            2 => time + " " + sentence,
            3 => sentence + "," + time,
            _ => "$" + Body($"PGHP,1,{rng.Next(1990, 2200)},{rng.Next(0, 14)},{rng.Next(0, 33)},{rng.Next(25)},{rng.Next(61)},{rng.Next(61)},{rng.Next(1001)},219,,2190048,1,28"),
        };
    }

    private static string RandomBytes(Random rng)
    {
        var chars = new char[rng.Next(0, 120)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)rng.Next(256);
        }

        return new string(chars);
    }

    private static string Mutate(Random rng, string line)
    {
        var chars = line.ToCharArray();
        for (var n = rng.Next(1, 4); n > 0 && chars.Length > 0; n--)
        {
            chars[rng.Next(chars.Length)] = "0123456789,*\\!$-.:e9"[rng.Next(20)];
        }

        return new string(chars);
    }

    /// <summary>Recomputes the TAG block and sentence checksums, so that mutations reach the fields behind them.</summary>
    private static string FixChecksums(string line)
    {
        var tagEnd = line.StartsWith('\\') ? line.IndexOf('\\', 1) : -1;
        var prefix = string.Empty;
        if (tagEnd > 0)
        {
            var star = line.LastIndexOf('*', tagEnd);
            prefix = star > 0 ? Tag(line[1..star]) : line[..(tagEnd + 1)];
            line = line[(tagEnd + 1)..];
        }

        var start = line.IndexOfAny(['!', '$']);
        var end = line.IndexOf('*', Math.Max(start, 0));
        return start < 0 || end < 0 || end + 3 > line.Length
            ? prefix + line
            : prefix + line[..(start + 1)] + Body(line[(start + 1)..end]) + line[(end + 3)..];
    }

    private static string Tag(string fields) => "\\" + Body(fields) + "\\";

    private static string Body(string body) => body + "*" + AisEncoder.Checksum(body).ToString("X2", CultureInfo.InvariantCulture);

    private static string JsonRecord(Random rng)
    {
        var json = new StringBuilder("{");
        var fields = new List<string> { "type", "mmsi" };
        for (var n = rng.Next(8); n > 0; n--)
        {
            fields.Add(JsonFields[rng.Next(JsonFields.Length)]);
        }

        foreach (var field in fields.Where(_ => rng.Next(10) > 0))
        {
            json.Append('"').Append(field).Append("\":").Append(JsonValue(rng, field)).Append(',');
        }

        json.Length--;
        return rng.Next(20) == 0 ? json.ToString() : json.Append('}').ToString();
    }

    private static string JsonValue(Random rng, string field) => rng.Next(6) switch
    {
        0 => JsonValues[rng.Next(JsonValues.Length)],
        1 => NumberTexts[rng.Next(NumberTexts.Length)],
        2 => (rng.NextDouble() * Math.Pow(10, rng.Next(-3, 20)) * (rng.Next(2) == 0 ? -1 : 1)).ToString("R", CultureInfo.InvariantCulture),
        _ => PlausibleJsonValue(rng, field),
    };

    private static string PlausibleJsonValue(Random rng, string field) => field switch
    {
        "type" => "1",
        "mmsi" => (445_000_000 + rng.Next(1000)).ToString(CultureInfo.InvariantCulture),
        "time" => (Some.T0 + rng.NextInt64(0, 86_400_000)).ToString(CultureInfo.InvariantCulture),
        "lat" => (38 + rng.NextDouble()).ToString("R", CultureInfo.InvariantCulture),
        "lon" => (125 + rng.NextDouble()).ToString("R", CultureInfo.InvariantCulture),
        "name" or "callsign" or "destination" or "source" => "\"ABC\"",
        _ => rng.Next(10).ToString(CultureInfo.InvariantCulture),
    };

    private static string CsvRow(Random rng, int columns, AisInputFormat format)
    {
        var values = new string[columns];
        var (time, mmsi, lat, lon) = format == AisInputFormat.CsvDma ? (0, 2, 3, 4) : (1, 0, 2, 3);
        for (var i = 0; i < columns; i++)
        {
            values[i] = rng.Next(3) switch
            {
                0 => CsvValues[rng.Next(CsvValues.Length)],
                1 => NumberTexts[rng.Next(NumberTexts.Length)],
                _ => rng.Next(100).ToString(CultureInfo.InvariantCulture),
            };
        }

        if (rng.Next(2) == 0)
        {
            var t = DateTimeOffset.FromUnixTimeMilliseconds(Some.T0 + rng.NextInt64(0, 86_400_000));
            values[time] = t.ToString(format == AisInputFormat.CsvDma ? "dd/MM/yyyy HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            values[mmsi] = (445_000_000 + rng.Next(1000)).ToString(CultureInfo.InvariantCulture);
            values[lat] = (38 + rng.NextDouble()).ToString("F5", CultureInfo.InvariantCulture);
            values[lon] = (125 + rng.NextDouble()).ToString("F5", CultureInfo.InvariantCulture);
        }

        return string.Join(',', values);
    }

    private sealed class CountingSink : IAisReportSink
    {
        public List<AisReport> Reports { get; } = [];

        public List<DecodeReject> Rejects { get; } = [];

        public void OnReport(in AisReport report) => Reports.Add(report);

        public void OnReject(in DecodeReject reject) => Rejects.Add(reject);
    }
}
