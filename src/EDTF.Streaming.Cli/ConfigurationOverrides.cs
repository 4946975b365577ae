using System.CommandLine;

namespace EDTF.Streaming.Cli;

/// <summary>The configuration keys a command line sets: each option given, mapped to its key, then every <c>--set Key=value</c>.</summary>
internal static class ConfigurationOverrides
{
    public static Dictionary<string, string?> Collect(ParseResult parseResult, (Option<string?> Option, string Key)[] mapped, Option<string[]> set)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (option, key) in mapped)
        {
            if (parseResult.GetValue(option) is { } value)
            {
                overrides[key] = value;
            }
        }

        foreach (var pair in parseResult.GetValue(set) ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            overrides[pair[..eq]] = pair[(eq + 1)..];
        }

        return overrides;
    }
}
