namespace EDTF.Streaming.Detection.Tracking;

/// <summary>The tracker's side of a watch-list change: the watch-list reasons of interest of the vessels it names, recomputed.</summary>
internal sealed partial class VesselTracker
{
    /// <summary>Raised when a vessel stops being of interest because a watch-list change delisted it (no other reason holds it).</summary>
    public event Action<Vessel, long>? NoLongerOfInterest;

    /// <summary>Applies <paramref name="change"/> to the watch list and re-judges the vessels it names (by MMSI, or by the IMO of their current identity), at event time <paramref name="nowMs"/>.</summary>
    public void ApplyWatchlistChange(WatchlistChange change, long nowMs)
    {
        var removed = _watchlist.Apply(change);
        var mmsis = new HashSet<int>();
        var imos = new HashSet<int>();
        foreach (var e in change.Entry is { } added ? removed.Append(added) : removed)
        {
            if (e.Mmsi is { } m)
            {
                mmsis.Add(m);
            }

            if (e.Imo is { } i)
            {
                imos.Add(i);
            }
        }

        var named = _vessels.Values
            .Where(v => mmsis.Contains(v.Mmsi) || (v.Identity?.Imo is { } imo && imos.Contains(imo)))
            .OrderBy(v => v.Mmsi)
            .ToList();
        foreach (var v in named)
        {
            Rejudge(v, nowMs);
        }
    }

    private void Rejudge(Vessel v, long nowMs)
    {
        var wasOfInterest = v.IsOfInterest(nowMs);
        var was = v.Interest;
        var listed = InterestReasons.None;
        if (_watchlist.ContainsMmsi(v.Mmsi))
        {
            listed |= InterestReasons.Mmsi;
        }

        if (v.Identity?.Imo is { } imo && _watchlist.ContainsImo(imo))
        {
            listed |= InterestReasons.Imo;
        }

        v.Interest = (v.Interest & ~(InterestReasons.Mmsi | InterestReasons.Imo)) | listed;
        if (was == InterestReasons.None && v.Interest != InterestReasons.None)
        {
            OfInterestCount++;
        }
        else if (was != InterestReasons.None && v.Interest == InterestReasons.None)
        {
            OfInterestCount--;
        }

        var isOfInterest = v.IsOfInterest(nowMs);
        if (!wasOfInterest && isOfInterest)
        {
            BecameOfInterest?.Invoke(v, nowMs, null);
        }
        else if (wasOfInterest && !isOfInterest)
        {
            NoLongerOfInterest?.Invoke(v, nowMs);
        }
    }
}
