using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Identity;

/// <summary>Identity changes: one closed alert (start = end = the first report under the new identity) for each change the tracker recognised.</summary>
internal sealed class IdentityChangeDetector : Detector
{
    public override int TimerOrder => 6;

    public override void OnNext(TrackEvent value)
    {
        if (value.Change is not { } change)
        {
            return;
        }

        var v = value.Vessel;
        var previous = change.Previous;
        var changed = new JsonArray();
        foreach (var field in change.Changed)
        {
            changed.Add(field);
        }

        Publish(new Behaviour
        {
            AlertId = AlertIds.For(AlertTypes.IdentityChange, v.Mmsi, value.TimeMs),
            Type = AlertTypes.IdentityChange,
            Closed = true,
            Mmsi = v.Mmsi,
            StartMs = value.TimeMs,
            EndMs = value.TimeMs,
            Latitude = change.PreviousLatitude,
            Longitude = change.PreviousLongitude,
            Confidence = change.Changed.Contains("mmsi") || change.Changed.Contains("imo") ? Confidence.High : Confidence.Medium,
            Evidence = new JsonObject
            {
                ["previous"] = new JsonObject
                {
                    ["mmsi"] = previous.Mmsi,
                    ["imo"] = previous.Imo,
                    ["name"] = previous.Name,
                    ["callsign"] = previous.Callsign,
                    ["flag"] = MaritimeIdentities.Flag(previous.Mmsi),
                },
                ["changed"] = changed,
            },
            DetectedAtMs = value.TimeMs,
            Source = value.Source.Resolve(),
            QualifiesForAll = false,
        });
    }

    public override void OnTimer(long key, long dueMs, int kind)
    {
    }
}
