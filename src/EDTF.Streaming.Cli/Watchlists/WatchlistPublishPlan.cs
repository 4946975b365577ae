using System.Text.Json.Nodes;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Cli.Watchlists;

/// <summary>What <c>edtf watchlist publish</c> writes: the entries new or changed against the topic's current state, and a tombstone for each entry no longer listed.</summary>
/// <param name="Writes">Key (entry id) and value (entry JSON; null = tombstone), in list order, tombstones last (by id).</param>
/// <param name="Added">Entry ids not on the topic before.</param>
/// <param name="Changed">Entry ids whose value differs from the topic's.</param>
/// <param name="Removed">Entry ids on the topic that the list no longer holds (tombstoned).</param>
/// <param name="Unchanged">Entries already on the topic as they are.</param>
internal sealed record WatchlistPublishPlan(IReadOnlyList<(string Key, string? Value)> Writes, IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed, int Unchanged)
{
    /// <summary>Compares the list to publish with the topic's current values by key (an <c>effective</c> field does not count as a change).</summary>
    public static WatchlistPublishPlan Of(IReadOnlyList<(string Key, string Value)> desired, IReadOnlyDictionary<string, string> current)
    {
        var writes = new List<(string, string?)>();
        List<string> added = [], changed = [];
        var unchanged = 0;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in desired)
        {
            if (!listed.Add(key))
            {
                continue; // one value per key: the first listing wins
            }

            if (!current.TryGetValue(key, out var now))
            {
                added.Add(key);
                writes.Add((key, value));
            }
            else if (WithoutEffective(now) != WithoutEffective(value))
            {
                changed.Add(key);
                writes.Add((key, value));
            }
            else
            {
                unchanged++;
            }
        }

        var removed = current.Keys.Where(k => !listed.Contains(k)).Order(StringComparer.Ordinal).ToList();
        writes.AddRange(removed.Select(k => (k, (string?)null)));
        return new WatchlistPublishPlan(writes, added, changed, removed, unchanged);
    }

    /// <summary>The entry JSON without its <c>effective</c> field, normalised; the raw text when it is not an object.</summary>
    private static string WithoutEffective(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is JsonObject o)
            {
                o.Remove("effective");
                return o.ToJsonString();
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return json;
    }
}

/// <summary>Reads the normalised list (<c>edtf watchlist import</c>'s output, or the project's CSV) as topic values.</summary>
internal static class NormalisedList
{
    /// <summary>Each entry as (entry id, entry JSON) in file order; <paramref name="effective"/> is written into each value when given.</summary>
    /// <exception cref="FormatException">Not a watch list.</exception>
    public static List<(string Key, string Value)> Read(string path, DateTimeOffset? effective)
    {
        var lines = File.ReadAllLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var header = lines.Count > 0 ? Csv.Split(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToList() : [];
        if (!header.Contains("imo") || !header.Contains("mmsi"))
        {
            throw new FormatException($"{path}: not a normalised watch list (header imo,mmsi,name,program,source,...; run 'edtf watchlist import' first).");
        }

        var entries = Watchlist.Load(path).Entries;
        int flagCol = header.IndexOf("flag"), dateCol = header.IndexOf("designation_date");
        var values = new List<(string, string)>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var fields = Csv.Split(lines[i + 1]);
            string Field(int c) => c >= 0 && c < fields.Count ? fields[c].Trim() : "";
            values.Add((entries[i].Id, WatchlistJson.Write(entries[i], Field(flagCol), Field(dateCol), effective)));
        }

        return values;
    }
}
