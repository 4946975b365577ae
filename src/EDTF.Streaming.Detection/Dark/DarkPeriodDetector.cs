using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Dark;

/// <summary>
/// Dark periods (AIS gaps): a gap opens when the event-time clock passes a vessel's last position + the silence threshold
/// (while the vessel is still dark), and closes on its next position with gap, distance, implied speed, unexplained time
/// and coverage. An implied speed above the plausible maximum is reported as an identity conflict, not a gap.
/// Reports that arrive too late to be put in order shrink or retract an open gap; the shrunk gap is published once, at the
/// next watermark step (<see cref="FlushRevisions"/>), however many late reports shrank it in between.
/// </summary>
internal sealed class DarkPeriodDetector(DetectionOptions options, EventTimeTimers timers, CoverageGrid coverage, ReceptionModel reception, Func<int, Vessel?> findVessel, IDarkPeriodListener? listener = null) : Detector
{
    private const int SilenceTimer = 0;
    private const int WideTimer = 1;
    private const double MsPerHour = 3_600_000;

    /// <summary>Below this speed over ground before the silence a vessel is not taken to be heading anywhere (moored, at anchor, drifting).</summary>
    private const float MovingKnots = 2;

    /// <summary>Hours before a gap against which its station's reception during the gap is compared.</summary>
    private const double BaselineHours = 24;

    private readonly long _silenceMs = (long)(options.Dark.InterestSilenceHours * MsPerHour);
    private readonly long _otherSilenceMs = (long)(options.Dark.OtherSilenceHours * MsPerHour);
    private readonly SortedDictionary<int, Behaviour> _revisions = [];

    public override int TimerOrder => 1;

    public long Retractions { get; private set; }

    public override void OnNext(TrackEvent ev)
    {
        if (ev.Kind == TrackEventKind.Static)
        {
            return;
        }

        if (ev.Kind == TrackEventKind.Position)
        {
            coverage.Add(ev.Latitude, ev.Longitude, ev.TimeMs);
            reception.Add(ev.Latitude, ev.Longitude, ev.TimeMs, ev.Source.Station);
        }

        var v = ev.Vessel;
        if (v.DarkStartMs != 0)
        {
            Close(v, ev);
        }

        v.LastSource = ev.Source;
        if (v.DarkTimerDueMs == 0)
        {
            v.DarkTimerDueMs = ev.TimeMs + _silenceMs;
            timers.Schedule(this, v.Mmsi, v.DarkTimerDueMs, SilenceTimer);
        }
    }

    public override void OnTimer(long key, long dueMs, int kind)
    {
        var mmsi = (int)key;
        if (findVessel(mmsi) is not { } v)
        {
            return;
        }

        if (kind == WideTimer)
        {
            if (v.DarkStartMs != 0 && v.DarkStartMs + _otherSilenceMs == dueMs && !v.IsOfInterest(dueMs))
            {
                _revisions.Remove(mmsi); // this update carries the revised start
                Publish(Open(v, dueMs, qualifiesForAll: true));
            }

            return;
        }

        v.DarkTimerDueMs = 0;
        var deadline = v.LastHeardMs + _silenceMs;
        if (deadline > dueMs)
        {
            v.DarkTimerDueMs = deadline;
            timers.Schedule(this, mmsi, deadline, SilenceTimer);
            return;
        }

        if (v.DarkStartMs != 0)
        {
            return;
        }

        v.DarkStartMs = v.LastHeardMs;
        v.DarkAlertStartMs = v.LastHeardMs;
        v.DarkStartLatitude = v.Latitude;
        v.DarkStartLongitude = v.Longitude;
        v.DarkFromLatitude = v.PreviousTimeMs != 0 ? v.PreviousLatitude : v.Latitude;
        v.DarkFromLongitude = v.PreviousTimeMs != 0 ? v.PreviousLongitude : v.Longitude;
        v.DarkStartSpeedKnots = v.SpeedKnots;
        Publish(Open(v, dueMs, qualifiesForAll: _otherSilenceMs <= _silenceMs));
        listener?.OnDarkOpened(v, dueMs);
        if (options.ScopeAll && _otherSilenceMs > _silenceMs)
        {
            timers.Schedule(this, mmsi, v.DarkStartMs + _otherSilenceMs, WideTimer);
        }
    }

