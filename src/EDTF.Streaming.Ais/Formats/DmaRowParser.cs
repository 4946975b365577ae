namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// Rows of Danish Maritime Authority CSV: <c># Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,
/// ROT,SOG,COG,Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,
/// Destination,ETA,Data source type,A,B,C,D</c>; times <c>dd/MM/yyyy HH:mm:ss</c> UTC; "Unknown"/"Undefined" mean no value.
/// </summary>
internal sealed class DmaRowParser : ICsvRowParser
{
    private readonly int _time;
    private readonly int _mobile;
    private readonly int _mmsi;
    private readonly int _lat;
    private readonly int _lon;
    private readonly int _status;
    private readonly int _rot;
    private readonly int _sog;
    private readonly int _cog;
    private readonly int _heading;
    private readonly int _imo;
    private readonly int _callsign;
    private readonly int _name;
    private readonly int _shipType;
    private readonly int _cargoType;
    private readonly int _width;
    private readonly int _length;
    private readonly int _draught;
    private readonly int _destination;
    private readonly int _eta;
    private readonly int _a;
    private readonly int _b;
    private readonly int _c;
    private readonly int _d;

    private DmaRowParser(CsvHeader header)
    {
        _time = header.Find("Timestamp");
        _mobile = header.Find("Type of mobile");
        _mmsi = header.Find("MMSI");
        _lat = header.Find("Latitude");
        _lon = header.Find("Longitude");
        _status = header.Find("Navigational status");
        _rot = header.Find("ROT");
        _sog = header.Find("SOG");
        _cog = header.Find("COG");
        _heading = header.Find("Heading");
        _imo = header.Find("IMO");
        _callsign = header.Find("Callsign");
        _name = header.Find("Name");
        _shipType = header.Find("Ship type");
        _cargoType = header.Find("Cargo type");
        _width = header.Find("Width");
        _length = header.Find("Length");
        _draught = header.Find("Draught");
        _destination = header.Find("Destination");
        _eta = header.Find("ETA");
        _a = header.Find("A");
        _b = header.Find("B");
        _c = header.Find("C");
        _d = header.Find("D");
    }

    /// <summary>A parser for this header, or null with the missing required column named.</summary>
    public static DmaRowParser? TryCreate(CsvHeader header, out string missing)
    {
        var parser = new DmaRowParser(header);
        missing = parser._time < 0 ? "Timestamp" : parser._mmsi < 0 ? "MMSI" : parser._lat < 0 ? "Latitude" : parser._lon < 0 ? "Longitude" : string.Empty;
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

        if (!CsvValues.TryDmaUtc(fields[_time], out row.TimeMs))
        {
            error = new(CsvRejectReason.BadTime, "Timestamp", $"'{fields[_time]}' is not dd/MM/yyyy HH:mm:ss");
            return false;
        }

        if (!CsvRowChecks.TryPlausibleTime(row.TimeMs, "Timestamp", fields[_time], out error))
        {
            return false;
        }

        if (!fields.TryDoubleAt(_lat, "Latitude", out row.Latitude, ref error)
            || !fields.TryDoubleAt(_lon, "Longitude", out row.Longitude, ref error)
            || !fields.TryDoubleAt(_rot, "ROT", out row.RateOfTurn, ref error)
            || !fields.TryDoubleAt(_sog, "SOG", out row.SpeedKnots, ref error)
            || !fields.TryDoubleAt(_cog, "COG", out row.CourseDegrees, ref error)
            || !fields.TryIntAt(_heading, "Heading", out row.HeadingDegrees, ref error)
            || !fields.TryIntAt(_imo, "IMO", out var imo, ref error)
            || !fields.TryDoubleAt(_width, "Width", out var width, ref error)
            || !fields.TryDoubleAt(_length, "Length", out var length, ref error)
            || !fields.TryDoubleAt(_draught, "Draught", out var draught, ref error)
            || !fields.TryIntAt(_a, "A", out var a, ref error)
            || !fields.TryIntAt(_b, "B", out var b, ref error)
            || !fields.TryIntAt(_c, "C", out var c, ref error)
            || !fields.TryIntAt(_d, "D", out var d, ref error))
        {
            return false;
        }

        if (!CsvRowChecks.TryCoordinates(ref row, out var badField))
        {
            var value = badField == "latitude" ? row.Latitude : row.Longitude;
            error = new(CsvRejectReason.ImpossibleCoordinates, badField == "latitude" ? "Latitude" : "Longitude", $"{value} is off the Earth");
            return false;
        }

        row.NavStatus = DmaCodes.NavStatus(fields.At(_status));
        CsvRowChecks.NormaliseMotion(ref row);
        row.Kind = DmaCodes.StationKind(fields.At(_mobile));
        var (bow, stern, port, starboard) = a is null && b is null && c is null && d is null
            ? StaticIdentity.SplitDimensions(length, width)
            : (a, b, c, d);
        var (etaMonth, etaDay, etaHour, etaMinute) = Eta(fields.At(_eta));
        row.Identity = CsvRowChecks.Normalise(new StaticIdentity
        {
            Imo = imo,
            Name = fields.TextAt(_name),
            Callsign = fields.TextAt(_callsign),
            ShipType = DmaCodes.ShipType(fields.At(_shipType), fields.At(_cargoType)),
            DraughtMeters = draught,
            Destination = fields.TextAt(_destination),
            ToBow = bow,
            ToStern = stern,
            ToPort = port,
            ToStarboard = starboard,
            EtaMonth = etaMonth,
            EtaDay = etaDay,
            EtaHour = etaHour,
            EtaMinute = etaMinute,
        });
        return true;
    }

    /// <summary>DMA writes ETA as <c>dd/MM/yyyy HH:mm:ss</c>; AIS keeps month, day, hour and minute. Unreadable ETAs are dropped, not rejected.</summary>
    private static (int? Month, int? Day, int? Hour, int? Minute) Eta(ReadOnlySpan<char> value)
    {
        if (!CsvValues.TryDmaUtc(value, out var ms))
        {
            return (null, null, null, null);
        }

        var eta = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return (eta.Month, eta.Day, eta.Hour, eta.Minute);
    }
}
