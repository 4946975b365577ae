using System.Runtime.InteropServices;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Index.Strtree;

namespace EDTF.Streaming.Detection;

/// <summary>A named area from the port file: a port (or anchorage) area, or a high-risk area (kind <c>highRisk</c>).</summary>
public sealed record PortArea(string Name, string Country, string? Locode, bool IsHighRisk);

/// <summary>
/// Port and high-risk areas, indexed once (a 0.1-degree cell table of the port areas that can be near, an STRtree of the
/// high-risk areas, an indexed point-in-area locator per polygon); a port given as a point (the world port set) is a
/// circle of a fixed radius. Immutable after construction: safe to query from many threads.
/// </summary>
public sealed class PortAreas
{
    private const double KmPerDegree = 111.32;
    private const double IndexMarginKm = 15;

    private const double CoarseCellDegrees = 0.1;
    private const int CoarseColumns = 3600;

    private readonly Area[] _areas;
    private readonly STRtree<int> _riskIndex = new();
    private readonly HashSet<int> _riskCells = [];
    private readonly Dictionary<int, int[]> _portCandidates = [];

    /// <summary>Indexes the given areas (polygons in WGS84 lon/lat; a <see cref="NetTopologySuite.Geometries.Point"/> is a circle of <paramref name="pointRadiusKm"/>, at most 15 km).</summary>
    /// <remarks>Where areas overlap, the first one given wins in <see cref="Locate"/>.</remarks>
    public PortAreas(IEnumerable<(PortArea Area, Geometry Geometry)> areas, double pointRadiusKm = 0)
    {
        if (pointRadiusKm is < 0 or > IndexMarginKm)
        {
            throw new ArgumentOutOfRangeException(nameof(pointRadiusKm), pointRadiusKm, $"A point port's radius must be within [0, {IndexMarginKm}] km.");
        }

        _areas = areas.Select(a => a.Geometry is Point p ? (Area)new CircleArea(a.Area, p.Y, p.X, pointRadiusKm) : new PolygonArea(a.Area, a.Geometry)).ToArray();
        // Per coarse cell, the ports whose search envelope reaches it, ascending (areas are visited in order): queries then
        // allocate nothing. A point's cell lies within the cells of every envelope that contains it (rows and columns are monotonic).
        var candidates = new Dictionary<int, List<int>>();
        for (var i = 0; i < _areas.Length; i++)
        {
            var risk = _areas[i].Info.IsHighRisk;
            var env = risk ? _areas[i].Envelope : _areas[i].SearchEnvelope;
            if (risk)
            {
                _riskIndex.Insert(env, i);
            }

            for (var row = CoarseRow(env.MinY); row <= CoarseRow(env.MaxY); row++)
            {
                for (var col = CoarseColumn(env.MinX); col <= CoarseColumn(env.MaxX); col++)
                {
                    var cell = (row * CoarseColumns) + col;
                    if (risk)
                    {
                        _riskCells.Add(cell);
                    }
                    else
                    {
                        (CollectionsMarshal.GetValueRefOrAddDefault(candidates, cell, out _) ??= []).Add(i);
                    }
                }
            }
        }

        _riskIndex.Build();
        foreach (var (cell, list) in candidates)
        {
            _portCandidates[cell] = [.. list];
        }
    }

    /// <summary>No areas at all.</summary>
    public static PortAreas Empty { get; } = new([]);

    /// <summary>The areas, in file order.</summary>
    public IReadOnlyList<PortArea> Areas => _areas.Select(a => a.Info).ToList();

    /// <summary>Number of areas.</summary>
    public int Count => _areas.Length;

    /// <summary>Loads a GeoJSON FeatureCollection of Polygon/MultiPolygon features with <c>name</c>, <c>country</c>, optional <c>locode</c> and optional <c>kind</c> (<c>port</c> or <c>highRisk</c>).</summary>
    /// <remarks>Read with <see cref="JsonDocument"/> and built with a <see cref="GeometryFactory"/>: a one-shot <c>detect</c> spends less time loading than with a serializer.</remarks>
    /// <exception cref="FormatException">The file is not such a collection.</exception>
    public static PortAreas Load(string geoJsonPath) => new(GeoJsonAreas.ReadFile(geoJsonPath));

    /// <summary>The area with this index.</summary>
    public PortArea this[int index] => _areas[index].Info;

