using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Dark;

/// <summary>
/// Possible dark port calls: a dark period (not inside a port area at either end: the visible port-call rule covers that) whose
/// unexplained time is at least <see cref="PortCallOptions.PossibleDarkCallMinUnexplainedHours"/>, and which either starts and ends
/// near the same eligible port, or whose straight line passes near an eligible port that is near neither end. A gap that only
/// starts (or only ends) near a port is a departure (or an arrival), not flagged. Evaluated once per dark period.
/// </summary>
internal sealed class PossibleDarkPortCalls
{
    private const double MaxSampleStepKm = 1;
    private const int MaxSamples = 20_000;

    private readonly PortCallOptions _o;
    private readonly PortAreas _ports;
    private readonly int[] _eligible;
    private readonly double[] _startKm;
    private readonly double[] _endKm;
    private readonly double _stepKm;

    public PossibleDarkPortCalls(PortCallOptions options, PortAreas ports)
    {
        _o = options;
        _ports = ports;
        var countries = new HashSet<string>(options.Countries, StringComparer.OrdinalIgnoreCase);
        _eligible = [.. Enumerable.Range(0, ports.Count).Where(i => !ports[i].IsHighRisk && countries.Contains(ports[i].Country))];
        _startKm = new double[_eligible.Length];
        _endKm = new double[_eligible.Length];
        _stepKm = Math.Min(MaxSampleStepKm, options.PossibleDarkCallNearKm / 2);
    }

    /// <summary>The possible dark port call of this ended dark period, or null.</summary>
    public Behaviour? Evaluate(Vessel v, in DarkEnd end)
    {
        // A vessel in a port area when it went dark is the visible rule's "silence in port" (the dark detector runs before the port-call detector).
        if (_eligible.Length == 0 || end.IdentityConflict || end.FilledByLateReport || v.PortIndex >= 0 || end.UnexplainedHours < _o.PossibleDarkCallMinUnexplainedHours)
        {
            return null;
        }

        Distances(end.StartLatitude, end.StartLongitude, _startKm);
        Distances(end.EndLatitude, end.EndLongitude, _endKm);
        var near = _o.PossibleDarkCallNearKm;
        var best = -1;
        for (var k = 0; k < _eligible.Length; k++)
        {
            if (_startKm[k] == 0 || _endKm[k] == 0)
            {
                return null;
            }

            if (_startKm[k] <= near && _endKm[k] <= near && (best < 0 || Math.Max(_startKm[k], _endKm[k]) < Math.Max(_startKm[best], _endKm[best])))
            {
                best = k;
            }
        }

        if (best >= 0)
        {
            return Build(v, end, best, "samePort", closestKm: null);
        }

        var (passed, closestKm) = Passed(end);
        return passed >= 0 ? Build(v, end, passed, "linePassesPort", closestKm) : null;
    }

    /// <summary>Distance from the point to each eligible port area (0 inside); infinity where no port can be within 15 km.</summary>
    private void Distances(double lat, double lon, double[] into)
    {
        Array.Fill(into, double.PositiveInfinity);
        if (!_ports.MayBeNearPort(lat, lon))
        {
            return;
        }

        for (var k = 0; k < _eligible.Length; k++)
        {
            into[k] = _ports.DistanceKm(_eligible[k], lat, lon);
        }
    }

    /// <summary>The eligible port, near neither end, that the straight line from the last to the first position passes closest (within the near distance, sampled every km), or -1.</summary>
    private (int Port, double ClosestKm) Passed(in DarkEnd end)
    {
        var near = _o.PossibleDarkCallNearKm;
        var dLon = end.EndLongitude - end.StartLongitude;
        if (Math.Abs(dLon) > 180)
        {
            return (-1, 0);
        }

        var lengthKm = Geo.DistanceMeters(end.StartLatitude, end.StartLongitude, end.EndLatitude, end.EndLongitude) / 1000;
        var samples = (int)Math.Min(MaxSamples, Math.Ceiling(lengthKm / _stepKm));
        var best = -1;
        var bestKm = double.PositiveInfinity;
        for (var i = 1; i < samples; i++)
        {
            var f = (double)i / samples;
            var lat = end.StartLatitude + ((end.EndLatitude - end.StartLatitude) * f);
            var lon = end.StartLongitude + (dLon * f);
            if (!_ports.MayBeNearPort(lat, lon))
            {
                continue;
            }

            for (var k = 0; k < _eligible.Length; k++)
            {
                if (_startKm[k] <= near || _endKm[k] <= near)
                {
                    continue;
                }

                var km = _ports.DistanceKm(_eligible[k], lat, lon);
                if (km <= near + (_stepKm / 2) && km < bestKm)
                {
                    best = k;
                    bestKm = km;
                }
            }
        }

        return (best, bestKm);
    }

    private Behaviour Build(Vessel v, in DarkEnd end, int k, string match, double? closestKm)
    {
        var index = _eligible[k];
        var area = _ports[index];
        var (lat, lon) = _ports.Centre(index);
        var draught = v.Identity?.Draught ?? 0;
        var evidence = new JsonObject
        {
            ["pattern"] = AlertPatterns.PossibleDarkPortCall,
            ["match"] = match,
            ["gapHours"] = DarkPeriodDetector.Round(end.GapHours),
            ["distanceNm"] = DarkPeriodDetector.Round(end.DistanceNm),
            ["unexplainedHours"] = DarkPeriodDetector.Round(end.UnexplainedHours),
            ["usualSpeedKn"] = DarkPeriodDetector.Round(end.UsualSpeedKnots),
            ["startDistanceKm"] = Km(_startKm[k]),
            ["endDistanceKm"] = Km(_endKm[k]),
            ["closestApproachKm"] = closestKm is { } c ? Km(c) : null,
            ["lastPosition"] = new JsonObject { ["lat"] = Math.Round(end.StartLatitude, 6), ["lon"] = Math.Round(end.StartLongitude, 6) },
            ["firstPosition"] = new JsonObject { ["lat"] = Math.Round(end.EndLatitude, 6), ["lon"] = Math.Round(end.EndLongitude, 6) },
            ["dwellHours"] = null,
            ["draughtBefore"] = draught > 0 ? Math.Round(draught, 1) : null,
            ["draughtAfter"] = null,
            ["darkPeriodAlertId"] = end.DarkAlertId,
            ["nearKm"] = DarkPeriodDetector.Round(_o.PossibleDarkCallNearKm),
            ["minUnexplainedHours"] = DarkPeriodDetector.Round(_o.PossibleDarkCallMinUnexplainedHours),
        };
        return new Behaviour
        {
            AlertId = AlertIds.For(AlertTypes.PortCall, v.Mmsi, end.StartMs, AlertPatterns.PossibleDarkPortCall),
            Type = AlertTypes.PortCall,
            Closed = true,
            Mmsi = v.Mmsi,
            StartMs = end.StartMs,
            EndMs = end.EndMs,
            Latitude = lat,
            Longitude = lon,
            Port = new AlertPort(area.Name, area.Country, area.Locode),
            Confidence = Confidence.Low,
            Evidence = evidence,
            DetectedAtMs = end.EndMs,
            Source = end.Source.Resolve(),
            Pattern = AlertPatterns.PossibleDarkPortCall,
            QualifiesForAll = false,
        };
    }

    private static JsonNode? Km(double km) => double.IsFinite(km) ? Math.Round(km, 2) : null;
}
