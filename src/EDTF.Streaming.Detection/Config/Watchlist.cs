using System.Globalization;
using System.Text.RegularExpressions;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection;

/// <summary>One watch-list entry: a vessel by IMO and/or MMSI, with the list (program) it comes from.</summary>
public sealed record WatchlistEntry(int? Imo, int? Mmsi, string Name, string Program, string Source)
{
    /// <summary>Other names the entry is known by (OFAC alt.csv, UN aliases); they count for the name hint, never as a match.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The list entry id (<c>OFAC-SDN:36004</c>, <c>UN:KPe.072</c>); empty for a hand-made entry, whose <see cref="Id"/> is made from its numbers.</summary>
    public string EntryId { get; init; } = "";

    /// <summary>The entry's key: <see cref="EntryId"/>, or <c>watchlist:imo-N</c> / <c>watchlist:mmsi-N</c> when it has none (as <c>edtf watchlist import</c> names them).</summary>
    public string Id => EntryId.Length > 0 ? EntryId
        : Imo is { } imo ? "watchlist:imo-" + imo.ToString(CultureInfo.InvariantCulture)
        : "watchlist:mmsi-" + Mmsi.GetValueOrDefault().ToString(CultureInfo.InvariantCulture);

    /// <summary>Equal when every field is, aliases by sequence and the entry by its <see cref="Id"/> (a hand-made entry equals its imported form).</summary>
    public bool Equals(WatchlistEntry? other) =>
        other is not null && Imo == other.Imo && Mmsi == other.Mmsi && Name == other.Name && Program == other.Program && Source == other.Source &&
        Id == other.Id && Aliases.SequenceEqual(other.Aliases);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Imo, Mmsi, Name, Program, Source, Id);

    /// <summary>False when the IMO number's check digit fails (a red flag in itself).</summary>
    public bool ImoCheckDigitValid => Imo is not { } imo || MaritimeIdentities.IsValidImo(imo);

    /// <summary>How the entry is shown in an alert.</summary>
    public string Describe() =>
        Imo is { } imo ? $"{Name} (IMO {imo.ToString(CultureInfo.InvariantCulture)})"
        : Mmsi is { } mmsi ? $"{Name} (MMSI {mmsi.ToString(CultureInfo.InvariantCulture)})"
        : Name;
}

/// <summary>The watch list: entries looked up by IMO and by MMSI, changed by <see cref="Apply"/>; loads the contract CSV (with the import's extra columns) or OFAC's sdn.csv.</summary>
/// <remarks>Not thread-safe: the pipeline that owns a copy changes and reads it on its one thread.</remarks>
public sealed partial class Watchlist
{
    private readonly Dictionary<int, List<WatchlistEntry>> _byImo = [];
    private readonly Dictionary<int, List<WatchlistEntry>> _byMmsi = [];
    private readonly Dictionary<string, List<WatchlistEntry>> _byId = new(StringComparer.Ordinal);
    private readonly List<WatchlistEntry> _entries = [];

    /// <summary>Builds a watch list from entries (a hand-made list may hold two entries with one <see cref="WatchlistEntry.Id"/>: a change to that id replaces both).</summary>
    public Watchlist(IEnumerable<WatchlistEntry> entries)
    {
        foreach (var e in entries)
        {
            Put(e);
        }
    }

    /// <summary>An empty list (MID 445 still makes vessels of interest). Shared: copy it (<see cref="Copy"/>) before changing it.</summary>
    public static Watchlist Empty => new([]);

    /// <summary>Every entry, in the order they were listed.</summary>
    public IReadOnlyList<WatchlistEntry> Entries => _entries;

    /// <summary>Changes applied so far by <see cref="Apply"/>.</summary>
    public long ChangesApplied { get; private set; }

    /// <summary>Effective event time (Unix ms) of the last change applied, or null when none was.</summary>
    public long? LastChangeMs { get; private set; }

    /// <summary>An independent copy with the same entries.</summary>
    public Watchlist Copy() => new(_entries);

    /// <summary>Applies a change: adds or replaces the entries with the change's id, or removes them; returns the entries it replaced or removed.</summary>
    public IReadOnlyList<WatchlistEntry> Apply(WatchlistChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var before = Remove(change.EntryId);
        if (change.Entry is { } entry)
        {
            Put(entry.Id == change.EntryId ? entry : entry with { EntryId = change.EntryId });
        }

        ChangesApplied++;
        LastChangeMs = change.EffectiveMs;
        return before;
    }

    /// <summary>The entry with this id, or null.</summary>
    public WatchlistEntry? ById(string entryId) => _byId.TryGetValue(entryId, out var l) ? l[0] : null;

    private void Put(WatchlistEntry e)
    {
        if (!_byId.TryGetValue(e.Id, out var same))
        {
            _byId[e.Id] = same = [];
        }

        same.Add(e);
        _entries.Add(e);
        if (e.Imo is { } imo)
        {
            Index(_byImo, imo, e);
        }

        if (e.Mmsi is { } mmsi)
        {
            Index(_byMmsi, mmsi, e);
        }
    }

    private List<WatchlistEntry> Remove(string id)
    {
        if (!_byId.Remove(id, out var gone))
        {
            return [];
        }

        foreach (var old in gone)
        {
            _entries.Remove(old);
            if (old.Imo is { } imo)
            {
                Unindex(_byImo, imo, old);
            }

            if (old.Mmsi is { } mmsi)
            {
                Unindex(_byMmsi, mmsi, old);
            }
        }

        return gone;
    }

