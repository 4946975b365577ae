using System.CommandLine;
using System.Globalization;
using System.Text;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Detection.Cargo;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf ledger</c>: per calendar year, oil delivered to the DPRK and coal exported from it, from alert updates, against the UN caps.</summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var alerts = new Option<string>("--alerts")
        {
            Description = "alert updates, one JSON body per line (edtf detect --output, or the edtf.alerts topic); '-' is standard input",
            HelpName = "FILE|-",
            Required = true,
        }.ExistingFile(except: "-");
        var json = new Option<bool>("--json") { Description = "print the ledger as one JSON object (docs/ledger.md) instead of a table" };
        var output = new Option<string>("--output") { Description = "where the ledger goes; '-' is standard output", HelpName = "FILE|-", DefaultValueFactory = _ => "-" };
        var refinedCap = new Option<long>("--refined-cap")
        {
            Description = "UN cap on refined products per year, barrels",
            HelpName = "BBL",
            DefaultValueFactory = _ => (long)DetectionDefaults.LedgerRefinedCapBarrels,
        }.InRange(1, long.MaxValue);
        var crudeCap = new Option<long>("--crude-cap")
        {
            Description = "UN cap on crude oil per year, barrels",
            HelpName = "BBL",
            DefaultValueFactory = _ => (long)DetectionDefaults.LedgerCrudeCapBarrels,
        }.InRange(1, long.MaxValue);
        var command = new EdtfCommand(
            "ledger",
            "Oil delivered to the DPRK and coal exported from it, per calendar year, against the UN caps.",
            """
            Counts the cargo estimates (evidence.cargo) of the newest update of each alert id: oil unloaded at DPRK ports or
            transferred to a DPRK-flagged (MID 445) or listed receiver, coal loaded at DPRK ports; the year is that of the
            alert's end (UTC). Rules and the JSON shape: docs/ledger.md. Exit code 0, or 2 on a line that is not an alert.
            """)
        {
            alerts, json, output, refinedCap, crudeCap,
        };
        command.SetRun((parseResult, cancellationToken) => Interruptible.RunAsync(
            () => RunAsync(
                parseResult.GetRequiredValue(alerts),
                parseResult.GetValue(json),
                parseResult.GetRequiredValue(output),
                new LedgerOptions { RefinedCapBarrels = parseResult.GetValue(refinedCap), CrudeCapBarrels = parseResult.GetValue(crudeCap) }),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string alertsPath, bool json, string outputPath, LedgerOptions caps)
    {
        var updates = await AlertLines.ReadAsync(alertsPath, "ledger", line => AlertJson.Deserialize(Encoding.UTF8.GetBytes(line))).ConfigureAwait(false);
        if (updates is null)
        {
            return EdtfCommandLine.UsageError;
        }

        var ledger = new Ledger(caps, new PortCallOptions().InterestCountries);
        foreach (var update in updates)
        {
            ledger.Add(update);
        }

        var years = ledger.Years();
        var text = json ? Ledger.ToJson(years).ToJsonString() + "\n" : LedgerTable.Format(years, caps);
        if (outputPath == "-")
        {
            await Console.Out.WriteAsync(text).ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);
        }
        else
        {
            await File.WriteAllTextAsync(outputPath, text).ConfigureAwait(false);
        }

        return 0;
    }
}

/// <summary>The ledger as a table for people: one block per year, a line per commodity with its range and its share of the cap.</summary>
internal static class LedgerTable
{
    public static string Format(IReadOnlyList<LedgerYear> years, LedgerOptions caps)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        if (years.Count == 0)
        {
            return "no oil delivered to the DPRK and no coal exported from it in these alerts\n";
        }

        sb.Append(c, $"{"year",-5} {"line",-16} {"estimate",12} {"low",12} {"high",12} {"UN cap",12} {"share of cap",13}\n");
        foreach (var y in years)
        {
            Line(sb, y.Year, "refined, bbl", y.RefinedBarrels, caps.RefinedCapBarrels, y.RefinedCapShare);
            Line(sb, y.Year, "crude, bbl", y.CrudeBarrels, caps.CrudeCapBarrels, y.CrudeCapShare);
            Line(sb, y.Year, "coal, tonnes", y.CoalTonnes, null, null);
            sb.Append(c, $"      alerts ({y.AlertIds.Count}): {string.Join(", ", y.AlertIds)}\n");
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, int year, string name, LedgerFigure f, double? cap, double? share)
    {
        var c = CultureInfo.InvariantCulture;
        var capText = cap is { } v ? v.ToString("N0", c) : "-";
        var shareText = share is { } s ? (s * 100).ToString("0.0", c) + " %" : "-";
        sb.Append(c, $"{year,-5} {name,-16} {f.Estimate.ToString("N0", c),12} {f.Low.ToString("N0", c),12} {f.High.ToString("N0", c),12} {capText,12} {shareText,13}\n");
    }
}
