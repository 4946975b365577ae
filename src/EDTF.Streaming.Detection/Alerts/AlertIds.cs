using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EDTF.Streaming.Detection.Alerts;

/// <summary>Deterministic alert ids: a short hash of type, vessel(s) and event-time start; never wall clock or counters.</summary>
internal static class AlertIds
{
    /// <summary>Id of a one-vessel alert; a <paramref name="pattern"/> (e.g. <c>possibleDarkPortCall</c>) keeps it apart from the visible case of the same type.</summary>
    public static string For(string type, int mmsi, long startMs, string? pattern = null) =>
        Hash(type, $"{Kind(type, pattern)}|{mmsi.ToString(CultureInfo.InvariantCulture)}|{startMs.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Id of a pair alert (order of the two MMSIs does not matter); <paramref name="pattern"/> as in <see cref="For"/>.</summary>
    public static string ForPair(string type, int mmsiA, int mmsiB, long startMs, string? pattern = null)
    {
        var (lo, hi) = mmsiA < mmsiB ? (mmsiA, mmsiB) : (mmsiB, mmsiA);
        return Hash(type, $"{Kind(type, pattern)}|{lo.ToString(CultureInfo.InvariantCulture)}|{hi.ToString(CultureInfo.InvariantCulture)}|{startMs.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string Kind(string type, string? pattern) => pattern is null ? type : type + "/" + pattern;

    private static string Hash(string type, string key)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), digest);
        var prefix = type switch
        {
            AlertTypes.DarkPeriod => "dark",
            AlertTypes.ShipToShipTransfer => "sts",
            AlertTypes.PortCall => "port",
            AlertTypes.ShipToShipTransferOneSideDark => "sts-oneside",
            _ => type.ToLowerInvariant(),
        };
        return prefix + "-" + Convert.ToHexStringLower(digest[..8]);
    }
}
