namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// Turns CSV rows into AIS reports: a position report per row (type 1 Class A, 18 Class B, 4 base station,
/// 21 aid to navigation, 9 SAR aircraft), preceded by a static report (type 5, or type 24 parts A and B)
/// when the row gives identity fields that differ from what is known for that MMSI.
/// </summary>
/// <remarks>Not thread-safe; one instance per input file (it remembers each MMSI's identity).</remarks>
internal sealed class CsvRowMapper
{
    private readonly Dictionary<int, StaticIdentity> _known = [];

    public void Map(in CsvRow row, long line, List<AisReport> output)
    {
        if (row.Kind is CsvStationKind.ClassA or CsvStationKind.ClassB && !row.Identity.IsEmpty)
        {
            AddStaticIfChanged(row, line, output);
        }

        output.Add(Position(row, line));
    }

    private void AddStaticIfChanged(in CsvRow row, long line, List<AisReport> output)
    {
        _known.TryGetValue(row.Mmsi, out var known);
        var merged = row.Identity.Over(known);
        if (merged == known)
        {
            return;
        }

        _known[row.Mmsi] = merged;
        var header = new AisReport { Mmsi = row.Mmsi, EventTimeMs = row.TimeMs, Line = line };
        if (row.Kind == CsvStationKind.ClassA)
        {
            output.Add(header with
            {
                MessageType = 5,
                Imo = merged.Imo,
                Callsign = merged.Callsign,
                Name = merged.Name,
                ShipType = merged.ShipType,
                DraughtMeters = merged.DraughtMeters,
                Destination = merged.Destination,
                ToBow = merged.ToBow,
                ToStern = merged.ToStern,
                ToPort = merged.ToPort,
                ToStarboard = merged.ToStarboard,
                EtaMonth = merged.EtaMonth,
                EtaDay = merged.EtaDay,
                EtaHour = merged.EtaHour,
                EtaMinute = merged.EtaMinute,
            });
            return;
        }

        if (merged.Name is not null)
        {
            output.Add(header with { MessageType = 24, PartNumber = 0, Name = merged.Name });
        }

        output.Add(header with
        {
            MessageType = 24,
            PartNumber = 1,
            Imo = merged.Imo,
            Callsign = merged.Callsign,
            ShipType = merged.ShipType,
            ToBow = merged.ToBow,
            ToStern = merged.ToStern,
            ToPort = merged.ToPort,
            ToStarboard = merged.ToStarboard,
        });
    }

    /// <summary>The position report of a row alone (no identity remembered, no static report).</summary>
    public static AisReport Position(in CsvRow row, long line)
    {
        var report = new AisReport
        {
            Mmsi = row.Mmsi,
            EventTimeMs = row.TimeMs,
            Line = line,
            Latitude = row.Latitude,
            Longitude = row.Longitude,
        };
        return row.Kind switch
        {
            CsvStationKind.ClassA => report with
            {
                MessageType = 1,
                SpeedKnots = row.SpeedKnots,
                CourseDegrees = row.CourseDegrees,
                HeadingDegrees = row.HeadingDegrees,
                NavStatus = row.NavStatus,
                RateOfTurn = row.RateOfTurn,
            },
            CsvStationKind.ClassB => report with
            {
                MessageType = 18,
                SpeedKnots = row.SpeedKnots,
                CourseDegrees = row.CourseDegrees,
                HeadingDegrees = row.HeadingDegrees,
            },
            CsvStationKind.SarAircraft => report with { MessageType = 9, SpeedKnots = row.SpeedKnots, CourseDegrees = row.CourseDegrees },
            CsvStationKind.BaseStation => report with { MessageType = 4 },
            _ => report with { MessageType = 21, Name = row.Identity.Name },
        };
    }
}
