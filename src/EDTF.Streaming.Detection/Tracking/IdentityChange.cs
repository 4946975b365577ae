namespace EDTF.Streaming.Detection.Tracking;

/// <summary>An identity as a vessel reported it (MMSI, IMO, name, call sign), kept to say what it was before a change.</summary>
internal sealed record IdentitySnapshot(int Mmsi, int? Imo, string? Name, string? Callsign, long TimeMs);

/// <summary>A vessel's identity changed on a static report: the identity before, and the fields that changed (<c>mmsi</c>, <c>imo</c>, <c>name</c>, <c>callsign</c>).</summary>
internal sealed record IdentityChange(IdentitySnapshot Previous, IReadOnlyList<string> Changed, double PreviousLatitude, double PreviousLongitude);