    /// <summary>Index of the first port area (not high-risk) that contains the point, or -1.</summary>
    public int Locate(double lat, double lon)
    {
        foreach (var i in PortCandidates(lat, lon))
        {
            var a = _areas[i];
            if (a.SearchEnvelope.Contains(lon, lat) && a.Contains(lat, lon))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Distance in km from the point to an area (0 inside).</summary>
    public double DistanceKm(int index, double lat, double lon) => _areas[index].DistanceKm(lat, lon);

    /// <summary>True when a port area (not high-risk) lies within <paramref name="km"/> (at most 15) of the point.</summary>
    public bool IsNearPort(double lat, double lon, double km)
    {
        foreach (var i in PortCandidates(lat, lon))
        {
            var a = _areas[i];
            if (a.SearchEnvelope.Contains(lon, lat) && a.DistanceKm(lat, lon) <= km)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the point is inside a high-risk area.</summary>
    public bool InHighRiskArea(double lat, double lon)
    {
        if (!_riskCells.Contains(CoarseCell(lat, lon)))
        {
            return false;
        }

        foreach (var i in _riskIndex.Query(new Envelope(lon, lon, lat, lat)))
        {
            if (_areas[i].Contains(lat, lon))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A representative position of an area (interior point).</summary>
    public (double Lat, double Lon) Centre(int index) => _areas[index].Centre;

    /// <summary>Cheap pre-check: false when no port area (with a 15 km margin) or high-risk area can be near the point.</summary>
    internal bool MayBeNear(double lat, double lon)
    {
        var cell = CoarseCell(lat, lon);
        return _portCandidates.ContainsKey(cell) || _riskCells.Contains(cell);
    }

    /// <summary>Cheap pre-check: false when no port area (with a 15 km margin) can be near the point.</summary>
    internal bool MayBeNearPort(double lat, double lon) => _portCandidates.ContainsKey(CoarseCell(lat, lon));

    private int[] PortCandidates(double lat, double lon) =>
        _portCandidates.TryGetValue(CoarseCell(lat, lon), out var candidates) ? candidates : [];

    private static int CoarseCell(double lat, double lon) => (CoarseRow(lat) * CoarseColumns) + CoarseColumn(lon);

    private static int CoarseRow(double lat) => Math.Clamp((int)Math.Floor((lat + 90) / CoarseCellDegrees), 0, 1799);

    private static int CoarseColumn(double lon) => Math.Clamp((int)Math.Floor((lon + 180) / CoarseCellDegrees), 0, CoarseColumns - 1);

    /// <summary>One area: its bounds (plain and widened by the 15 km search margin), a representative position, and point queries.</summary>
    private abstract class Area
    {
        protected Area(PortArea info, Envelope envelope, double cosLat0)
        {
            Info = info;
            Envelope = envelope;
            var marginLat = IndexMarginKm / KmPerDegree;
            var marginLon = marginLat / Math.Max(0.05, cosLat0);
            SearchEnvelope = new Envelope(envelope.MinX - marginLon, envelope.MaxX + marginLon, envelope.MinY - marginLat, envelope.MaxY + marginLat);
        }

        public PortArea Info { get; }

        public Envelope Envelope { get; }

        public Envelope SearchEnvelope { get; }

        /// <summary>An interior point (only port-call alerts need it).</summary>
        public abstract (double Lat, double Lon) Centre { get; }

        /// <summary>True when the point is in the interior.</summary>
        public abstract bool Contains(double lat, double lon);

        /// <summary>Distance in km from the point to the area, 0 inside.</summary>
        public abstract double DistanceKm(double lat, double lon);
    }

    /// <summary>A polygon held in a local equirectangular frame (x = lon * cos(lat0), y = lat) so that distances are metric.</summary>
    private sealed class PolygonArea : Area
    {
        private static readonly GeometryFactory Factory = new();
        private readonly double _cosLat0;
        private readonly Geometry _projected;
        private readonly IndexedPointInAreaLocator _locator;
        private readonly Lazy<(double Lat, double Lon)> _centre;

        public PolygonArea(PortArea info, Geometry geographic)
            : base(info, geographic.EnvelopeInternal, CosLat0(geographic.EnvelopeInternal))
        {
            _cosLat0 = CosLat0(geographic.EnvelopeInternal);
            _projected = geographic.Copy();
            _projected.Apply(new ScaleX(_cosLat0));
            _projected.GeometryChanged();
            _locator = new IndexedPointInAreaLocator(_projected);
            _locator.Locate(_projected.EnvelopeInternal.Centre); // builds the locator's index now: queries then only read it
            _centre = new Lazy<(double, double)>(() =>
            {
                var p = geographic.InteriorPoint;
                return (p.Y, p.X);
            });
        }

        /// <summary>An interior point, computed on first use.</summary>
        public override (double Lat, double Lon) Centre => _centre.Value;

        /// <summary>As a prepared polygon's Contains: the boundary is not inside.</summary>
        public override bool Contains(double lat, double lon) =>
            Envelope.Contains(lon, lat) && _locator.Locate(new Coordinate(lon * _cosLat0, lat)) == Location.Interior;

        public override double DistanceKm(double lat, double lon) =>
            Contains(lat, lon) ? 0 : _projected.Distance(Factory.CreatePoint(new Coordinate(lon * _cosLat0, lat))) * KmPerDegree;

        private static double CosLat0(Envelope env) => Math.Cos((env.MinY + env.MaxY) / 2 * Math.PI / 180);
    }

    /// <summary>A port known only by a point: the circle of the given radius around it (equirectangular distance at the point's latitude).</summary>
    private sealed class CircleArea : Area
    {
        private readonly double _lat;
        private readonly double _lon;
        private readonly double _cosLat;
        private readonly double _radiusKm;

        public CircleArea(PortArea info, double lat, double lon, double radiusKm)
            : base(info, Bounds(lat, lon, radiusKm), Math.Cos(lat * Math.PI / 180))
        {
            _lat = lat;
            _lon = lon;
            _cosLat = Math.Cos(lat * Math.PI / 180);
            _radiusKm = radiusKm;
        }

        public override (double Lat, double Lon) Centre => (_lat, _lon);

        public override bool Contains(double lat, double lon) => CentreKm(lat, lon) < _radiusKm;

        public override double DistanceKm(double lat, double lon) => Math.Max(0, CentreKm(lat, lon) - _radiusKm);

        private double CentreKm(double lat, double lon)
        {
            var dx = (lon - _lon) * _cosLat;
            var dy = lat - _lat;
            return Math.Sqrt((dx * dx) + (dy * dy)) * KmPerDegree;
        }

        private static Envelope Bounds(double lat, double lon, double radiusKm)
        {
            var dLat = radiusKm / KmPerDegree;
            var dLon = dLat / Math.Max(0.05, Math.Cos(lat * Math.PI / 180));
            return new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
        }
    }

    private sealed class ScaleX(double factor) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i) => seq.SetX(i, seq.GetX(i) * factor);
    }
}
