using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EDTF.Streaming.WebConsole.Alerts;

/// <summary>
/// What the list and <c>/api/alerts</c> keep: any of the given types, statuses, confidences and watch-list programmes
/// (empty = any), and alerts whose time span (start to end, or to the latest update while open) overlaps
/// [<see cref="From"/>, <see cref="To"/>].
/// </summary>
internal sealed record AlertFilter(
    IReadOnlySet<string> Types,
    IReadOnlySet<string> Statuses,
    IReadOnlySet<string> Confidences,
    IReadOnlySet<string> Programmes,
    DateTimeOffset? From,
    DateTimeOffset? To)
{
    public static readonly AlertFilter None = new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), null, null);

    /// <summary>Reads <c>type</c>, <c>status</c>, <c>confidence</c>, <c>programme</c> (each repeatable or comma-separated), <c>from</c> and <c>to</c> (RFC 3339).</summary>
    /// <exception cref="FormatException">A time that is not RFC 3339.</exception>
    public static AlertFilter FromQuery(IQueryCollection query) => new(
        Values(query, "type"),
        Values(query, "status"),
        Values(query, "confidence"),
        Values(query, "programme"),
        Time(query, "from"),
        Time(query, "to"));

    public bool Keeps(AlertView alert) =>
        (Types.Count == 0 || Types.Contains(alert.Type))
        && (Statuses.Count == 0 || Statuses.Contains(alert.Status))
        && (Confidences.Count == 0 || Confidences.Contains(alert.Confidence))
        && (Programmes.Count == 0 || alert.Programmes.Any(Programmes.Contains))
        && (From is null || alert.Until >= From)
        && (To is null || alert.Start <= To);

    private static HashSet<string> Values(IQueryCollection query, string key) =>
        new(
            query[key].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            StringComparer.OrdinalIgnoreCase);

    private static DateTimeOffset? Time(IQueryCollection query, string key) =>
        query[key].FirstOrDefault() is { Length: > 0 } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
                ? t
                : throw new FormatException($"'{key}' must be a time like 2026-03-01T04:00:00Z, got '{text}'")
            : null;
}
