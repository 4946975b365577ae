using System.Globalization;
using System.Text.Json;

namespace EDTF.Streaming.Ais.Tests.Conformance;

/// <summary>Compares one decoded report with one gpsd JSON object (scaled or raw), field by field, listing the differences.</summary>
internal static class GpsdExpectation
{
    public static List<string> Compare(in AisReport ours, JsonElement gpsd, AisReport? partA = null)
    {
        var diffs = new List<string>();
        var scaled = gpsd.GetProperty("scaled").GetBoolean();
        var type = gpsd.GetProperty("type").GetInt32();
        Check<int?>(diffs, "repeat", ours.RepeatIndicator, Int(gpsd, "repeat"));
        switch (type)
        {
            case 1 or 2 or 3:
                Check(diffs, "status", ours.NavStatus, Int(gpsd, "status"));
                CompareTurn(diffs, ours, gpsd, scaled);
                ComparePosition(diffs, ours, gpsd, scaled, coarse: false);
                Check(diffs, "maneuver", ours.ManeuverIndicator, Int(gpsd, "maneuver"));
                Check<bool?>(diffs, "raim", ours.Raim, gpsd.GetProperty("raim").GetBoolean());
                Check(diffs, "radio", ours.RadioStatus, Int(gpsd, "radio"));
                break;
            case 4 or 11:
                CompareUtc(diffs, ours, gpsd.GetProperty("timestamp").GetString()!);
                ComparePosition(diffs, ours, gpsd, scaled, coarse: false);
                Check(diffs, "epfd", ours.Epfd, Int(gpsd, "epfd"));
                Check<bool?>(diffs, "raim", ours.Raim, gpsd.GetProperty("raim").GetBoolean());
                Check(diffs, "radio", ours.RadioStatus, Int(gpsd, "radio"));
                break;
            case 5:
                Check(diffs, "ais_version", ours.AisVersion, Int(gpsd, "ais_version"));
                Check(diffs, "imo", ours.Imo, NullIf(Int(gpsd, "imo"), 0));
                Check(diffs, "callsign", ours.Callsign, Text(gpsd, "callsign"));
                Check(diffs, "shipname", ours.Name, Text(gpsd, "shipname"));
                Check(diffs, "shiptype", ours.ShipType, NullIf(Int(gpsd, "shiptype"), 0));
                CompareDimensions(diffs, ours, gpsd);
                Check(diffs, "epfd", ours.Epfd, Int(gpsd, "epfd"));
                CompareEta(diffs, ours, gpsd.GetProperty("eta").GetString()!);
                Check(diffs, "draught", ours.DraughtMeters, Draught(gpsd, scaled));
                Check(diffs, "destination", ours.Destination, Text(gpsd, "destination"));
                Check(diffs, "dte", ours.Dte, Int(gpsd, "dte") == 1);
                break;
            case 18 or 19:
                ComparePosition(diffs, ours, gpsd, scaled, coarse: false);
                Check(diffs, "regional", ours.RegionalReserved, Int(gpsd, "regional"));
                Check<bool?>(diffs, "raim", ours.Raim, gpsd.GetProperty("raim").GetBoolean());
                if (type == 18)
                {
                    Check(diffs, "cs", ours.CsUnit, gpsd.GetProperty("cs").GetBoolean());
                    Check(diffs, "display", ours.DisplayFlag, gpsd.GetProperty("display").GetBoolean());
                    Check(diffs, "dsc", ours.DscFlag, gpsd.GetProperty("dsc").GetBoolean());
                    Check(diffs, "band", ours.BandFlag, gpsd.GetProperty("band").GetBoolean());
                    Check(diffs, "msg22", ours.Message22Flag, gpsd.GetProperty("msg22").GetBoolean());
                    Check(diffs, "radio", ours.RadioStatus, Int(gpsd, "radio"));
                }
                else
                {
                    Check(diffs, "shipname", ours.Name, Text(gpsd, "shipname"));
                    Check(diffs, "shiptype", ours.ShipType, NullIf(Int(gpsd, "shiptype"), 0));
                    CompareDimensions(diffs, ours, gpsd);
                    Check(diffs, "epfd", ours.Epfd, Int(gpsd, "epfd"));
                    Check(diffs, "dte", ours.Dte, Int(gpsd, "dte") == 1);
                    Check(diffs, "assigned", ours.AssignedMode, gpsd.GetProperty("assigned").GetBoolean());
                }

                break;
            case 21:
                Check(diffs, "aid_type", ours.AidType, Int(gpsd, "aid_type"));
                Check(diffs, "name", ours.Name, Text(gpsd, "name"));
                ComparePosition(diffs, ours, gpsd, scaled, coarse: false);
                CompareDimensions(diffs, ours, gpsd);
                Check(diffs, "epfd", ours.Epfd, Int(gpsd, "epfd"));
                Check(diffs, "regional", ours.RegionalReserved, Int(gpsd, "regional"));
                Check(diffs, "off_position", ours.OffPosition, gpsd.GetProperty("off_position").GetBoolean());
                Check<bool?>(diffs, "raim", ours.Raim, gpsd.GetProperty("raim").GetBoolean());
                Check(diffs, "virtual_aid", ours.VirtualAid, gpsd.GetProperty("virtual_aid").GetBoolean());
                break;
            case 24:
                // gpsd caches part A and prints A and B together when B arrives.
                Check(diffs, "shipname", partA?.Name, Text(gpsd, "shipname"));
                Check(diffs, "shiptype", ours.ShipType, NullIf(Int(gpsd, "shiptype"), 0));
                CompareVendor(diffs, ours, Text(gpsd, "vendorid"));
                Check(diffs, "callsign", ours.Callsign, Text(gpsd, "callsign"));
                if (gpsd.TryGetProperty("mothership_mmsi", out var mother))
                {
                    Check(diffs, "mothership_mmsi", ours.MothershipMmsi, mother.GetInt32());
                }
                else
                {
                    CompareDimensions(diffs, ours, gpsd);
                }

                break;
            case 27:
                Check(diffs, "status", ours.NavStatus, Int(gpsd, "status"));
                ComparePosition(diffs, ours, gpsd, scaled, coarse: true);
                Check<bool?>(diffs, "raim", ours.Raim, gpsd.GetProperty("raim").GetBoolean());
                // gpsd calls bit 94 "gnss" (ITU-R M.1371-5: position latency, 0 = under 5 s).
                Check<bool?>(diffs, "gnss", ours.PositionLatency, gpsd.GetProperty("gnss").GetBoolean());
                break;
        }

        return diffs;
    }

