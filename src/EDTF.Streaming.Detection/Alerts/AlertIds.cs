using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EDTF.Streaming.Detection.Alerts;

/// <summary>Deterministic alert ids: a short hash of type, vessel(s) and event-time start; never wall clock or counters.</summary>
internal static class AlertIds
{
    public static string For(string type, int mmsi, long startMs) => Hash(type, $"{type}|{mmsi.ToString(CultureInfo.InvariantCulture)}|{startMs.ToString(CultureInfo.InvariantCulture)}");

    public static string ForPair(string type, int mmsiA, int mmsiB, long startMs)
    {
        var (lo, hi) = mmsiA < mmsiB ? (mmsiA, mmsiB) : (mmsiB, mmsiA);
        return Hash(type, $"{type}|{lo.ToString(CultureInfo.InvariantCulture)}|{hi.ToString(CultureInfo.InvariantCulture)}|{startMs.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string Hash(string type, string key)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), digest);
        var prefix = type switch
        {
            AlertTypes.DarkPeriod => "dark",
            AlertTypes.ShipToShipTransfer => "sts",
            AlertTypes.PortCall => "port",
            _ => type.ToLowerInvariant(),
        };
        return prefix + "-" + Convert.ToHexStringLower(digest[..8]);
    }
}
