namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// Rows of NOAA MarineCadastre CSV: <c>MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,
/// Status,Length,Width,Draft,Cargo,TransceiverClass</c>; columns found by name, so older files (which spell it
/// <c>TranscieverClass</c> or lack it) read too.
/// </summary>
internal sealed class MarineCadastreRowParser : ICsvRowParser
{
    private readonly int _mmsi;
    private readonly int _time;
    private readonly int _lat;
    private readonly int _lon;
    private readonly int _sog;
    private readonly int _cog;
    private readonly int _heading;
    private readonly int _name;
    private readonly int _imo;
    private readonly int _callsign;
    private readonly int _vesselType;
    private readonly int _status;
    private readonly int _length;
    private readonly int _width;
    private readonly int _draft;
    private readonly int _class;

    private MarineCadastreRowParser(CsvHeader header)
    {
        _mmsi = header.Find("MMSI");
        _time = header.Find("BaseDateTime");
        _lat = header.Find("LAT", "Latitude");
        _lon = header.Find("LON", "Longitude");
        _sog = header.Find("SOG");
        _cog = header.Find("COG");
        _heading = header.Find("Heading");
        _name = header.Find("VesselName");
        _imo = header.Find("IMO");
        _callsign = header.Find("CallSign");
        _vesselType = header.Find("VesselType");
        _status = header.Find("Status");
        _length = header.Find("Length");
        _width = header.Find("Width");
        _draft = header.Find("Draft");
        _class = header.Find("TransceiverClass", "TranscieverClass");
    }

    /// <summary>A parser for this header, or null with the missing required column named.</summary>
    public static MarineCadastreRowParser? TryCreate(CsvHeader header, out string missing)
    {
        var parser = new MarineCadastreRowParser(header);
        missing = parser._mmsi < 0 ? "MMSI" : parser._time < 0 ? "BaseDateTime" : parser._lat < 0 ? "LAT" : parser._lon < 0 ? "LON" : string.Empty;
        return missing.Length == 0 ? parser : null;
    }

    public bool TryParse(CsvFields fields, ref CsvRow row, out CsvRowError error)
    {
        error = default;
        if (!CsvRowChecks.TryMmsi(fields[_mmsi], out row.Mmsi))
        {
            error = new(CsvRejectReason.BadMmsi, "MMSI", $"'{fields[_mmsi]}' is not an MMSI (1..999999999)");
            return false;
        }

        if (!CsvValues.TryIsoUtc(fields[_time], out row.TimeMs))
        {
            error = new(CsvRejectReason.BadTime, "BaseDateTime", $"'{fields[_time]}' is not yyyy-MM-ddTHH:mm:ss");
            return false;
        }

        if (!CsvRowChecks.TryPlausibleTime(row.TimeMs, "BaseDateTime", fields[_time], out error))
        {
            return false;
        }

        if (!fields.TryDoubleAt(_lat, "LAT", out row.Latitude, ref error)
            || !fields.TryDoubleAt(_lon, "LON", out row.Longitude, ref error)
            || !fields.TryDoubleAt(_sog, "SOG", out row.SpeedKnots, ref error)
            || !fields.TryDoubleAt(_cog, "COG", out row.CourseDegrees, ref error)
            || !fields.TryIntAt(_heading, "Heading", out row.HeadingDegrees, ref error)
            || !fields.TryIntAt(_status, "Status", out row.NavStatus, ref error)
            || !fields.TryIntAt(_vesselType, "VesselType", out var vesselType, ref error)
            || !fields.TryDoubleAt(_length, "Length", out var length, ref error)
            || !fields.TryDoubleAt(_width, "Width", out var width, ref error)
            || !fields.TryDoubleAt(_draft, "Draft", out var draft, ref error)
            || !TryImo(fields.At(_imo), out var imo, ref error))
        {
            return false;
        }

        if (!CsvRowChecks.TryCoordinates(ref row, out var badField))
        {
            var value = badField == "latitude" ? row.Latitude : row.Longitude;
            error = new(CsvRejectReason.ImpossibleCoordinates, badField == "latitude" ? "LAT" : "LON", $"{value} is off the Earth");
            return false;
        }

        CsvRowChecks.NormaliseMotion(ref row);
        row.Kind = fields.At(_class).Trim().Equals("B", StringComparison.OrdinalIgnoreCase) ? CsvStationKind.ClassB : CsvStationKind.ClassA;
        var (bow, stern, port, starboard) = StaticIdentity.SplitDimensions(length, width);
        row.Identity = CsvRowChecks.Normalise(new StaticIdentity
        {
            Imo = imo,
            Name = fields.TextAt(_name),
            Callsign = fields.TextAt(_callsign),
            ShipType = vesselType,
            DraughtMeters = draft,
            ToBow = bow,
            ToStern = stern,
            ToPort = port,
            ToStarboard = starboard,
        });
        return true;
    }

    /// <summary>IMO as MarineCadastre writes it: <c>IMO1234567</c>, or a bare number, or empty.</summary>
    private static bool TryImo(ReadOnlySpan<char> value, out int? imo, ref CsvRowError error)
    {
        var digits = value.StartsWith("IMO", StringComparison.OrdinalIgnoreCase) ? value[3..].Trim() : value;
        if (CsvValues.TryInt(digits, out imo))
        {
            return true;
        }

        error = new(CsvRejectReason.Unparseable, "IMO", $"'{value}' is not IMOnnnnnnn");
        return false;
    }
}