    private static void ComparePosition(List<string> diffs, in AisReport ours, JsonElement gpsd, bool scaled, bool coarse)
    {
        Check<bool?>(diffs, "accuracy", ours.PositionAccuracy, gpsd.GetProperty("accuracy").GetBoolean());
        var perDegree = coarse ? 600.0 : 600_000.0;
        var lon = gpsd.GetProperty("lon").GetDouble();
        var lat = gpsd.GetProperty("lat").GetDouble();
        var lonDegrees = scaled ? lon : lon / perDegree;
        var latDegrees = scaled ? lat : lat / perDegree;
        CheckAngle(diffs, "lon", ours.Longitude, Math.Abs(lonDegrees) > 180 ? null : lonDegrees, coarse);
        CheckAngle(diffs, "lat", ours.Latitude, Math.Abs(latDegrees) > 90 ? null : latDegrees, coarse);
        if (gpsd.TryGetProperty("speed", out var speed))
        {
            double? knots = coarse ? (speed.GetDouble() == 63 ? null : speed.GetDouble())
                : scaled ? (speed.GetDouble() >= 102.3 ? null : speed.GetDouble())
                : (speed.GetDouble() == 1023 ? null : speed.GetDouble() / 10);
            Check(diffs, "speed", ours.SpeedKnots, knots);
        }

        if (gpsd.TryGetProperty("course", out var course))
        {
            double? degrees = coarse ? (course.GetDouble() >= 360 ? null : course.GetDouble())
                : scaled ? (course.GetDouble() >= 360 ? null : course.GetDouble())
                : (course.GetDouble() >= 3600 ? null : course.GetDouble() / 10);
            Check(diffs, "course", ours.CourseDegrees, degrees);
        }

        if (gpsd.TryGetProperty("heading", out var heading))
        {
            Check(diffs, "heading", ours.HeadingDegrees, heading.GetInt32() >= 360 ? null : heading.GetInt32());
        }

        if (gpsd.TryGetProperty("second", out var second))
        {
            Check(diffs, "second", ours.Second, second.GetInt32() == 60 ? null : second.GetInt32());
        }
    }

