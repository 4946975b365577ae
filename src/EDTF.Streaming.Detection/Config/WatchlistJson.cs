using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EDTF.Streaming.Detection;

/// <summary>The JSON of a watch-list entry (the value of an <c>edtf.watchlist</c> record) and of a line of a changes file (docs/watchlists.md).</summary>
public static class WatchlistJson
{
    /// <summary>An entry as the normalised JSON object written to the topic (the import's columns, camel case; <c>effective</c> added when given).</summary>
    public static string Write(WatchlistEntry entry, string flag = "", string designationDate = "", DateTimeOffset? effective = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var o = new JsonObject
        {
            ["entryId"] = entry.Id,
            ["imo"] = entry.Imo,
            ["mmsi"] = entry.Mmsi,
            ["name"] = entry.Name,
            ["aliases"] = new JsonArray([.. entry.Aliases.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["program"] = entry.Program,
            ["source"] = entry.Source,
            ["flag"] = flag,
            ["designationDate"] = designationDate,
        };
        if (effective is { } e)
        {
            o["effective"] = e.ToString("O", CultureInfo.InvariantCulture);
        }

        return o.ToJsonString();
    }

    /// <summary>Reads an entry object; <paramref name="defaultId"/> (the record key) names it when it carries no <c>entryId</c>.</summary>
    /// <exception cref="FormatException">Not an entry: no IMO and no MMSI, or a field of the wrong kind.</exception>
    public static WatchlistEntry ReadEntry(JsonObject o, string? defaultId = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        try
        {
            var imo = o["imo"]?.GetValue<int?>();
            var mmsi = o["mmsi"]?.GetValue<int?>();
            if (imo is null && mmsi is null)
            {
                throw new FormatException("a watch-list entry needs an imo or an mmsi.");
            }

            var aliases = o["aliases"] is JsonArray a ? a.Select(x => x?.GetValue<string>() ?? "").Where(x => x.Length > 0).ToArray() : [];
            return new WatchlistEntry(imo, mmsi, Text(o, "name"), Text(o, "program") is { Length: > 0 } p ? p : "watchlist", Text(o, "source"))
            {
                Aliases = aliases,
                EntryId = Text(o, "entryId") is { Length: > 0 } id ? id : defaultId ?? "",
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException)
        {
            throw new FormatException("a watch-list entry field has the wrong type: " + ex.Message, ex);
        }
    }

    /// <summary>The explicit <c>effective</c> time of an entry object (Unix ms), or null.</summary>
    /// <exception cref="FormatException">Present but not an ISO-8601 time.</exception>
    public static long? ReadEffective(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o["effective"] is JsonValue v ? ParseTime(v.ToString()) : null;
    }

    /// <summary>Reads one line of a changes file: <c>{"time", "op": "add"|"remove", "entry"}</c>, or the topic's shape <c>{"time", "key", "value": entry|null}</c>.</summary>
    /// <exception cref="FormatException">The line is not one of the two shapes.</exception>
    public static WatchlistChange ReadChange(string line)
    {
        JsonObject o;
        try
        {
            o = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("a change is a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FormatException("not JSON: " + ex.Message, ex);
        }

        var time = o["time"] is JsonValue t ? ParseTime(t.ToString()) : throw new FormatException("a change needs \"time\" (ISO-8601).");
        if (o.ContainsKey("key"))
        {
            var key = Text(o, "key");
            return o["value"] is JsonObject value
                ? new WatchlistChange(key, ReadEntry(value, key), ReadEffective(value) ?? time)
                : new WatchlistChange(key, null, time);
        }

        var entry = o["entry"] as JsonObject ?? throw new FormatException("a change needs \"entry\" (or \"key\" and \"value\").");
        return Text(o, "op") switch
        {
            "add" => Listing(ReadEntry(entry), time),
            "remove" => new WatchlistChange(IdOf(entry), null, time),
            var op => throw new FormatException($"\"op\" is \"add\" or \"remove\", not \"{op}\"."),
        };
    }

    private static WatchlistChange Listing(WatchlistEntry entry, long timeMs) => new(entry.Id, entry, timeMs);

    private static string IdOf(JsonObject entry) =>
        Text(entry, "entryId") is { Length: > 0 } id ? id : ReadEntry(entry).Id;

    private static long ParseTime(string s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUnixTimeMilliseconds()
            : throw new FormatException($"'{s}' is not an ISO-8601 time.");

    private static string Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : "";
}
