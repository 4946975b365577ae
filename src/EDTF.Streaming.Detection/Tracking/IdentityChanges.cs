using EDTF.Streaming.Detection.Pipeline;

namespace EDTF.Streaming.Detection.Tracking;

/// <summary>Decides whether a static report changes a vessel's identity: the same IMO under a new MMSI, or the same MMSI with a new IMO, name or call sign.</summary>
/// <remarks>Voyage data (destination, draught, ship type) is not identity. A field sent for the first time is not a change, nor a return within a day to the identity before the last change.</remarks>
internal static class IdentityChanges
{
    /// <summary>Going back to the identity before the last change within this time is not alerted again (one MMSI, two devices).</summary>
    public const long FlipBackMs = 86_400_000;

    public static IdentityChange? Find(Vessel v, StaticData s, long timeMs, ImoIndex index, Func<int, Vessel?> findVessel)
    {
        var id = v.Identity;
        if (s.Imo is { } imo && id?.Imo != imo && index.UnderOtherMmsi(imo, v.Mmsi, timeMs) is { } seen)
        {
            var changed = new List<string> { "mmsi" };
            AddIfChanged(changed, "name", seen.Name, s.Name);
            AddIfChanged(changed, "callsign", seen.Callsign, s.Callsign);
            var before = findVessel(seen.Mmsi);
            var (lat, lon) = v.PositionTimeMs == 0 && before is { PositionTimeMs: > 0 } ? (before.Latitude, before.Longitude) : (v.Latitude, v.Longitude);
            return new IdentityChange(seen, changed, lat, lon);
        }

        if (id is null)
        {
            return null;
        }

        List<string>? fields = null;
        if (s.Imo is { } newImo && id.Imo is { } oldImo && newImo != oldImo)
        {
            (fields ??= []).Add("imo");
        }

        if (Differs(id.Name, s.Name))
        {
            (fields ??= []).Add("name");
        }

        if (Differs(id.Callsign, s.Callsign))
        {
            (fields ??= []).Add("callsign");
        }

        if (fields is null)
        {
            return null;
        }

        if (IsFlipBack(id, s, timeMs))
        {
            id.LastChangedFrom = new IdentitySnapshot(v.Mmsi, id.Imo, id.Name, id.Callsign, id.LastChangedFrom!.TimeMs); // the next flip goes back to this one
            return null;
        }

        var change = new IdentityChange(new IdentitySnapshot(v.Mmsi, id.Imo, id.Name, id.Callsign, timeMs), fields, v.Latitude, v.Longitude);
        id.LastChangedFrom = change.Previous;
        return change;
    }

    /// <summary>True when the report goes back to the identity the vessel had before its last change, within <see cref="FlipBackMs"/>: two transmitters or two devices sharing one MMSI, already alerted once.</summary>
    private static bool IsFlipBack(VesselIdentity id, StaticData s, long timeMs) =>
        id.LastChangedFrom is { } before && timeMs - before.TimeMs <= FlipBackMs &&
        (s.Imo is null || s.Imo == before.Imo) && !Differs(before.Name, s.Name) && !Differs(before.Callsign, s.Callsign);

    private static void AddIfChanged(List<string> changed, string field, string? before, string? now)
    {
        if (Differs(before, now))
        {
            changed.Add(field);
        }
    }

    /// <summary>True when both are known and differ beyond case and surrounding spaces.</summary>
    private static bool Differs(string? before, string? now) =>
        !string.IsNullOrWhiteSpace(before) && !string.IsNullOrWhiteSpace(now) &&
        !string.Equals(before.Trim(), now.Trim(), StringComparison.OrdinalIgnoreCase);
}
