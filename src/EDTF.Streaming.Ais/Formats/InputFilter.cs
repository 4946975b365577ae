using System.Globalization;

namespace EDTF.Streaming.Ais.Formats;

/// <summary>A box of longitude and latitude in degrees, bounds included; <see cref="MinLon"/> greater than <see cref="MaxLon"/> crosses the antimeridian.</summary>
public readonly record struct GeoBox(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    /// <summary>True when the position lies in the box.</summary>
    public bool Contains(double lon, double lat) =>
        lat >= MinLat && lat <= MaxLat && (MinLon <= MaxLon ? lon >= MinLon && lon <= MaxLon : lon >= MinLon || lon <= MaxLon);
}

/// <summary>
/// The subset of the input to keep (<c>--bbox</c>, <c>--mmsi</c>, <c>--from</c>/<c>--to</c>), applied to each report before
/// anything else is done with it.
/// </summary>
/// <remarks>
/// A report without a position (static and voyage data, for instance) passes the box, so that vessels inside it keep their
/// identity; a report without an event time fails a time window.
/// </remarks>
public sealed class InputFilter
{
    /// <summary>Keep only reports whose position lies in this box (reports without a position are kept), or null.</summary>
    public GeoBox? Box { get; init; }

    /// <summary>Keep only reports of these MMSIs, or null.</summary>
    public IReadOnlySet<int>? Mmsis { get; init; }

    /// <summary>Inclusive lower bound of event time (epoch ms), or null.</summary>
    public long? FromMs { get; init; }

    /// <summary>Exclusive upper bound of event time (epoch ms), or null.</summary>
    public long? ToMs { get; init; }

    /// <summary>True when nothing is filtered.</summary>
    public bool IsEmpty => Box is null && Mmsis is null && FromMs is null && ToMs is null;

    /// <summary>True when the report is in the subset.</summary>
    public bool Keeps(in AisReport report)
    {
        if (Mmsis is { } mmsis && !mmsis.Contains(report.Mmsi))
        {
            return false;
        }

        if (Box is { } box && report.Longitude is { } lon && report.Latitude is { } lat && !box.Contains(lon, lat))
        {
            return false;
        }

        return (FromMs is null && ToMs is null)
            || (report.EventTimeMs is { } t && (FromMs is not { } from || t >= from) && (ToMs is not { } to || t < to));
    }

    /// <summary>Parses <c>minLon,minLat,maxLon,maxLat</c> (degrees, invariant culture); null with a problem when the text is no box.</summary>
    public static GeoBox? ParseBox(string text, out string? problem)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[4];
        if (parts.Length != 4 || parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).Any(ok => !ok))
        {
            problem = $"expects minLon,minLat,maxLon,maxLat in degrees, got '{text}'.";
            return null;
        }

        var box = new GeoBox(values[0], values[1], values[2], values[3]);
        problem = box switch
        {
            _ when values.Any(v => !double.IsFinite(v)) => $"expects finite degrees, got '{text}'.",
            _ when box.MinLon < -180 || box.MaxLon > 180 || box.MinLon > 180 || box.MaxLon < -180 => $"longitudes must be within -180..180, got '{text}'.",
            _ when box.MinLat < -90 || box.MaxLat > 90 => $"latitudes must be within -90..90, got '{text}'.",
            _ when box.MinLat > box.MaxLat => $"minLat must not exceed maxLat, got '{text}'.",
            _ => null,
        };
        return problem is null ? box : null;
    }

    /// <summary>
    /// Parses a comma list of MMSIs, or <c>@FILE</c>: a file of MMSIs separated by commas, blanks or line breaks (<c>#</c> starts a comment);
    /// null with a problem when a value is no MMSI or the file cannot be read.
    /// </summary>
    public static HashSet<int>? ParseMmsis(string text, out string? problem)
    {
        string list;
        if (text.StartsWith('@'))
        {
            try
            {
                list = string.Join('\n', File.ReadLines(text[1..]).Select(l => l.Split('#')[0]));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                problem = $"cannot read the MMSI file '{text[1..]}': {ex.Message}";
                return null;
            }
        }
        else
        {
            list = text;
        }

        var mmsis = new HashSet<int>();
        foreach (var value in list.Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mmsi) || mmsi > 999_999_999)
            {
                problem = $"expects MMSIs (up to 9 digits) separated by commas, or @FILE; got '{value}'.";
                return null;
            }

            mmsis.Add(mmsi);
        }

        if (mmsis.Count == 0)
        {
            problem = $"expects at least one MMSI, got '{text}'.";
            return null;
        }

        problem = null;
        return mmsis;
    }
}
