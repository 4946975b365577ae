using System.Globalization;
using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Cargo;

/// <summary>
/// Per calendar year, the oil delivered to the DPRK and the coal exported from it, summed from the <c>evidence.cargo</c> of
/// alerts, against the UN caps (docs/ledger.md). Only the newest update of each alert id counts.
/// </summary>
/// <remarks>
/// What counts: a closed <c>PortCall</c> at a port of a DPRK country (<c>PortCall:InterestCountries</c>, KP) where oil was unloaded
/// (refined or crude by the estimate's <c>oilProduct</c>) or coal loaded; a <c>ShipToShipTransfer</c> of oil whose receiver
/// (<c>cargo.to</c>) has a DPRK MMSI (MID 445) or a watch-list entry in the alert. The year is the UTC year of the alert's end.
/// Pure and event-time only; not thread-safe: owned by whoever feeds it (the ledger command, or the service's processing thread).
/// </remarks>
public sealed class Ledger
{
    private const int DprkMid = 445;
    private readonly LedgerOptions _caps;
    private readonly string[] _dprkCountries;
    private readonly Dictionary<string, Held> _latest = new(StringComparer.Ordinal);

    /// <summary>A ledger with the caps of <paramref name="caps"/>; ports of <paramref name="dprkCountries"/> (ISO alpha-2) are the DPRK's.</summary>
    public Ledger(LedgerOptions caps, IReadOnlyCollection<string> dprkCountries)
    {
        _caps = caps;
        _dprkCountries = [.. dprkCountries];
    }

    /// <summary>Alert ids held (port calls and transfers, whether or not they count).</summary>
    public int AlertsHeld => _latest.Count;

    /// <summary>
    /// Takes one alert update; returns true when the ledger's figures may have changed. An update older (by <c>detectedAt</c>)
    /// than the one held for its alert id is ignored; one as new replaces it (the later in input order wins).
    /// </summary>
    public bool Add(AlertUpdate alert)
    {
        if (alert.Type is not ("PortCall" or "ShipToShipTransfer"))
        {
            return false;
        }

        if (_latest.TryGetValue(alert.AlertId, out var held) && alert.DetectedAt < held.DetectedAt)
        {
            return false;
        }

        var entry = Entry(alert);
        _latest[alert.AlertId] = new Held(alert.DetectedAt, entry);
        return entry is not null || held?.Entry is not null;
    }

    /// <summary>The figures per calendar year, oldest year first; years without any counted alert are absent.</summary>
    public IReadOnlyList<LedgerYear> Years()
    {
        var years = new SortedDictionary<int, YearSum>();
        foreach (var (id, held) in _latest)
        {
            if (held.Entry is not { } e)
            {
                continue;
            }

            if (!years.TryGetValue(e.Year, out var sum))
            {
                years[e.Year] = sum = new YearSum();
            }

            sum.Add(e.Line, e.Figure);
            sum.AlertIds.Add(id);
        }

        return [.. years.Select(y => new LedgerYear(
            y.Key,
            y.Value.Refined,
            y.Value.Crude,
            y.Value.Coal,
            Share(y.Value.Refined.Estimate, _caps.RefinedCapBarrels),
            Share(y.Value.Crude.Estimate, _caps.CrudeCapBarrels),
            [.. y.Value.AlertIds.Order(StringComparer.Ordinal)]))];
    }

    /// <summary>The <c>--json</c> shape of docs/ledger.md: <c>{"years": {"2026": {"refinedBarrels": {...}, ...}}}</c>.</summary>
    public static JsonObject ToJson(IEnumerable<LedgerYear> years)
    {
        var byYear = new JsonObject();
        foreach (var y in years)
        {
            byYear[y.Year.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["refinedBarrels"] = y.RefinedBarrels.ToJson(),
                ["crudeBarrels"] = y.CrudeBarrels.ToJson(),
                ["coalTonnes"] = y.CoalTonnes.ToJson(),
                ["refinedCapShare"] = y.RefinedCapShare,
                ["crudeCapShare"] = y.CrudeCapShare,
                ["alerts"] = new JsonArray([.. y.AlertIds.Select(a => (JsonNode)JsonValue.Create(a))]),
            };
        }

        return new JsonObject { ["years"] = byYear };
    }

    private static double Share(double estimate, double cap) => Math.Round(estimate / cap, 4, MidpointRounding.AwayFromZero);

