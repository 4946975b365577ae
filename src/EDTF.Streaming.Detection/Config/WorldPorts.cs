using System.Globalization;
using NetTopologySuite.Geometries;

namespace EDTF.Streaming.Detection;

/// <summary>A port of the world port set: a point (approximate: often the town's centre) with its UN/LOCODE and country.</summary>
public sealed record WorldPort(string Locode, string Country, double Latitude, double Longitude, string Name);

/// <summary>
/// The world port set (config/ports-world.csv, made by tools/ports-world.py from the MIT-licensed npm package sea-ports) and
/// how it joins the analysts' areas: a world port whose UN/LOCODE is that of an analyst port area, or whose circle reaches an
/// analyst port area, is left out (the analyst polygon wins); the others are added after the analyst areas as circles of
/// <see cref="PortCallOptions.WorldPortRadiusKm"/>. Stateless; the lists it returns are new.
/// </summary>
public static class WorldPorts
{
    private const string Header = "locode,country,lat,lon,name";
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>Reads a CSV <c>locode,country,lat,lon,name</c> (header first; the name is the rest of the line and may hold commas).</summary>
    /// <exception cref="FormatException">A line is not such a row; the message names the file and line.</exception>
    public static IReadOnlyList<WorldPort> Load(string csvPath)
    {
        var ports = new List<WorldPort>();
        var number = 0;
        foreach (var line in File.ReadLines(csvPath))
        {
            number++;
            if (number == 1)
            {
                if (!string.Equals(line.Trim(), Header, StringComparison.OrdinalIgnoreCase))
                {
                    throw new FormatException($"{csvPath}: the first line must be '{Header}'.");
                }

                continue;
            }

            if (line.Length > 0)
            {
                ports.Add(Parse(line) ?? throw new FormatException($"{csvPath}:{number}: expected '{Header}' with a 5-character UN/LOCODE, a 2-letter country and lat/lon in range: '{line}'."));
            }
        }

        return ports;
    }

    /// <summary>
    /// The analyst areas (in their order, first) and the world ports they do not override (in theirs), as circles of
    /// <paramref name="radiusKm"/>; <paramref name="overridden"/> counts the world ports left out.
    /// </summary>
    public static PortAreas Combine(IReadOnlyList<(PortArea Area, Geometry Geometry)> analyst, IReadOnlyList<WorldPort> world, double radiusKm, out int overridden)
    {
        var analystAreas = new PortAreas(analyst);
        var locodes = analyst.Where(a => !a.Area.IsHighRisk && a.Area.Locode is not null)
            .Select(a => a.Area.Locode!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kept = world.Where(p => !locodes.Contains(p.Locode) && !analystAreas.IsNearPort(p.Latitude, p.Longitude, radiusKm)).ToList();
        overridden = world.Count - kept.Count;
        var points = kept.Select(p => (new PortArea(p.Name, p.Country, p.Locode, IsHighRisk: false), (Geometry)Factory.CreatePoint(new Coordinate(p.Longitude, p.Latitude))));
        return new PortAreas(analyst.Concat(points), radiusKm);
    }

    private static WorldPort? Parse(string line)
    {
        var cells = line.Split(',', 5);
        if (cells.Length != 5)
        {
            return null;
        }

        var locode = cells[0].Trim().ToUpperInvariant();
        var country = cells[1].Trim().ToUpperInvariant();
        var name = cells[4].Trim();
        if (locode.Length == 5 && country.Length == 2 && country.All(char.IsAsciiLetter) && name.Length > 0
            && double.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90
            && double.TryParse(cells[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && lon is >= -180 and <= 180)
        {
            return new WorldPort(locode, country, lat, lon, name);
        }

        return null;
    }
}
