using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Dark;
using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.PortCalls;

/// <summary>
/// Port calls at ports of the configured countries (Russia by default): a vessel enters a port area; the call is
/// established by a stop (speed below 0.2 kn; a stop ends above 0.5 kn) or by a silence inside the port; it ends when the
/// vessel is more than the leave margin outside the area (hysteresis, so a vessel on the edge does not flap).
/// Opens when established, closes on departure with dwell hours and draught before and after.
/// </summary>
internal sealed class PortCallDetector : Detector
{
    private readonly PortCallOptions _o;
    private readonly PortAreas _ports;
    private readonly EventTimeTimers _timers;
    private readonly Func<int, Vessel?> _findVessel;
    private readonly bool[] _eligible;
    private readonly bool[] _makesInterest;
    private readonly Action<Vessel, PortArea, long, AlertSource?> _calledAtInterestPort;
    private readonly long _silenceMs;

    /// <summary>A detector over the given port areas; <paramref name="calledAtInterestPort"/> is told of a call established at a port of <see cref="PortCallOptions.InterestCountries"/>, before its alert.</summary>
    public PortCallDetector(PortCallOptions options, PortAreas ports, EventTimeTimers timers, Func<int, Vessel?> findVessel,
        Action<Vessel, PortArea, long, AlertSource?>? calledAtInterestPort = null)
    {
        _o = options;
        _ports = ports;
        _timers = timers;
        _findVessel = findVessel;
        _silenceMs = (long)(options.SilenceMinutes * 60_000);
        var countries = new HashSet<string>(options.Countries, StringComparer.OrdinalIgnoreCase);
        _eligible = Enumerable.Range(0, ports.Count).Select(i => !ports[i].IsHighRisk && countries.Contains(ports[i].Country)).ToArray();
        var interest = new HashSet<string>(options.InterestCountries, StringComparer.OrdinalIgnoreCase);
        _makesInterest = Enumerable.Range(0, ports.Count).Select(i => _eligible[i] && interest.Contains(ports[i].Country)).ToArray();
        _calledAtInterestPort = calledAtInterestPort ?? ((_, _, _, _) => { });
    }

    public override int TimerOrder => 3;

    public override void OnNext(TrackEvent ev)
    {
        if (ev.Kind != TrackEventKind.Position)
        {
            return;
        }

        var v = ev.Vessel;
        if (v.PortIndex >= 0)
        {
            var km = _ports.DistanceKm(v.PortIndex, ev.Latitude, ev.Longitude);
            if (km <= _o.LeaveMarginKm)
            {
                InPort(v, ev, inside: km == 0);
                return;
            }

            Depart(v, ev);
        }

        if (!_ports.MayBeNearPort(ev.Latitude, ev.Longitude))
        {
            return;
        }

        var index = _ports.Locate(ev.Latitude, ev.Longitude);
        if (index < 0 || !(_eligible[index] || (v.CarriesDprkCoal && !_ports[index].IsHighRisk)))
        {
            return;
        }

        v.PortIndex = (short)index;
        v.PortEnterMs = ev.TimeMs;
        v.PortLastInsideMs = ev.TimeMs;
        v.PortCallEstablished = false;
        v.Stopped = false;
        v.DraughtBefore = v.Identity?.Draught ?? 0;
        if (v.PortTimerDueMs == 0)
        {
            v.PortTimerDueMs = ev.TimeMs + _silenceMs;
            _timers.Schedule(this, v.Mmsi, v.PortTimerDueMs);
        }

        InPort(v, ev, inside: true);
    }

    public override void OnTimer(long key, long dueMs, int kind)
    {
        if (_findVessel((int)key) is not { } v)
        {
            return;
        }

        v.PortTimerDueMs = 0;
        if (v.PortIndex < 0 || v.PortCallEstablished)
        {
            return;
        }

        var deadline = v.LastHeardMs + _silenceMs;
        if (deadline > dueMs)
        {
            v.PortTimerDueMs = deadline;
            _timers.Schedule(this, key, deadline);
            return;
        }

        Establish(v, dueMs, "silence in port", v.LastSource.Resolve());
    }

