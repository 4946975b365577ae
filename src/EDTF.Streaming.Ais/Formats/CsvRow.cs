namespace EDTF.Streaming.Ais.Formats;

/// <summary>What kind of station sent a CSV row; decides the AIS message types it becomes.</summary>
internal enum CsvStationKind
{
    ClassA,
    ClassB,
    BaseStation,
    AidToNavigation,
    SarAircraft,
}

/// <summary>The values of one CSV row, in AIS units, whichever export it came from.</summary>
internal struct CsvRow
{
    public int Mmsi;
    public long TimeMs;
    public CsvStationKind Kind;
    public double? Latitude;
    public double? Longitude;
    public double? SpeedKnots;
    public double? CourseDegrees;
    public double? RateOfTurn;
    public int? HeadingDegrees;
    public int? NavStatus;
    public StaticIdentity Identity;
}

/// <summary>The identity and voyage fields of a vessel as a CSV row gives them; null = not given.</summary>
internal readonly record struct StaticIdentity
{
    public int? Imo { get; init; }

    public string? Callsign { get; init; }

    public string? Name { get; init; }

    public int? ShipType { get; init; }

    public double? DraughtMeters { get; init; }

    public string? Destination { get; init; }

    public int? ToBow { get; init; }

    public int? ToStern { get; init; }

    public int? ToPort { get; init; }

    public int? ToStarboard { get; init; }

    public int? EtaMonth { get; init; }

    public int? EtaDay { get; init; }

    public int? EtaHour { get; init; }

    public int? EtaMinute { get; init; }

    /// <summary>True when no field is given.</summary>
    public bool IsEmpty => this == default;

    /// <summary>These values, with any field this row does not give taken from <paramref name="known"/>.</summary>
    public StaticIdentity Over(in StaticIdentity known) => new()
    {
        Imo = Imo ?? known.Imo,
        Callsign = Callsign ?? known.Callsign,
        Name = Name ?? known.Name,
        ShipType = ShipType ?? known.ShipType,
        DraughtMeters = DraughtMeters ?? known.DraughtMeters,
        Destination = Destination ?? known.Destination,
        ToBow = ToBow ?? known.ToBow,
        ToStern = ToStern ?? known.ToStern,
        ToPort = ToPort ?? known.ToPort,
        ToStarboard = ToStarboard ?? known.ToStarboard,
        EtaMonth = EtaMonth ?? known.EtaMonth,
        EtaDay = EtaDay ?? known.EtaDay,
        EtaHour = EtaHour ?? known.EtaHour,
        EtaMinute = EtaMinute ?? known.EtaMinute,
    };

    /// <summary>Splits an overall length and beam into the four AIS reference-point distances (bow/stern and port/starboard halves).</summary>
    public static (int? ToBow, int? ToStern, int? ToPort, int? ToStarboard) SplitDimensions(double? lengthMeters, double? widthMeters)
    {
        int? bow = null, stern = null, port = null, starboard = null;
        if (lengthMeters is { } length and > 0 and <= 2 * InputLimits.MaxBowOrSternMeters)
        {
            var l = (int)Math.Round(length);
            stern = l / 2;
            bow = l - stern;
        }

        if (widthMeters is { } width and > 0 and <= 2 * InputLimits.MaxPortOrStarboardMeters)
        {
            var w = (int)Math.Round(width);
            starboard = w / 2;
            port = w - starboard;
        }

        return (bow, stern, port, starboard);
    }
}
