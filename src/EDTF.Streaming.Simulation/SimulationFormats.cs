namespace EDTF.Streaming.Simulation;

/// <summary>Which traffic files a simulation writes (truth.json is always written).</summary>
[Flags]
internal enum SimulationFormats
{
    Nmea = 1,
    Csv = 2,
    Both = Nmea | Csv,
}
