using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Cli.Watchlists;

/// <summary>One entry of the normalised list: the contract CSV's five columns plus aliases, flag, designation date and the source's entry id.</summary>
internal sealed record ImportedEntry(
    int? Imo, int? Mmsi, string Name, string Program, string Source, IReadOnlyList<string> Aliases, string Flag, string DesignationDate, string EntryId);

/// <summary>The kinds of file <c>edtf watchlist import</c> reads, detected from the content.</summary>
internal enum WatchlistFileKind
{
    OfacSdn,
    OfacAlt,
    OfacAdd,
    UnConsolidatedXml,
    ProjectCsv,
}

/// <summary>
/// Reads OFAC's sdn.csv (with alt.csv aliases; add.csv is recognised and counted, vessels have no address), the UN Security Council
/// consolidated list XML and the project's watch-list CSV, and writes one normalised list in the project's CSV with extra columns.
/// <paramref name="programs"/> are the programmes kept from the official lists (case-insensitive); null keeps all.
/// </summary>
internal sealed partial class WatchlistImport(IReadOnlySet<string>? programs)
{
    /// <summary>The DPRK programmes: OFAC's tags and the UN list type (entries from the UN list carry programme <c>UN-DPRK</c>).</summary>
    public static readonly string[] DprkPrograms = ["DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA", "UN-DPRK"];

    /// <summary>The header of the output: the contract's five columns first, so that <see cref="Watchlist.Load"/> reads it.</summary>
    public const string Header = "imo,mmsi,name,program,source,aliases,flag,designation_date,entry_id";

    private readonly List<(string Path, string Summary)> _files = [];
    private readonly List<(ImportedEntry Entry, bool Official)> _candidates = [];
    private readonly Dictionary<string, List<string>> _ofacAliases = [];
    private readonly List<ImportedEntry> _kept = [];
    private readonly List<(ImportedEntry? Entry, string Reason, string Detail)> _rejected = [];

    /// <summary>Entries kept, in input order.</summary>
    public IReadOnlyList<ImportedEntry> Kept => _kept;

    /// <summary>Entries rejected, with the reason and what to show.</summary>
    public IReadOnlyList<(ImportedEntry? Entry, string Reason, string Detail)> Rejected => _rejected;

    /// <summary>Detects a file's kind from its content: XML root, contract header, or OFAC's column count.</summary>
    /// <exception cref="FormatException">None of the known layouts.</exception>
    public static WatchlistFileKind Detect(string path)
    {
        using var reader = new StreamReader(path);
        string? first;
        while ((first = reader.ReadLine()) is not null && first.Trim().Trim('\u001a').Length == 0)
        {
        }

        first = first?.TrimStart('\uFEFF').Trim() ?? "";
        if (first.StartsWith('<'))
        {
            return WatchlistFileKind.UnConsolidatedXml;
        }

        var fields = Csv.Split(first);
        var header = fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (header.Contains("imo") && header.Contains("mmsi"))
        {
            return WatchlistFileKind.ProjectCsv;
        }

        var numbered = fields.Count >= 2 && int.TryParse(fields[0].Trim(), CultureInfo.InvariantCulture, out _);
        return fields.Count switch
        {
            12 when numbered => WatchlistFileKind.OfacSdn,
            5 when numbered => WatchlistFileKind.OfacAlt,
            6 when numbered => WatchlistFileKind.OfacAdd,
            _ => throw new FormatException(
                $"{path}: not a known watch-list layout (OFAC sdn.csv/alt.csv/add.csv, UN consolidated list XML, or a CSV with header imo,mmsi,name,program,source)."),
        };
    }

    /// <summary>Reads one file (its kind detected); entries are judged by <see cref="Finish"/>, once every file (alt.csv too) is read.</summary>
    public void Read(string path)
    {
        var kind = Detect(path);
        var summary = kind switch
        {
            WatchlistFileKind.OfacSdn => ReadSdn(path),
            WatchlistFileKind.OfacAlt => ReadAlt(path),
            WatchlistFileKind.OfacAdd => ReadAdd(path),
            WatchlistFileKind.UnConsolidatedXml => ReadUn(path),
            _ => ReadProject(path),
        };
        _files.Add((path, summary));
    }

    /// <summary>Adds alt.csv aliases, verifies IMO check digits and filters by programme (the project's own entries are kept whatever their programme).</summary>
    public void Finish()
    {
        foreach (var (candidate, official) in _candidates)
        {
            var entry = official && _ofacAliases.TryGetValue(candidate.EntryId, out var aliases)
                ? candidate with { Aliases = [.. candidate.Aliases, .. aliases] }
                : candidate;
            if (entry.Imo is null && entry.Mmsi is null)
            {
                _rejected.Add((entry, "vessel without IMO or MMSI", $"{entry.EntryId} {entry.Name}"));
            }
            else if (entry.Imo is { } imo && !MaritimeIdentities.IsValidImo(imo))
            {
                _rejected.Add((entry, "IMO check digit fails", string.Create(CultureInfo.InvariantCulture, $"{entry.EntryId} {entry.Name}: IMO {imo}")));
            }
            else if (official && programs is not null && !entry.Program.Split(';').Any(programs.Contains))
            {
                _rejected.Add((entry, "programme not selected", $"{entry.EntryId} {entry.Name}: {entry.Program}"));
            }
            else
            {
                _kept.Add(entry);
            }
        }
    }

