namespace EDTF.Streaming.Detection.Tracking;

/// <summary>The MMSI each IMO of a vessel of interest was last reported under (event time), to recognise the same IMO under a new MMSI.</summary>
/// <remarks>Bounded: beyond <see cref="MaxEntries"/> the oldest quarter is forgotten; a sighting older than <see cref="RetentionMs"/> is not believed.</remarks>
internal sealed class ImoIndex
{
    public const int MaxEntries = 100_000;
    public const long RetentionMs = 365L * 86_400_000;

    private readonly Dictionary<int, IdentitySnapshot> _byImo = [];

    public int Count => _byImo.Count;

    /// <summary>The last sighting of <paramref name="imo"/> under another MMSI than <paramref name="mmsi"/>, within the retention; null otherwise.</summary>
    public IdentitySnapshot? UnderOtherMmsi(int imo, int mmsi, long nowMs) =>
        _byImo.TryGetValue(imo, out var seen) && seen.Mmsi != mmsi && nowMs - seen.TimeMs <= RetentionMs ? seen : null;

    public void Record(int imo, IdentitySnapshot sighting)
    {
        if (_byImo.Count >= MaxEntries && !_byImo.ContainsKey(imo))
        {
            ForgetOldestQuarter();
        }

        _byImo[imo] = sighting;
    }

    private void ForgetOldestQuarter()
    {
        var times = _byImo.Values.Select(s => s.TimeMs).Order().ToArray();
        var cutoff = times[times.Length / 4];
        foreach (var (imo, s) in _byImo)
        {
            if (s.TimeMs <= cutoff)
            {
                _byImo.Remove(imo);
            }
        }
    }
}
