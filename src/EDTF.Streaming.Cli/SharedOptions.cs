using System.CommandLine;
using System.Globalization;
using EDTF.Streaming.Cli.Replay;

namespace EDTF.Streaming.Cli;

/// <summary>Options that several commands take with the same meaning and validation.</summary>
internal static class SharedOptions
{
    /// <summary><c>--seed N</c>: a whole number that overrides the scenario's seed; absent = the scenario's own.</summary>
    public static Option<long?> Seed(string description) => new("--seed")
    {
        Description = description + " (default: the scenario's seed)",
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
            {
                return seed;
            }

            result.AddError($"--seed: expects a whole number, got '{text}'.");
            return null;
        },
    };

    /// <summary><c>--speed N|max</c>: event-time seconds per second, or max; read with <see cref="SpeedArgument.Parse"/>.</summary>
    public static Option<string> Speed(string description) => new Option<string>("--speed") { Description = description, HelpName = "N|max" }
        .Accept(text => SpeedArgument.TryParse(text, out _) ? null : $"expects {SpeedArgument.Expected}, got '{text}'.");

    /// <summary>An event-time option (<c>--from</c>, <c>--to</c>): RFC 3339, a date or Unix seconds; read with <see cref="TimeArgument.TryParse"/>.</summary>
    public static Option<string?> Time(string name, string description) => new Option<string?>(name) { Description = description, HelpName = "T" }
        .Accept(text => TimeArgument.TryParse(text, out _) ? null : $"expects {TimeArgument.Expected}, got '{text}'.");

    /// <summary><c>--bbox minLon,minLat,maxLon,maxLat</c>: keep reports positioned in the box (read with <see cref="Ais.Formats.InputFilter.ParseBox"/>).</summary>
    public static Option<Ais.Formats.GeoBox?> Bbox() => new("--bbox")
    {
        Description = "keep only reports positioned in this box, degrees (reports without a position are kept; default: everywhere)",
        HelpName = "minLon,minLat,maxLon,maxLat",
        CustomParser = result => Parsed(result, "--bbox", Ais.Formats.InputFilter.ParseBox),
    };

    /// <summary><c>--mmsi LIST|@FILE</c>: keep reports of these vessels (read with <see cref="Ais.Formats.InputFilter.ParseMmsis"/>).</summary>
    public static Option<IReadOnlySet<int>?> Mmsi() => new("--mmsi")
    {
        Description = "keep only reports of these MMSIs: a comma list, or @FILE with MMSIs separated by commas or lines (default: every vessel)",
        HelpName = "MMSI,...|@FILE",
        CustomParser = result => Parsed<IReadOnlySet<int>?>(result, "--mmsi", (string text, out string? problem) => Ais.Formats.InputFilter.ParseMmsis(text, out problem)),
    };

    /// <summary><c>--progress auto|always|never</c>: when progress lines go to standard error (read with <see cref="Progress.InputProgressPrinter.Mode"/>).</summary>
    public static Option<string> Progress() => new Option<string>("--progress")
    {
        Description = "progress on standard error every 2 s (bytes of total, rows, rate, event time, time left): auto = when it is a terminal, always, never",
        DefaultValueFactory = _ => "auto",
    }.OneOf("auto", "always", "never");

    private delegate T Parse<out T>(string text, out string? problem);

    /// <summary>The option's single token read with <paramref name="parse"/>; a problem becomes a parse error naming the option.</summary>
    private static T Parsed<T>(System.CommandLine.Parsing.ArgumentResult result, string name, Parse<T> parse)
    {
        var value = parse(result.Tokens[0].Value, out var problem);
        if (problem is not null)
        {
            result.AddError($"{name}: {problem}");
        }

        return value;
    }
}