    /// <summary>A position that arrived after the watermark had passed it: if it falls inside an open gap, the gap shrinks, or is retracted when what is left is shorter than the threshold.</summary>
    public void OnLatePosition(int mmsi, long timeMs, double lat, double lon, SourceRef source)
    {
        if (findVessel(mmsi) is not { } v)
        {
            return;
        }

        if (v.DarkStartMs == 0 || timeMs <= v.DarkStartMs)
        {
            v.LastHeardMs = Math.Max(v.LastHeardMs, timeMs);
            return;
        }

        listener?.OnDarkEnded(v, new DarkEnd(v.DarkStartMs, v.DarkStartLatitude, v.DarkStartLongitude, timeMs, lat, lon, 0, 0, 0,
            IdentityConflict: false, FilledByLateReport: true, AlertIds.For(AlertTypes.DarkPeriod, v.Mmsi, v.DarkAlertStartMs), source));
        v.DarkStartMs = timeMs;
        v.DarkFromLatitude = v.DarkStartLatitude;
        v.DarkFromLongitude = v.DarkStartLongitude;
        v.DarkStartSpeedKnots = float.NaN;
        v.DarkStartLatitude = lat;
        v.DarkStartLongitude = lon;
        v.LastHeardMs = Math.Max(v.LastHeardMs, timeMs);
        v.LastSource = source;
        var now = Math.Max(timers.NowMs, timeMs);
        if (now - timeMs >= _silenceMs)
        {
            // Held until the next watermark step: the late reports of one flush revise the gap in one update.
            _revisions[mmsi] = Open(v, now, qualifiesForAll: now - timeMs >= _otherSilenceMs) with { Source = source.Resolve() };
            listener?.OnDarkOpened(v, now);
            return;
        }

        _revisions.Remove(mmsi); // the retraction supersedes a revision not yet published
        Retractions++;
        var evidence = new JsonObject
        {
            ["retracted"] = true,
            ["reason"] = "late reports filled the gap",
            ["gapHours"] = Round((timeMs - v.DarkAlertStartMs) / MsPerHour),
        };
        Publish(new Behaviour
        {
            AlertId = AlertIds.For(AlertTypes.DarkPeriod, v.Mmsi, v.DarkAlertStartMs),
            Type = AlertTypes.DarkPeriod,
            Closed = true,
            Mmsi = v.Mmsi,
            StartMs = v.DarkAlertStartMs,
            EndMs = timeMs,
            Latitude = lat,
            Longitude = lon,
            Confidence = Confidence.Low,
            Evidence = evidence,
            DetectedAtMs = now,
            Source = source.Resolve(),
            QualifiesForAll = true,
        });
        v.DarkStartMs = 0;
        if (v.DarkTimerDueMs == 0)
        {
            v.DarkTimerDueMs = v.LastHeardMs + _silenceMs;
            timers.Schedule(this, mmsi, v.DarkTimerDueMs, SilenceTimer);
        }
    }

    /// <summary>Publishes the gaps shrunk by late reports since the last call, one update each (the latest revision), in MMSI order.</summary>
    public void FlushRevisions()
    {
        if (_revisions.Count == 0)
        {
            return;
        }

        foreach (var revision in _revisions.Values)
        {
            Publish(revision);
        }

        _revisions.Clear();
    }

    private Behaviour Open(Vessel v, long nowMs, bool qualifiesForAll)
    {
        var (cov, covered) = Coverage(v.DarkStartLatitude, v.DarkStartLongitude, v.DarkStartMs, nowMs);
        var gapHours = (nowMs - v.DarkStartMs) / MsPerHour;
        var evidence = new JsonObject
        {
            ["gapHours"] = Round(gapHours),
            ["silenceThresholdHours"] = Round(_silenceMs / MsPerHour),
            ["coverage"] = cov,
        };
        var outOfReception = Reception(evidence, v, v.DarkStartLatitude, v.DarkStartLongitude, nowMs);
        return new Behaviour
        {
            AlertId = AlertIds.For(AlertTypes.DarkPeriod, v.Mmsi, v.DarkAlertStartMs),
            Type = AlertTypes.DarkPeriod,
            Closed = false,
            Mmsi = v.Mmsi,
            StartMs = v.DarkStartMs,
            Latitude = v.DarkStartLatitude,
            Longitude = v.DarkStartLongitude,
            Confidence = ConfidenceOf(covered && !outOfReception, gapHours, identityConflict: false),
            Evidence = evidence,
            DetectedAtMs = nowMs,
            Source = v.LastSource.Resolve(),
            QualifiesForAll = qualifiesForAll,
        };
    }

