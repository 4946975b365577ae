namespace EDTF.Streaming.Cli;

/// <summary>A bad command line: the message says which option and why.</summary>
internal sealed class CommandLineException(string message) : Exception(message);

/// <summary>
/// Parsed <c>--name value</c>, <c>--name=value</c> and <c>--flag</c> options; an option may repeat (<c>--input a --input b</c>).
/// </summary>
internal sealed class CommandLineArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private CommandLineArgs()
    {
    }

    /// <summary>Arguments that were not options.</summary>
    public List<string> Positional { get; } = [];

    public static CommandLineArgs Parse(IReadOnlyList<string> args)
    {
        var parsed = new CommandLineArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                parsed.Positional.Add(arg);
                continue;
            }

            var name = arg.TrimStart('-');
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Count && (!args[i + 1].StartsWith("--", StringComparison.Ordinal) || args[i + 1] == "-"))
            {
                value = args[++i];
            }

            if (!parsed._values.TryGetValue(name, out var list))
            {
                parsed._values[name] = list = [];
            }

            list.Add(value ?? "true");
        }

        return parsed;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The last value given for an option, or <paramref name="fallback"/>.</summary>
    public string? Get(string name, string? fallback = null)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var list) ? list[^1] : fallback;
    }

    /// <summary>A required option's value.</summary>
    public string Require(string name) =>
        Get(name) ?? throw new CommandLineException($"--{name} is required.");

    /// <summary>Every value given for a repeatable option.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var list) ? list : [];
    }

    public bool Flag(string name)
    {
        var value = Get(name);
        return value is not null && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
    }

    public int GetInt(string name, int fallback)
    {
        var value = Get(name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new CommandLineException($"--{name} expects a whole number, got '{value}'.");
    }

    /// <summary>Fails on options that the command never asked about (typos), naming them.</summary>
    public void RejectUnknown(params string[] alsoAllowed)
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k) && !alsoAllowed.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CommandLineException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
        }
    }
}