    private static void Unindex(Dictionary<int, List<WatchlistEntry>> index, int key, WatchlistEntry e)
    {
        if (index.TryGetValue(key, out var list) && list.Remove(e) && list.Count == 0)
        {
            index.Remove(key);
        }
    }

    /// <summary>Loads the contract CSV (header <c>imo,mmsi,name,program,source</c>) or OFAC's sdn.csv (12 columns, no header), detected from the first line.</summary>
    /// <exception cref="FormatException">The file is neither.</exception>
    public static Watchlist Load(string path)
    {
        var lines = File.ReadAllLines(path);
        var first = lines.FirstOrDefault(l => l.Length > 0) ?? "";
        var header = Csv.Split(first).Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (header.Contains("imo") && header.Contains("mmsi"))
        {
            return new Watchlist(ReadContract(lines, header, path));
        }

        if (Csv.Split(first).Count >= 12)
        {
            return new Watchlist(ReadOfac(lines));
        }

        throw new FormatException($"{path}: not a watch list (expected header 'imo,mmsi,name,program,source' or OFAC sdn.csv with 12 columns).");
    }

    /// <summary>Entries matching an IMO number.</summary>
    public IReadOnlyList<WatchlistEntry> ByImo(int imo) => _byImo.TryGetValue(imo, out var l) ? l : [];

    /// <summary>Entries matching an MMSI.</summary>
    public IReadOnlyList<WatchlistEntry> ByMmsi(int mmsi) => _byMmsi.TryGetValue(mmsi, out var l) ? l : [];

    internal bool ContainsMmsi(int mmsi) => _byMmsi.ContainsKey(mmsi);

    internal bool ContainsImo(int imo) => _byImo.ContainsKey(imo);

    private static void Index(Dictionary<int, List<WatchlistEntry>> index, int key, WatchlistEntry e)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(e);
    }

    private static IEnumerable<WatchlistEntry> ReadContract(string[] lines, List<string> header, string path)
    {
        int Col(string name) => header.IndexOf(name);
        int imoCol = Col("imo"), mmsiCol = Col("mmsi"), nameCol = Col("name"), programCol = Col("program"), sourceCol = Col("source");
        int aliasesCol = Col("aliases"), idCol = Col("entry_id");
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var f = Csv.Split(lines[i]);
            string Field(int c) => c >= 0 && c < f.Count ? f[c].Trim() : "";
            var imo = ParseOptional(Field(imoCol), path, i + 1, "imo");
            var mmsi = ParseOptional(Field(mmsiCol), path, i + 1, "mmsi");
            if (imo is null && mmsi is null)
            {
                throw new FormatException($"{path}:{i + 1}: an entry needs an imo or an mmsi.");
            }

            yield return new WatchlistEntry(imo, mmsi, Field(nameCol), Field(programCol) is { Length: > 0 } p ? p : "watchlist", Field(sourceCol))
            {
                Aliases = Field(aliasesCol).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                EntryId = Field(idCol),
            };
        }
    }

    private static IEnumerable<WatchlistEntry> ReadOfac(string[] lines)
    {
        foreach (var line in lines)
        {
            var f = Csv.Split(line);
            if (f.Count < 12 || !string.Equals(Clean(f[2]), "vessel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var remarks = Clean(f[11]);
            var imo = ImoRegex().Match(remarks) is { Success: true } m1 ? int.Parse(m1.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
            var mmsi = MmsiRegex().Match(remarks) is { Success: true } m2 ? int.Parse(m2.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
            if (imo is null && mmsi is null)
            {
                continue;
            }

            var program = Clean(f[3]);
            yield return new WatchlistEntry(imo, mmsi, Clean(f[1]), "OFAC-SDN" + (program.Length > 0 ? ":" + program : ""), "OFAC SDN ent_num " + Clean(f[0]))
            {
                EntryId = "OFAC-SDN:" + Clean(f[0]),
            };
        }
    }

    /// <summary>The IMO number and MMSI written in an OFAC remark (<c>Vessel Registration Identification IMO nnnnnnn; MMSI nnnnnnnnn;</c>), as the loader reads them.</summary>
    internal static (int? Imo, int? Mmsi) IdentitiesInRemarks(string remarks) =>
        (ImoRegex().Match(remarks) is { Success: true } m1 ? int.Parse(m1.Groups[1].Value, CultureInfo.InvariantCulture) : null,
         MmsiRegex().Match(remarks) is { Success: true } m2 ? int.Parse(m2.Groups[1].Value, CultureInfo.InvariantCulture) : null);

    private static string Clean(string s) => s.Trim() is "-0-" ? "" : s.Trim();

    private static int? ParseOptional(string s, string path, int line, string column)
    {
        if (s.Length == 0)
        {
            return null;
        }

        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"{path}:{line}: {column} '{s}' is not a number.");
    }

    [GeneratedRegex(@"IMO\s*(\d{7})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImoRegex();

    [GeneratedRegex(@"MMSI\s*(\d{9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MmsiRegex();
}

/// <summary>Splits one CSV line (RFC 4180 quotes).</summary>
internal static class Csv
{
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return fields;
    }
}