    private void Close(Vessel v, in TrackEvent ev)
    {
        _revisions.Remove(v.Mmsi); // the closed update carries the revised start
        var start = v.DarkStartMs;
        var gapHours = (ev.TimeMs - start) / MsPerHour;
        var distanceNm = Geo.DistanceNm(v.DarkStartLatitude, v.DarkStartLongitude, ev.Latitude, ev.Longitude);
        var impliedKn = gapHours > 0 ? distanceNm / gapHours : 0;
        var identityConflict = ev.Kind == TrackEventKind.Implausible || (impliedKn > options.MaxPlausibleSpeedKnots && distanceNm > 1);
        var usualKn = v.UsualSpeedKnots > 1 ? v.UsualSpeedKnots : options.Dark.DefaultUsualSpeedKnots;
        var unexplainedHours = Math.Max(0, gapHours - (distanceNm / usualKn));
        var (cov, covered) = Coverage(v.DarkStartLatitude, v.DarkStartLongitude, start, ev.TimeMs);
        var evidence = new JsonObject
        {
            ["gapHours"] = Round(gapHours),
            ["distanceNm"] = Round(distanceNm),
            ["impliedSpeedKn"] = Round(impliedKn),
            ["unexplainedHours"] = Round(unexplainedHours),
            ["usualSpeedKn"] = Round(usualKn),
            ["endPosition"] = new JsonObject { ["lat"] = Math.Round(ev.Latitude, 6), ["lon"] = Math.Round(ev.Longitude, 6) },
            ["coverage"] = cov,
            ["identityConflict"] = identityConflict,
        };
        var outOfReception = Reception(evidence, v, ev.Latitude, ev.Longitude, ev.TimeMs);
        if (identityConflict)
        {
            evidence["reason"] = "implied speed above " + Round(options.MaxPlausibleSpeedKnots) + " kn: two transmitters share this identity, not a gap";
        }

        Publish(new Behaviour
        {
            AlertId = AlertIds.For(AlertTypes.DarkPeriod, v.Mmsi, v.DarkAlertStartMs),
            Type = AlertTypes.DarkPeriod,
            Closed = true,
            Mmsi = v.Mmsi,
            StartMs = start,
            EndMs = ev.TimeMs,
            Latitude = v.DarkStartLatitude,
            Longitude = v.DarkStartLongitude,
            Confidence = ConfidenceOf(covered && !outOfReception, gapHours, identityConflict),
            Evidence = evidence,
            DetectedAtMs = ev.TimeMs,
            Source = ev.Source.Resolve(),
            QualifiesForAll = ev.TimeMs - start >= _otherSilenceMs,
        });
        listener?.OnDarkEnded(v, new DarkEnd(start, v.DarkStartLatitude, v.DarkStartLongitude, ev.TimeMs, ev.Latitude, ev.Longitude, distanceNm, unexplainedHours, usualKn,
            identityConflict, FilledByLateReport: false, AlertIds.For(AlertTypes.DarkPeriod, v.Mmsi, v.DarkAlertStartMs), ev.Source));
        v.DarkStartMs = 0;
    }

    /// <summary>Adds what the reception model says of the gap to <paramref name="evidence"/>; true when the vessel was more likely out of reception than silent.</summary>
    private bool Reception(JsonObject evidence, Vessel v, double endLat, double endLon, long endMs)
    {
        var station = v.LastSource.Station;
        var (hours, heard) = reception.AreaHeard(station, v.DarkStartLatitude, v.DarkStartLongitude, endLat, endLon, v.DarkStartMs, endMs);
        var unheardShare = hours > 0 ? (hours - heard) / (double)hours : 0;
        var left = v.DarkStartSpeedKnots >= MovingKnots && reception.LeftCoverage(station, v.DarkFromLatitude, v.DarkFromLongitude,
            v.DarkStartLatitude, v.DarkStartLongitude, options.Dark.LeftCoverageAheadNm, endMs);
        var silent = SourceSilent(station, v.DarkStartMs, endMs);
        evidence["areaHours"] = hours;
        evidence["areaUnheardShare"] = Round(unheardShare);
        evidence["leftCoverage"] = left;
        evidence["sourceSilent"] = silent;
        if (StationIds.Name(station) is { } name)
        {
            evidence["station"] = name;
        }

        return left || (hours > 0 && unheardShare > options.Dark.MaxAreaUnheardShare) || (silent && unheardShare > 0);
    }

    /// <summary>The station heard anyone in under half the gap's hours, and in under half the share of hours it did in the day before (a quiet station, not a sparse one).</summary>
    private bool SourceSilent(int station, long startMs, long endMs)
    {
        var (hours, heard) = reception.StationHeard(station, startMs, endMs);
        var (hoursBefore, heardBefore) = reception.StationHeard(station, startMs - (long)(BaselineHours * MsPerHour), startMs);
        var shareBefore = hoursBefore > 0 ? heardBefore / (double)hoursBefore : 1;
        return hours > 0 && heard * 2 < hours && heard < shareBefore * hours / 2;
    }

    private (JsonObject Evidence, bool Covered) Coverage(double lat, double lon, long startMs, long endMs) =>
        coverage.Describe(lat, lon, startMs, endMs, options.Dark.CoveredPositionsPerDay);

    private string ConfidenceOf(bool covered, double gapHours, bool identityConflict) =>
        identityConflict || !covered ? Alerts.Confidence.Low
        : gapHours >= options.Dark.OtherSilenceHours ? Alerts.Confidence.High
        : Alerts.Confidence.Medium;

    internal static double Round(double x) => Math.Round(x, 3);
}