    private void InPort(Vessel v, in TrackEvent ev, bool inside)
    {
        var silentInside = ev.PreviousHeardMs != 0 && ev.TimeMs - ev.PreviousHeardMs >= _silenceMs && v.PortLastInsideMs >= ev.PreviousHeardMs;
        if (inside)
        {
            v.PortLastInsideMs = ev.TimeMs;
        }

        if (!float.IsNaN(ev.SpeedKnots))
        {
            if (ev.SpeedKnots < _o.StopBeginsBelowKnots)
            {
                v.Stopped = true;
            }
            else if (ev.SpeedKnots > _o.StopEndsAboveKnots)
            {
                v.Stopped = false;
            }
        }

        if (!v.PortCallEstablished)
        {
            if (v.Stopped)
            {
                Establish(v, ev.TimeMs, "stop", ev.Source.Resolve());
            }
            else if (silentInside)
            {
                Establish(v, ev.TimeMs, "silence in port", ev.Source.Resolve());
            }
        }
    }

    private void Establish(Vessel v, long nowMs, string reason, AlertSource? source)
    {
        v.PortCallEstablished = true;
        if (_makesInterest[v.PortIndex])
        {
            _calledAtInterestPort(v, _ports[v.PortIndex], nowMs, source);
        }

        Publish(Build(v, closed: false, endMs: null, nowMs, reason, source));
    }

    private void Depart(Vessel v, in TrackEvent ev)
    {
        if (v.PortCallEstablished)
        {
            var silentInPort = ev.PreviousHeardMs != 0 && ev.TimeMs - ev.PreviousHeardMs >= _silenceMs;
            Publish(Build(v, closed: true, ev.TimeMs, ev.TimeMs, silentInPort ? "silence in port" : "stop", ev.Source.Resolve()));
        }

        v.PortIndex = -1;
        v.PortCallEstablished = false;
        v.Stopped = false;
    }

    private Behaviour Build(Vessel v, bool closed, long? endMs, long nowMs, string reason, AlertSource? source)
    {
        var area = _ports[v.PortIndex];
        var (lat, lon) = _ports.Centre(v.PortIndex);
        var after = v.Identity?.Draught ?? 0;
        var evidence = new JsonObject
        {
            ["dwellHours"] = DarkPeriodDetector.Round(((endMs ?? nowMs) - v.PortEnterMs) / 3_600_000.0),
            ["draughtBefore"] = v.DraughtBefore > 0 ? Math.Round(v.DraughtBefore, 1) : null,
            ["draughtAfter"] = closed && after > 0 ? Math.Round(after, 1) : null,
            ["established"] = reason,
        };
        if (closed && after > 0 && v.DraughtBefore > 0)
        {
            evidence["draughtChangeM"] = Math.Round(after - v.DraughtBefore, 1);
        }

        var draughtChanged = closed && after > 0 && v.DraughtBefore > 0 && Math.Abs(after - v.DraughtBefore) >= 0.5;
        return new Behaviour
        {
            AlertId = AlertIds.For(AlertTypes.PortCall, v.Mmsi, v.PortEnterMs),
            Type = AlertTypes.PortCall,
            Closed = closed,
            Mmsi = v.Mmsi,
            StartMs = v.PortEnterMs,
            EndMs = endMs,
            Latitude = lat,
            Longitude = lon,
            Port = new AlertPort(area.Name, area.Country, area.Locode),
            Confidence = draughtChanged ? Confidence.High : Confidence.Medium,
            Evidence = evidence,
            DetectedAtMs = nowMs,
            Source = source,
            Cargo = closed && endMs is { } end ? new Cargo.CargoContext(end, area.Country, [new Cargo.CargoSide(v.Mmsi, v.DraughtBefore)]) : null,
        };
    }
}
