using System.Globalization;
using System.Text.Json;
using EDTF.Streaming.Ais.Tests.Support;

namespace EDTF.Streaming.Ais.Tests.Conformance;

/// <summary>libais's one-message-per-type examples and its TAG block sample, every field we decode compared.</summary>
public class LibaisConformanceTests
{
    /// <summary>Known, explained differences: key "file:line:field", value = why.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        // libais is wrong here: its 6-bit table maps 31 to '-' and 39 to '`'. ITU-R M.1371 Table 47 (and gpsd) map 31 to '_'
        // and 39 to the apostrophe, which we follow. The name is line noise anyway ("9%&//3*37_+P]['<RD^6").
        ["libais/typeexamples.nmea:20:name"] = "libais 6-bit table differs from ITU for values 31 and 39",
    };

    [Fact]
    public void Decode_LibaisTypeExamples_MatchEveryField()
    {
        var sink = CollectingSink.DecodeFile("libais/typeexamples.nmea");
        var expected = ReadJson("libais/typeexamples.json");

        sink.Rejects.Should().BeEmpty();
        sink.Reports.Should().HaveCount(expected.Count);
        var problems = new List<string>();
        for (var i = 0; i < expected.Count; i++)
        {
            Compare(problems, "libais/typeexamples.nmea", sink.Reports[i], expected[i]);
        }

        string.Join("\n", problems).Should().BeEmpty();
        sink.Reports.Select(r => r.MessageType).Distinct().Should().HaveCount(26, "the file holds one example of each type 1-27 but 19");
    }

    [Fact]
    public void Decode_LibaisTagBlocks_MatchEveryFieldIncludingStationAndTime()
    {
        var sink = CollectingSink.DecodeFile("libais/tagblock.nmea");
        var expected = ReadJson("libais/tagblock.json");

        sink.Rejects.Should().BeEmpty();
        sink.Reports.Should().HaveCount(expected.Count);
        var problems = new List<string>();
        for (var i = 0; i < expected.Count; i++)
        {
            var ours = sink.Reports[i];
            Compare(problems, "libais/tagblock.nmea", ours, expected[i]);
            Check(problems, $"tagblock.nmea:{ours.Line}:tagblock_station", ours.Source, expected[i].GetProperty("tagblock_station").GetString());
            var time = DateTimeOffset.Parse(expected[i].GetProperty("tagblock_timestamp").GetString()!, CultureInfo.InvariantCulture);
            Check(problems, $"tagblock.nmea:{ours.Line}:tagblock_timestamp", ours.EventTimeMs, time.ToUnixTimeMilliseconds());
        }

        string.Join("\n", problems).Should().BeEmpty();
        sink.Reports.Should().ContainSingle(r => r.MessageType == 5).Which.Line.Should().Be(1, "the grouped type 5 starts on line 1 and ends on line 3");
    }

    private static List<JsonElement> ReadJson(string path) =>
        File.ReadLines(EDTF.Streaming.Tests.TestPaths.AisData(path)).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    private static void Compare(List<string> problems, string file, in AisReport ours, JsonElement e)
    {
        var key = $"{file}:{ours.Line}:";
        var type = e.GetProperty("type").GetInt32();
        Check(problems, key + "type", ours.MessageType, type);
        Check(problems, key + "mmsi", ours.Mmsi, e.GetProperty("mmsi").GetInt32());
        Check(problems, key + "repeat", ours.RepeatIndicator, e.GetProperty("repeat").GetInt32());
        switch (type)
        {
            case 1 or 2 or 3:
                Check(problems, key + "status", ours.NavStatus, Int(e, "status"));
                Check(problems, key + "turn", ours.RateOfTurn, e.GetProperty("turn").ValueKind == JsonValueKind.Null ? null : e.GetProperty("turn").GetDouble(), 0.01);
                Position(problems, key, ours, e);
                Check(problems, key + "maneuver", ours.ManeuverIndicator, Int(e, "maneuver"));
                Check(problems, key + "raim", ours.Raim, Bool(e, "raim"));
                break;
            case 4 or 11:
                var t = e.GetProperty("timestamp").GetString()!.TrimEnd('Z').Split('-', 'T', ':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                Check(problems, key + "year", ours.UtcYear, t[0] == 0 ? null : t[0]);
                Check(problems, key + "month", ours.UtcMonth, t[1] == 0 ? null : t[1]);
                Check(problems, key + "day", ours.UtcDay, t[2] == 0 ? null : t[2]);
                Check(problems, key + "hour", ours.UtcHour, t[3] == 24 ? null : t[3]);
                Check(problems, key + "minute", ours.UtcMinute, t[4] == 60 ? null : t[4]);
                Check(problems, key + "second", ours.Second, t[5] == 60 ? null : t[5]);
                Position(problems, key, ours, e);
                Check(problems, key + "epfd", ours.Epfd, Int(e, "epfd"));
                Check(problems, key + "raim", ours.Raim, Bool(e, "raim"));
                break;
            case 5:
                Check(problems, key + "ais_version", ours.AisVersion, Int(e, "ais_version"));
                Check(problems, key + "imo", ours.Imo, Int(e, "imo") is 0 ? null : Int(e, "imo"));
                Check(problems, key + "callsign", ours.Callsign, Text(e, "callsign"));
                Check(problems, key + "shipname", ours.Name, Text(e, "shipname"));
                Check(problems, key + "shiptype", ours.ShipType, Int(e, "shiptype") is 0 ? null : Int(e, "shiptype"));
                Dimensions(problems, key, ours, e);
                Check(problems, key + "epfd", ours.Epfd, Int(e, "epfd"));
                Check(problems, key + "draught", ours.DraughtMeters, e.GetProperty("draught").GetDouble() is var d && d == 0 ? null : d, 1e-4);
                Check(problems, key + "destination", ours.Destination, Text(e, "destination"));
                Check(problems, key + "dte", ours.Dte, Int(e, "dte") == 1);
                break;
            case 18:
                Position(problems, key, ours, e);
                Check(problems, key + "unit", ours.CsUnit, Bool(e, "unit"));
                Check(problems, key + "display", ours.DisplayFlag, Bool(e, "display"));
                Check(problems, key + "dsc", ours.DscFlag, Bool(e, "dsc"));
                Check(problems, key + "band", ours.BandFlag, Bool(e, "band"));
                Check(problems, key + "msg22", ours.Message22Flag, Bool(e, "msg22"));
                Check(problems, key + "mode", ours.AssignedMode, Bool(e, "mode"));
                Check(problems, key + "raim", ours.Raim, Bool(e, "raim"));
                Check(problems, key + "cs", ours.RadioStatus >> 19 == 1, Bool(e, "cs"));
                break;
            case 21:
                Check(problems, key + "aid_type", ours.AidType, Int(e, "aid_type"));
                Check(problems, key + "name", ours.Name, Text(e, "name"));
                Position(problems, key, ours, e);
                Dimensions(problems, key, ours, e);
                Check(problems, key + "epfd", ours.Epfd, Int(e, "epfd"));
                Check(problems, key + "off_position", ours.OffPosition, Bool(e, "off_position"));
                Check(problems, key + "regional", ours.RegionalReserved, Int(e, "regional"));
                Check(problems, key + "raim", ours.Raim, Bool(e, "raim"));
                Check(problems, key + "virtual_aid", ours.VirtualAid, Bool(e, "virtual_aid"));
                Check(problems, key + "assigned", ours.AssignedMode, Bool(e, "assigned"));
                break;
            case 24:
                Check(problems, key + "part_num", ours.PartNumber, Int(e, "part_num"));
                Check(problems, key + "shipname", ours.Name, Text(e, "shipname"));
                break;
            case 27:
                Check(problems, key + "status", ours.NavStatus, Int(e, "status"));
                Position(problems, key, ours, e);
                Check(problems, key + "raim", ours.Raim, Bool(e, "raim"));
                // libais's "gnss" means "current GNSS position", i.e. bit 94 (position latency, 0 = under 5 s) negated; gpsd prints the bit.
                Check(problems, key + "gnss", ours.PositionLatency is { } latency ? !latency : null, Bool(e, "gnss"));
                break;
        }

        if (problems.Count > 0)
        {
            problems.RemoveAll(p => Allowed.ContainsKey(p[..p.IndexOf(' ', StringComparison.Ordinal)]));
        }
    }

    private static void Position(List<string> problems, string key, in AisReport ours, JsonElement e)
    {
        Check(problems, key + "accuracy", ours.PositionAccuracy, Bool(e, "accuracy"));
        var lon = e.GetProperty("lon").GetDouble();
        var lat = e.GetProperty("lat").GetDouble();

        // libais prints float32 values (7 significant digits), hence the tolerances; 181 / 91 are "not available".
        Check(problems, key + "lon", ours.Longitude, Math.Abs(lon) > 180 ? null : lon, 2e-5);
        Check(problems, key + "lat", ours.Latitude, Math.Abs(lat) > 90 ? null : lat, 2e-5);
        var type = e.GetProperty("type").GetInt32();
        if (e.TryGetProperty("speed", out var speed))
        {
            var notAvailable = type == 27 ? 63 : 102.3;
            Check(problems, key + "speed", ours.SpeedKnots, Math.Abs(speed.GetDouble() - notAvailable) < 1e-4 ? null : speed.GetDouble(), 1e-4);
        }

        if (e.TryGetProperty("course", out var course))
        {
            Check(problems, key + "course", ours.CourseDegrees, course.GetDouble() >= 360 ? null : course.GetDouble(), 1e-4);
        }

        if (e.TryGetProperty("heading", out var heading))
        {
            Check(problems, key + "heading", ours.HeadingDegrees, heading.GetInt32() >= 360 ? null : heading.GetInt32());
        }

        if (e.TryGetProperty("second", out var second) && type != 4 && type != 11)
        {
            Check(problems, key + "second", ours.Second, second.GetInt32() == 60 ? null : second.GetInt32());
        }
    }

    private static void Dimensions(List<string> problems, string key, in AisReport ours, JsonElement e)
    {
        int?[] theirs = [Int(e, "to_bow"), Int(e, "to_stern"), Int(e, "to_port"), Int(e, "to_starboard")];
        if (theirs.All(v => v == 0))
        {
            theirs = [null, null, null, null];
        }

        Check(problems, key + "to_bow", ours.ToBow, theirs[0]);
        Check(problems, key + "to_stern", ours.ToStern, theirs[1]);
        Check(problems, key + "to_port", ours.ToPort, theirs[2]);
        Check(problems, key + "to_starboard", ours.ToStarboard, theirs[3]);
    }

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p)
            ? p.ValueKind == JsonValueKind.String ? int.Parse(p.GetString()!, CultureInfo.InvariantCulture) : p.GetInt32()
            : null;

    private static bool? Bool(JsonElement e, string name) => e.TryGetProperty(name, out var p) ? p.GetBoolean() : null;

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.GetString() is { Length: > 0 } s ? s : null;

    private static void Check<T>(List<string> problems, string key, T ours, T theirs)
    {
        if (!EqualityComparer<T>.Default.Equals(ours, theirs))
        {
            problems.Add($"{key} ours {ours?.ToString() ?? "null"}, libais {theirs?.ToString() ?? "null"}");
        }
    }

    private static void Check(List<string> problems, string key, double? ours, double? theirs, double tolerance)
    {
        if (ours is null != theirs is null || (ours is { } a && theirs is { } b && Math.Abs(a - b) > tolerance))
        {
            problems.Add($"{key} ours {ours?.ToString(CultureInfo.InvariantCulture) ?? "null"}, libais {theirs?.ToString(CultureInfo.InvariantCulture) ?? "null"}");
        }
    }
}
