using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Cargo;

/// <summary>
/// Holds each closed port call and transfer until its vessels' first static report after it (their draught after), at most
/// <see cref="CargoOptions.WaitHours"/> of event time, then adds <c>evidence.cargo</c> and passes it on. Everything else passes at once.
/// </summary>
/// <remarks>Owned by the pipeline thread; event time only. Also keeps which cargo ships carry DPRK coal.</remarks>
internal sealed class CargoEstimates : ITimerTarget
{
    private readonly CargoOptions _o;
    private readonly string[] _dprkCountries;
    private readonly EventTimeTimers _timers;
    private readonly Func<int, Vessel?> _findVessel;
    private readonly Action<Behaviour> _next;
    private readonly SortedDictionary<long, Behaviour> _held = [];
    private readonly long _waitMs;
    private long _nextKey;

    public CargoEstimates(DetectionOptions options, EventTimeTimers timers, Func<int, Vessel?> findVessel, Action<Behaviour> next)
    {
        _o = options.Cargo;
        _dprkCountries = options.PortCall.InterestCountries;
        _timers = timers;
        _findVessel = findVessel;
        _next = next;
        _waitMs = (long)(options.Cargo.WaitHours * 3_600_000);
    }

    public int TimerOrder => 5;

    /// <summary>Closed behaviours waiting for a draught after them.</summary>
    public int HeldCount => _held.Count;

    public void OnBehaviour(Behaviour b)
    {
        if (b.Cargo is not { } cargo || !b.Closed)
        {
            _next(b);
            return;
        }

        if (!cargo.Sides.Any(s => s.DraughtBeforeMeters > 0) || AllReportedAfter(cargo))
        {
            Release(b, b.DetectedAtMs, waited: false, b.Source);
            return;
        }

        if (_waitMs == 0)
        {
            Release(b, b.DetectedAtMs, waited: true, b.Source); // no wait (the default): the draughts known at the end
            return;
        }

        var key = _nextKey++;
        _held[key] = b;
        _timers.Schedule(this, key, Math.Max(cargo.EndMs + _waitMs, b.DetectedAtMs));
    }

    /// <summary>A static report: releases what waited for this vessel's draught.</summary>
    public void OnTrack(TrackEvent ev)
    {
        if (ev.Kind != TrackEventKind.Static || _held.Count == 0 || ev.Vessel.Identity?.DraughtReportedMs != ev.TimeMs)
        {
            return;
        }

        foreach (var (key, b) in _held.ToList())
        {
            if (b.Cargo!.Sides.Any(s => s.Mmsi == ev.Vessel.Mmsi) && AllReportedAfter(b.Cargo))
            {
                _held.Remove(key);
                Release(b, ev.TimeMs, waited: false, ev.Source.Resolve());
            }
        }
    }

    public void OnTimer(long key, long dueMs, int kind)
    {
        if (_held.Remove(key, out var b))
        {
            Release(b, dueMs, waited: true, b.Source);
        }
    }

    /// <summary>End of input: what still waits goes out with the draughts known now.</summary>
    public void Complete(long nowMs)
    {
        foreach (var b in _held.Values.ToList())
        {
            Release(b, Math.Max(nowMs, b.DetectedAtMs), waited: true, b.Source);
        }

        _held.Clear();
    }

    private bool AllReportedAfter(CargoContext c) =>
        c.Sides.All(s => s.DraughtBeforeMeters <= 0 || (_findVessel(s.Mmsi)?.Identity?.DraughtReportedMs ?? 0) >= c.EndMs);

    private void Release(Behaviour b, long nowMs, bool waited, AlertSource? source)
    {
        var evidence = (JsonObject)b.Evidence.DeepClone();
        evidence["cargo"] = Estimate(b, b.Cargo!, waited);
        _next(b with { Evidence = evidence, DetectedAtMs = nowMs, Source = source });
    }

