namespace EDTF.Streaming.Detection.Cargo;

/// <summary>What a closed port call or transfer needs for its cargo estimate: when it ended, where, and each vessel's draught before it.</summary>
/// <param name="EndMs">Event time the behaviour ended: the draught reported at or after it is the draught after.</param>
/// <param name="PortCountry">The port's country for a port call; null for a transfer.</param>
/// <param name="Sides">One vessel for a port call, the two of a pair for a transfer.</param>
internal sealed record CargoContext(long EndMs, string? PortCountry, IReadOnlyList<CargoSide> Sides);

/// <summary>A vessel of a cargo estimate and its draught before the behaviour (0 = not known).</summary>
internal sealed record CargoSide(int Mmsi, float DraughtBeforeMeters);