    /// <summary>What was read per file, kept and rejected (counts by reason, then each IMO check-digit failure).</summary>
    public void Report(TextWriter error)
    {
        foreach (var (path, summary) in _files)
        {
            error.WriteLine($"edtf watchlist import: {path}: {summary}");
        }

        var reasons = _rejected.GroupBy(r => r.Reason).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}={g.Count()}"));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"edtf watchlist import: read {_candidates.Count} vessel entries, kept {_kept.Count}, rejected {_rejected.Count}{(_rejected.Count > 0 ? " (" + string.Join(", ", reasons) + ")" : "")}"));
        foreach (var (_, reason, detail) in _rejected.Where(r => r.Reason != "programme not selected"))
        {
            error.WriteLine($"edtf watchlist import: rejected: {reason}: {detail}");
        }
    }

    /// <summary>Writes the kept entries as the project's CSV with the extra columns.</summary>
    public void Write(TextWriter output)
    {
        output.Write(Header + "\n");
        foreach (var e in _kept)
        {
            string[] fields =
            [
                e.Imo?.ToString(CultureInfo.InvariantCulture) ?? "",
                e.Mmsi?.ToString(CultureInfo.InvariantCulture) ?? "",
                e.Name, e.Program, e.Source, string.Join("; ", e.Aliases), e.Flag, e.DesignationDate, e.EntryId,
            ];
            output.Write(string.Join(',', fields.Select(Quote)) + "\n");
        }
    }

    private const string OfacSource = "OFAC SDN";
    private const string UnSource = "UN SC consolidated list";

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 || field != field.Trim() ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Clean(string s) => s.Trim() is "-0-" ? "" : s.Trim();

    private static IEnumerable<List<string>> Rows(string path) =>
        File.ReadLines(path).Select(l => l.Trim('\u001a')).Where(l => l.Trim().Length > 0).Select(Csv.Split);

    private string ReadSdn(string path)
    {
        int rows = 0, vessels = 0;
        foreach (var f in Rows(path))
        {
            rows++;
            if (f.Count < 12 || !string.Equals(Clean(f[2]), "vessel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            vessels++;
            var (imo, mmsi) = Watchlist.IdentitiesInRemarks(Clean(f[11]));
            var tags = Clean(f[3]).Split(']', '[', ';').Select(t => t.Trim()).Where(t => t.Length > 0);
            _candidates.Add((new ImportedEntry(imo, mmsi, Clean(f[1]), string.Join(';', tags), OfacSource, [], Clean(f[9]), "", "OFAC-SDN:" + Clean(f[0])), true));
        }

        return string.Create(CultureInfo.InvariantCulture, $"OFAC sdn.csv, {rows} rows, {vessels} vessels");
    }

    private string ReadAlt(string path)
    {
        var rows = 0;
        foreach (var f in Rows(path))
        {
            rows++;
            if (f.Count >= 4 && Clean(f[3]) is { Length: > 0 } alias)
            {
                var id = "OFAC-SDN:" + Clean(f[0]);
                if (!_ofacAliases.TryGetValue(id, out var list))
                {
                    _ofacAliases[id] = list = [];
                }

                list.Add(alias);
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"OFAC alt.csv, {rows} aliases");
    }

    private static string ReadAdd(string path) =>
        string.Create(CultureInfo.InvariantCulture, $"OFAC add.csv, {Rows(path).Count()} addresses (not used: a vessel entry has none)");

    private string ReadUn(string path)
    {
        var root = XDocument.Load(path).Root ?? throw new FormatException($"{path}: empty XML.");
        int entities = 0, vessels = 0;
        foreach (var entity in root.Elements("ENTITIES").Elements("ENTITY"))
        {
            entities++;
            string Text(string name) => entity.Element(name)?.Value.Trim() ?? "";
            var comments = Text("COMMENTS1");
            var imoMatch = UnImoRegex().Match(comments);
            if (!imoMatch.Success)
            {
                continue; // a company or organisation: the 1718 list names vessels by IMO number in the comments
            }

            vessels++;
            var imo = int.Parse(imoMatch.Groups[1].Value, CultureInfo.InvariantCulture);
            var listType = Text("UN_LIST_TYPE");
            var aliases = entity.Elements("ENTITY_ALIAS").Select(a => a.Element("ALIAS_NAME")?.Value.Trim() ?? "").Where(a => a.Length > 0).ToList();
            var reference = Text("REFERENCE_NUMBER") is { Length: > 0 } r ? r : Text("DATAID");
            var listedOn = DateTime.TryParse(Text("LISTED_ON"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : Text("LISTED_ON");
            var flag = UnFlagRegex().Match(comments) is { Success: true } m ? m.Groups[1].Value.Trim() : "";
            _candidates.Add((new ImportedEntry(imo, null, Text("FIRST_NAME"), "UN-" + listType, UnSource, aliases, flag, listedOn, "UN:" + reference), true));
        }

        return string.Create(CultureInfo.InvariantCulture, $"UN consolidated list XML, {entities} entities, {vessels} vessels (IMO in COMMENTS1)");
    }

    private string ReadProject(string path)
    {
        var list = Watchlist.Load(path);
        foreach (var e in list.Entries)
        {
            _candidates.Add((new ImportedEntry(e.Imo, e.Mmsi, e.Name, e.Program, e.Source, e.Aliases, "", "", e.Id), false));
        }

        return string.Create(CultureInfo.InvariantCulture, $"project CSV, {list.Entries.Count} entries");
    }

    [GeneratedRegex(@"IMO(?:\s*(?:number|no\.?))?\s*:?\s*(\d{7})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnImoRegex();

    [GeneratedRegex(@"flag(?:ged)?(?:\s*state)?\s*:\s*([A-Za-z][A-Za-z .'-]*[A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnFlagRegex();
}
