using System.Globalization;
using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Simulation;

/// <summary>Formats rows in the NOAA MarineCadastre AIS CSV layout (positions with the vessel's static fields merged in).</summary>
internal static class MarineCadastreCsv
{
    public const string Header = "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass";

    /// <summary>One row; static columns are empty when <paramref name="identityKnown"/> is false (no static report heard yet).</summary>
    public static string Row(in AisReport position, long timeMs, VesselIdentity identity, double draughtMeters, bool identityKnown)
    {
        var c = CultureInfo.InvariantCulture;
        var time = DateTimeOffset.FromUnixTimeMilliseconds(timeMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", c);
        var fields = new[]
        {
            position.Mmsi.ToString(c),
            time,
            position.Latitude!.Value.ToString("0.00000", c),
            position.Longitude!.Value.ToString("0.00000", c),
            (position.SpeedKnots ?? 0).ToString("0.0", c),
            (position.CourseDegrees ?? 360).ToString("0.0", c),
            (position.HeadingDegrees ?? 511).ToString(c),
            identityKnown ? identity.Name : "",
            identityKnown && identity.Imo is { } imo ? "IMO" + imo.ToString(c) : "",
            identityKnown ? identity.Callsign : "",
            identityKnown ? identity.ShipType.ToString(c) : "",
            (position.NavStatus ?? 15).ToString(c),
            identityKnown ? identity.LengthMeters.ToString(c) : "",
            identityKnown ? identity.WidthMeters.ToString(c) : "",
            identityKnown ? draughtMeters.ToString("0.0", c) : "",
            identityKnown ? identity.ShipType.ToString(c) : "",
            "A",
        };
        return string.Join(',', fields);
    }
}
