using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Identity;

/// <summary>
/// Identity conflicts: one MMSI heard from two places at once (a cloned or spoofed MMSI). Opens when reports switch between
/// two tracks more than <see cref="MinSeparationNm"/> apart at least <see cref="MinAlternations"/> times within
/// <see cref="WindowMs"/>; closes when one track has been silent for <see cref="WindowMs"/> (end = its last report).
/// A single implausible jump is forgotten after that silence.
/// </summary>
/// <remarks>While a conflict is open the tracker keeps the vessel on the track it had before the first jump (taken as the genuine one): the other transmitter's positions never move it, so no dark period or transfer is made of the interleaving.</remarks>
internal sealed class IdentityConflictDetector(EventTimeTimers timers, Func<int, Vessel?> findVessel) : Detector
{
    public const double MinSeparationNm = 50;
    public const int MinAlternations = 3;
    public const long WindowMs = 3_600_000;
    private const double MsPerHour = 3_600_000;

    private readonly Dictionary<int, ConflictState> _states = [];

    public override int TimerOrder => 5;

    /// <summary>MMSIs heard from two places now (open or not yet confirmed).</summary>
    public int Count => _states.Count;

    public override void OnNext(TrackEvent value)
    {
        if (value.Kind == TrackEventKind.Static)
        {
            return;
        }

        var v = value.Vessel;
        if (!_states.TryGetValue(v.Mmsi, out var state))
        {
            if (value.Kind == TrackEventKind.Implausible && v.PositionTimeMs != 0 &&
                Geo.DistanceNm(v.Latitude, v.Longitude, value.Latitude, value.Longitude) > MinSeparationNm)
            {
                state = new ConflictState(MinAlternations, v.Latitude, v.Longitude, v.PositionTimeMs, value.Latitude, value.Longitude, value.TimeMs);
                _states[v.Mmsi] = state;
                ScheduleQuietCheck(v.Mmsi, state);
            }

            return;
        }

        state.Add(value.Latitude, value.Longitude, value.TimeMs);
        if (!state.Open && state.SeparationNm > MinSeparationNm && state.AlternatingWithin(WindowMs, value.TimeMs))
        {
            state.Open = true;
            KeepToFirstTrack(v, state);
            Publish(Describe(v.Mmsi, state, value.TimeMs, closed: false, value.Source));
        }
    }

    public override void OnTimer(long key, long dueMs, int kind)
    {
        var mmsi = (int)key;
        if (!_states.TryGetValue(mmsi, out var state) || state.TimerDueMs != dueMs)
        {
            return;
        }

        if (state.QuietSinceMs + WindowMs > dueMs)
        {
            ScheduleQuietCheck(mmsi, state);
            return;
        }

        _states.Remove(mmsi);
        var v = findVessel(mmsi);
        if (v is not null)
        {
            v.IdentityConflict = false;
        }

        if (state.Open)
        {
            Publish(Describe(mmsi, state, dueMs, closed: true, v?.LastSource ?? default));
        }
    }

    /// <summary>Puts the vessel back on the track it had before the jump (the other transmitter may have moved it with a run of reports) and keeps it there while the conflict is open.</summary>
    private static void KeepToFirstTrack(Vessel v, ConflictState state)
    {
        v.IdentityConflict = true;
        v.ImplausibleRun = 0;
        var (lat, lon) = state.Position(0);
        v.Latitude = lat;
        v.Longitude = lon;
        v.PositionTimeMs = Math.Max(v.PositionTimeMs, state.LastMs(0));
    }

    /// <summary>Drops what is known about a vessel that idle expiry forgot.</summary>
    public void Forget(int mmsi) => _states.Remove(mmsi);

    private void ScheduleQuietCheck(int mmsi, ConflictState state)
    {
        state.TimerDueMs = state.QuietSinceMs + WindowMs;
        timers.Schedule(this, mmsi, state.TimerDueMs);
    }

    private Behaviour Describe(int mmsi, ConflictState state, long nowMs, bool closed, SourceRef source)
    {
        var evidence = new JsonObject
        {
            ["separationNm"] = Round(state.SeparationNm),
            ["alternations"] = state.Alternations,
            ["tracks"] = new JsonArray(Track(state, 0), Track(state, 1)),
            ["minSeparationNm"] = MinSeparationNm,
            ["minAlternations"] = MinAlternations,
            ["windowHours"] = WindowMs / MsPerHour,
        };
        if (closed)
        {
            evidence["stoppedTrack"] = state.QuietSide;
        }

        return new Behaviour
        {
            AlertId = AlertIds.For(AlertTypes.IdentityConflict, mmsi, state.StartMs),
            Type = AlertTypes.IdentityConflict,
            Closed = closed,
            Mmsi = mmsi,
            StartMs = state.StartMs,
            EndMs = closed ? state.QuietSinceMs : null,
            Latitude = state.FirstPositionLatitude,
            Longitude = state.FirstPositionLongitude,
            Confidence = state.Alternations >= 2 * MinAlternations ? Confidence.High : Confidence.Medium,
            Evidence = evidence,
            DetectedAtMs = nowMs,
            Source = source.Resolve(),
            QualifiesForAll = false,
        };
    }

    private static JsonObject Track(ConflictState state, int side)
    {
        var (lat, lon) = state.Position(side);
        return new JsonObject
        {
            ["lastPosition"] = new JsonObject { ["lat"] = Math.Round(lat, 6), ["lon"] = Math.Round(lon, 6) },
            ["reports"] = state.Reports(side),
            ["lastReport"] = AlertStage.Time(state.LastMs(side)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static double Round(double value) => Math.Round(value, 3);
}
