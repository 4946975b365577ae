using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Kafka;

/// <summary>
/// The CloudEvents <c>ce_id</c> of an alert update: <c>alertId/status/hash</c>, where the hash covers what an operator acts on
/// (status, start, end, confidence, vessel, counterpart). Deterministic: the same update produced again keeps its id, two
/// different updates of one alert (two <c>open</c> updates with different confidence) differ.
/// </summary>
internal static class AlertEventIds
{
    private const int HashBytes = 6;

    /// <summary>The id of <paramref name="alert"/>.</summary>
    public static string Of(AlertUpdate alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var content = string.Join(
            '|',
            alert.Status,
            alert.Start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            alert.End?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "",
            alert.Confidence,
            alert.Vessel.Mmsi.ToString(CultureInfo.InvariantCulture),
            alert.Counterpart?.Mmsi.ToString(CultureInfo.InvariantCulture) ?? "");
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(content), digest);
        return $"{alert.AlertId}/{alert.Status}/{Convert.ToHexStringLower(digest[..HashBytes])}";
    }

    /// <summary>
    /// The id of a record read back from the alerts topic: its <c>ce_id</c> header when it has this form, else (a record
    /// written before the id covered the content, <c>alertId/status</c>) the id computed from its body; null when neither works.
    /// </summary>
    public static string? OfRecord(string? ceId, ReadOnlySpan<byte> body)
    {
        if (ceId is not null && ceId.Count(c => c == '/') == 2)
        {
            return ceId;
        }

        try
        {
            var alert = AlertJson.Deserialize(body);
            return alert.Vessel is null ? null : Of(alert);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or ArgumentException or InvalidOperationException
            or NotSupportedException or OverflowException)
        {
            return null; // a record the service cannot read back never stops it from starting
        }
    }
}