    private LedgerEntry? Entry(AlertUpdate a)
    {
        if (a.Status != "closed" || a.Evidence["cargo"] is not JsonObject cargo || Number(cargo, "tonnes") is null)
        {
            return null;
        }

        var year = (a.End ?? a.Start).UtcDateTime.Year;
        var direction = Text(cargo, "direction");
        var commodity = Text(cargo, "commodity");
        var oil = commodity == "oil" && Number(cargo, "barrels") is not null;
        var line = a.Type switch
        {
            "PortCall" when !AtDprkPort(a) => (LedgerLine?)null,
            "PortCall" when oil && direction == "unloaded" => OilLine(cargo),
            "PortCall" when commodity == "coal" && direction == "loaded" => LedgerLine.CoalTonnes,
            "ShipToShipTransfer" when oil && direction == "transferred" && IsDprkReceiver(a, Number(cargo, "to")) => OilLine(cargo),
            _ => null,
        };
        if (line is not { } l)
        {
            return null;
        }

        var figure = l == LedgerLine.CoalTonnes
            ? new LedgerFigure(Number(cargo, "tonnes")!.Value, Number(cargo, "low") ?? 0, Number(cargo, "high") ?? 0)
            : new LedgerFigure(Number(cargo, "barrels")!.Value, Number(cargo, "barrelsLow") ?? 0, Number(cargo, "barrelsHigh") ?? 0);
        return new LedgerEntry(year, l, figure);
    }

    private bool AtDprkPort(AlertUpdate a) => a.Port is { } p && _dprkCountries.Contains(p.Country, StringComparer.OrdinalIgnoreCase);

    private static LedgerLine OilLine(JsonObject cargo) => Text(cargo, "oilProduct") == "crude" ? LedgerLine.CrudeBarrels : LedgerLine.RefinedBarrels;

    /// <summary>A receiver with a DPRK MMSI, or one the alert's watch-list entries name (the watch list is of DPRK-related vessels).</summary>
    private static bool IsDprkReceiver(AlertUpdate a, double? to) =>
        to is { } mmsi && (MaritimeIdentities.Mid((int)mmsi) == DprkMid || a.Watchlist.Any(w => w.Mmsi == (int)mmsi));

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A number whether the node came from text (any numeric JSON) or from the detection (a double, an int or a long).</summary>
    private static double? Number(JsonObject o, string key) => o[key] is not JsonValue v ? null
        : v.TryGetValue<double>(out var d) ? d
        : v.TryGetValue<int>(out var i) ? i
        : v.TryGetValue<long>(out var l) ? l
        : null;

    private sealed record Held(DateTimeOffset DetectedAt, LedgerEntry? Entry);

    private sealed record LedgerEntry(int Year, LedgerLine Line, LedgerFigure Figure);

    private sealed class YearSum
    {
        public LedgerFigure Refined { get; private set; } = LedgerFigure.Zero;

        public LedgerFigure Crude { get; private set; } = LedgerFigure.Zero;

        public LedgerFigure Coal { get; private set; } = LedgerFigure.Zero;

        public List<string> AlertIds { get; } = [];

        public void Add(LedgerLine line, LedgerFigure f)
        {
            switch (line)
            {
                case LedgerLine.RefinedBarrels: Refined += f; break;
                case LedgerLine.CrudeBarrels: Crude += f; break;
                default: Coal += f; break;
            }
        }
    }
}

/// <summary>Which line of the ledger an alert adds to.</summary>
public enum LedgerLine
{
    /// <summary>Refined products delivered to the DPRK, barrels.</summary>
    RefinedBarrels,

    /// <summary>Crude oil delivered to the DPRK, barrels.</summary>
    CrudeBarrels,

    /// <summary>Coal loaded at DPRK ports, tonnes.</summary>
    CoalTonnes,
}

/// <summary>An estimate with its low-high range (barrels or tonnes).</summary>
public readonly record struct LedgerFigure(double Estimate, double Low, double High)
{
    /// <summary>Nothing.</summary>
    public static readonly LedgerFigure Zero = new(0, 0, 0);

    /// <summary>The sum of two figures, bound by bound.</summary>
    public static LedgerFigure operator +(LedgerFigure a, LedgerFigure b) => new(a.Estimate + b.Estimate, a.Low + b.Low, a.High + b.High);

    /// <summary><c>{"estimate", "low", "high"}</c>.</summary>
    public JsonObject ToJson() => new() { ["estimate"] = Estimate, ["low"] = Low, ["high"] = High };
}

/// <summary>One calendar year of the ledger: the three lines, the shares of the UN caps (estimate / cap) and the alerts counted.</summary>
public sealed record LedgerYear(
    int Year,
    LedgerFigure RefinedBarrels,
    LedgerFigure CrudeBarrels,
    LedgerFigure CoalTonnes,
    double RefinedCapShare,
    double CrudeCapShare,
    IReadOnlyList<string> AlertIds);
