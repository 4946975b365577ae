using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Dark;
using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Transfer;

/// <summary>
/// One side dark: a tanker (AIS 80-89) loitering offshore (slower than the transfer speed, beyond the port exclusion distance, reports
/// less than the interpolation gap apart) for <see cref="TransferOptions.OneSideDarkMinHours"/> or more while no partner is heard with
/// it (no vessel "together" by the visible rule). Opens then (low confidence, no counterpart); closes when the loitering ends or a
/// partner is heard (the visible transfer takes over). State lives on the vessel: a few field writes per slow report.
/// </summary>
internal sealed class OneSideDarkTransfers(TransferOptions options, Action<Behaviour> publish)
{
    private const double MsPerHour = 3_600_000;

    private readonly long _minMs = (long)(options.OneSideDarkMinHours * MsPerHour);
    private readonly long _maxSilenceMs = (long)(options.MaxInterpolationGapMinutes * 60_000);

    /// <summary>A slow report of a vessel eligible for transfers: continues, restarts or (near a port) ends its loitering run.</summary>
    public void Track(Vessel x, in TrackEvent ev, ProximityFlags flags)
    {
        if ((flags & ProximityFlags.NearPort) != 0)
        {
            Break(x, ev);
            return;
        }

        // Every position report either continues the run or ends it, so while a run lasts the previous report was part of it.
        if (x.Loiter != LoiterState.None && ev.TimeMs - x.PreviousTimeMs >= _maxSilenceMs)
        {
            Break(x, ev);
        }

        if (x.Loiter == LoiterState.None)
        {
            x.Loiter = LoiterState.Alone;
            x.LoiterStartMs = ev.TimeMs;
            x.LoiterStartLatitude = (float)ev.Latitude;
            x.LoiterStartLongitude = (float)ev.Longitude;
            x.LoiterSpeedSumKnots = 0;
            x.LoiterReports = 0;
        }

        x.LoiterSpeedSumKnots += float.IsNaN(ev.SpeedKnots) ? 0 : ev.SpeedKnots;
        x.LoiterReports++;
    }

    /// <summary>After the partners of this report were looked for: opens the alert once a lone tanker has loitered long enough.</summary>
    public void MaybeOpen(Vessel x, in TrackEvent ev)
    {
        if (x.Loiter == LoiterState.Alone && ev.TimeMs - x.LoiterStartMs >= _minMs && (x.Identity?.IsTanker ?? false))
        {
            x.Loiter = LoiterState.Alerted;
            publish(Build(x, closed: false, partnerHeard: false, ev.TimeMs, ev.Source.Resolve()));
        }
    }

    /// <summary>A partner was heard together with the vessel: its loitering is no longer one side dark.</summary>
    public void PartnerHeard(Vessel v, long timeMs, SourceRef source)
    {
        if (v.Loiter == LoiterState.Alerted)
        {
            publish(Build(v, closed: true, partnerHeard: true, timeMs, source.Resolve()));
        }

        if (v.Loiter != LoiterState.None)
        {
            v.Loiter = LoiterState.PartnerHeard;
        }
    }

    /// <summary>The loitering run ended (under way, near a port, or a silence): an open alert closes at the last loitering report (the previous one).</summary>
    public void Break(Vessel x, in TrackEvent ev)
    {
        if (x.Loiter == LoiterState.Alerted)
        {
            publish(Build(x, closed: true, partnerHeard: false, ev.TimeMs, ev.Source.Resolve()));
        }

        x.Loiter = LoiterState.None;
    }

    private Behaviour Build(Vessel v, bool closed, bool partnerHeard, long nowMs, AlertSource? source)
    {
        var endMs = partnerHeard ? nowMs : v.PreviousTimeMs;
        var evidence = new JsonObject
        {
            ["pattern"] = AlertPatterns.OneSideDark,
            ["loiterHours"] = DarkPeriodDetector.Round(((closed ? endMs : nowMs) - v.LoiterStartMs) / MsPerHour),
            ["meanSpeedKn"] = DarkPeriodDetector.Round(v.LoiterReports > 0 ? v.LoiterSpeedSumKnots / v.LoiterReports : 0),
            ["driftNm"] = DarkPeriodDetector.Round(Geo.DistanceNm(v.LoiterStartLatitude, v.LoiterStartLongitude, v.Latitude, v.Longitude)),
            ["reports"] = v.LoiterReports,
            ["tanker"] = true,
            ["partnerHeard"] = partnerHeard,
            ["inHighRiskArea"] = (v.Proximity & ProximityFlags.HighRisk) != 0,
            ["minLoiterHours"] = DarkPeriodDetector.Round(options.OneSideDarkMinHours),
            ["maxSpeedKn"] = DarkPeriodDetector.Round(options.MaxSpeedKnots),
        };
        return new Behaviour
        {
            AlertId = AlertIds.For(AlertTypes.ShipToShipTransferOneSideDark, v.Mmsi, v.LoiterStartMs, AlertPatterns.OneSideDark),
            Type = AlertTypes.ShipToShipTransferOneSideDark,
            Closed = closed,
            Mmsi = v.Mmsi,
            StartMs = v.LoiterStartMs,
            EndMs = closed ? endMs : null,
            Latitude = v.LoiterStartLatitude,
            Longitude = v.LoiterStartLongitude,
            Confidence = Confidence.Low,
            Evidence = evidence,
            DetectedAtMs = nowMs,
            Source = source,
            Pattern = AlertPatterns.OneSideDark,
            QualifiesForAll = false,
        };
    }
}