    private JsonObject Estimate(Behaviour b, CargoContext c, bool waited)
    {
        var sides = c.Sides.Select(s => Measure(s, c.EndMs)).ToList();
        var transfer = c.PortCountry is null;
        var subject = sides.FirstOrDefault(s => s.Side.Mmsi == b.Mmsi) ?? sides[0];
        var json = new JsonObject
        {
            ["direction"] = null,
            ["commodity"] = "unknown",
            ["draughtBeforeM"] = Metres(subject.Side.DraughtBeforeMeters),
            ["draughtAfterM"] = Metres(subject.AfterMeters),
            ["tonnes"] = null,
            ["barrels"] = null,
            ["low"] = null,
            ["high"] = null,
            ["from"] = null,
            ["to"] = null,
            ["method"] = Method(sides, waited),
        };

        json["commodity"] = sides.Any(s => s.Vessel?.Identity?.IsTanker ?? false) ? "oil" : sides.Any(s => s.Vessel?.CarriesDprkCoal ?? false) ? "coal" : "unknown";
        var moved = sides.Where(s => s.Known && Math.Abs(s.ChangeMeters) >= _o.MinDraughtChangeMeters).ToList();
        if (sides.All(s => !s.Known))
        {
            json["reason"] = sides.Any(s => s.Side.DraughtBeforeMeters > 0) ? "noDraughtAfter" : "noDraughtBefore";
            return json;
        }

        if (moved.Count == 0)
        {
            json["reason"] = "draughtChangeBelowThreshold";
            return json;
        }

        var commodity = transfer ? TransferCommodity(moved) : PortCallCommodity(c, moved[0]);
        json["commodity"] = commodity;
        if (transfer)
        {
            var giver = moved.FirstOrDefault(s => s.ChangeMeters < 0)?.Side.Mmsi ?? c.Sides.First(s => s.Mmsi != moved[0].Side.Mmsi).Mmsi;
            var receiver = c.Sides.First(s => s.Mmsi != giver).Mmsi;
            json["direction"] = "transferred";
            json["from"] = giver;
            json["to"] = receiver;
            json["sides"] = new JsonArray([.. sides.Select(s => (JsonNode)Side(s))]);
        }
        else
        {
            json["direction"] = moved[0].ChangeMeters > 0 ? "loaded" : "unloaded";
        }

        var ranges = moved.Where(s => s.Tonnes is not null).Select(s => s.Tonnes!.Value).ToList();
        if (ranges.Count == 0)
        {
            json["reason"] = "noDimensions";
            return json;
        }

        var range = ranges.Count == 1 ? ranges[0] : Hull.Combine(ranges[0], ranges[1]);
        json["tonnes"] = Math.Round(range.Estimate);
        json["low"] = Math.Round(range.Low);
        json["high"] = Math.Round(range.High);
        if (!double.IsNaN(range.TonnesPerCm))
        {
            json["tonnesPerCm"] = Math.Round(range.TonnesPerCm, 2);
        }

        if (commodity == "oil")
        {
            json["barrels"] = Math.Round(range.Estimate * _o.BarrelsPerTonne);
            json["barrelsLow"] = Math.Round(range.Low * _o.BarrelsPerTonne);
            json["barrelsHigh"] = Math.Round(range.High * _o.BarrelsPerTonne);
            json["oilProduct"] = _o.OilProduct;
        }

        return json;
    }

    private static string Method(List<Measured> sides, bool waited) =>
        sides.Any(s => s.Known && s.ReportedAfter) ? "draughtReportedAfter" : waited ? "noStaticReportAfter" : "draughtKnownAtEnd";

    private Measured Measure(CargoSide side, long endMs)
    {
        var v = _findVessel(side.Mmsi);
        var id = v?.Identity;
        var after = id?.Draught ?? 0;
        var known = side.DraughtBeforeMeters > 0 && after > 0;
        var change = known ? after - side.DraughtBeforeMeters : 0;
        TonnesRange? tonnes = known && id!.LengthMeters > 0 && id.BeamMeters > 0
            ? Hull.Tonnes(change, id.ShipType, id.LengthMeters, id.BeamMeters, _o)
            : null;
        return new Measured(side, v, after, known, change, tonnes, (id?.DraughtReportedMs ?? 0) >= endMs);
    }

    /// <summary>Tankers carry oil; a cargo ship loading at a DPRK port carries coal until it unloads.</summary>
    private string PortCallCommodity(CargoContext c, Measured m)
    {
        var id = m.Vessel?.Identity;
        if (id?.IsTanker ?? false)
        {
            return "oil";
        }

        if (m.Vessel is not { } v || !(id?.IsCargoShip ?? false))
        {
            return "unknown";
        }

        var loadedAtDprk = m.ChangeMeters > 0 && _dprkCountries.Contains(c.PortCountry, StringComparer.OrdinalIgnoreCase);
        var coal = loadedAtDprk || v.CarriesDprkCoal;
        v.CarriesDprkCoal = loadedAtDprk || (v.CarriesDprkCoal && m.ChangeMeters > 0);
        return coal ? "coal" : "unknown";
    }

    private static string TransferCommodity(List<Measured> moved)
    {
        if (moved.Any(m => m.Vessel?.Identity?.IsTanker ?? false))
        {
            return "oil";
        }

        var coal = moved.Any(m => m.Vessel?.CarriesDprkCoal ?? false);
        if (coal)
        {
            foreach (var m in moved)
            {
                m.Vessel!.CarriesDprkCoal = m.ChangeMeters > 0 && (m.Vessel.Identity?.IsCargoShip ?? false);
            }
        }

        return coal ? "coal" : "unknown";
    }

    private static JsonObject Side(Measured s) => new()
    {
        ["mmsi"] = s.Side.Mmsi,
        ["draughtBeforeM"] = Metres(s.Side.DraughtBeforeMeters),
        ["draughtAfterM"] = Metres(s.AfterMeters),
        ["tonnes"] = s.Tonnes is { } t ? Math.Round(t.Estimate) : null,
    };

    private static double? Metres(float m) => m > 0 ? Math.Round(m, 1) : null;

    private sealed record Measured(CargoSide Side, Vessel? Vessel, float AfterMeters, bool Known, double ChangeMeters, TonnesRange? Tonnes, bool ReportedAfter);
}