    private static void CompareTurn(List<string> diffs, in AisReport ours, JsonElement gpsd, bool scaled)
    {
        var turn = gpsd.GetProperty("turn");
        if (!scaled)
        {
            Check(diffs, "turn", ours.RateOfTurnAis, turn.GetInt32() == -128 ? null : turn.GetInt32());
            return;
        }

        switch (turn.GetString())
        {
            case "n/a":
                Check(diffs, "turn", ours.RateOfTurnAis, null);
                break;
            case "fastleft":
                Check(diffs, "turn", ours.RateOfTurnAis, -127);
                break;
            case "fastright":
                Check(diffs, "turn", ours.RateOfTurnAis, 127);
                break;
            default:
                // gpsd prints the magnitude only ("%.2f" of (raw/4.733)^2), without the sign.
                Check(diffs, "turn", ours.RateOfTurn is { } rot ? Math.Round(Math.Abs(rot), 2) : null, double.Parse(turn.GetString()!, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void CompareDimensions(List<string> diffs, in AisReport ours, JsonElement gpsd)
    {
        int?[] theirs = [Int(gpsd, "to_bow"), Int(gpsd, "to_stern"), Int(gpsd, "to_port"), Int(gpsd, "to_starboard")];
        if (theirs.All(v => v == 0))
        {
            theirs = [null, null, null, null];
        }

        Check(diffs, "to_bow", ours.ToBow, theirs[0]);
        Check(diffs, "to_stern", ours.ToStern, theirs[1]);
        Check(diffs, "to_port", ours.ToPort, theirs[2]);
        Check(diffs, "to_starboard", ours.ToStarboard, theirs[3]);
    }

    private static void CompareVendor(List<string> diffs, in AisReport ours, string? gpsdVendor)
    {
        // gpsd reads the 42-bit vendor ID of M.1371-3 (7 characters, overlapping model and serial);
        // M.1371-4 and later split it into a 3-character vendor, model and serial. The first 3 characters must agree.
        var expected = gpsdVendor is null ? null : Messages.SixBitText.Trim(gpsdVendor.AsSpan(0, Math.Min(3, gpsdVendor.Length)));
        Check(diffs, "vendorid", ours.VendorId, expected);
    }

    private static void CompareUtc(List<string> diffs, in AisReport ours, string timestamp)
    {
        // "YYYY-MM-DDTHH:MM:SSZ" with 0000, 00, 00, 24, 60, 60 for not available; the 14-bit year may print with 5 digits.
        var parts = timestamp.TrimEnd('Z').Split('-', 'T', ':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        Check(diffs, "year", ours.UtcYear, NullIf(parts[0], 0));
        Check(diffs, "month", ours.UtcMonth, NullIf(parts[1], 0));
        Check(diffs, "day", ours.UtcDay, NullIf(parts[2], 0));
        Check(diffs, "hour", ours.UtcHour, NullIf(parts[3], 24));
        Check(diffs, "minute", ours.UtcMinute, NullIf(parts[4], 60));
        Check(diffs, "second", ours.Second, NullIf(parts[5], 60));
    }

    private static void CompareEta(List<string> diffs, in AisReport ours, string eta)
    {
        // "MM-DDTHH:MMZ" with 00, 00, 24, 60 for not available.
        Check(diffs, "eta_month", ours.EtaMonth, NullIf(int.Parse(eta.AsSpan(0, 2), CultureInfo.InvariantCulture), 0));
        Check(diffs, "eta_day", ours.EtaDay, NullIf(int.Parse(eta.AsSpan(3, 2), CultureInfo.InvariantCulture), 0));
        Check(diffs, "eta_hour", ours.EtaHour, NullIf(int.Parse(eta.AsSpan(6, 2), CultureInfo.InvariantCulture), 24));
        Check(diffs, "eta_minute", ours.EtaMinute, NullIf(int.Parse(eta.AsSpan(9, 2), CultureInfo.InvariantCulture), 60));
    }

    private static double? Draught(JsonElement gpsd, bool scaled)
    {
        var value = gpsd.GetProperty("draught").GetDouble();
        return value == 0 ? null : scaled ? value : value / 10;
    }

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) ? (p.ValueKind == JsonValueKind.String ? int.Parse(p.GetString()!, CultureInfo.InvariantCulture) : p.GetInt32()) : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.GetString() is { Length: > 0 } s ? s : null;

    private static int? NullIf(int? value, int notAvailable) => value == notAvailable ? null : value;

    private static void Check<T>(List<string> diffs, string field, T ours, T theirs)
    {
        if (!EqualityComparer<T>.Default.Equals(ours, theirs))
        {
            diffs.Add($"{field}: ours {ours?.ToString() ?? "null"}, gpsd {theirs?.ToString() ?? "null"}");
        }
    }

    private static void Check(List<string> diffs, string field, double? ours, double? theirs)
    {
        if (ours is null != theirs is null || (ours is { } a && theirs is { } b && Math.Abs(a - b) > 1e-6))
        {
            diffs.Add($"{field}: ours {ours?.ToString(CultureInfo.InvariantCulture) ?? "null"}, gpsd {theirs?.ToString(CultureInfo.InvariantCulture) ?? "null"}");
        }
    }

    private static void CheckAngle(List<string> diffs, string field, double? ours, double? theirs, bool coarse)
    {
        // gpsd prints scaled positions with 7 (type 27: 4) decimals.
        var tolerance = coarse ? 1e-4 : 1e-6;
        if (ours is null != theirs is null || (ours is { } a && theirs is { } b && Math.Abs(a - b) > tolerance))
        {
            diffs.Add($"{field}: ours {ours?.ToString(CultureInfo.InvariantCulture) ?? "null"}, gpsd {theirs?.ToString(CultureInfo.InvariantCulture) ?? "null"}");
        }
    }
}
