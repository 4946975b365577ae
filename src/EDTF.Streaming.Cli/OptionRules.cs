using System.CommandLine;
using System.Globalization;

namespace EDTF.Streaming.Cli;

/// <summary>Validation of option values at parse time; every message starts with the option's name, and a failure exits 2.</summary>
internal static class OptionRules
{
    /// <summary>Rejects a value for which <paramref name="problem"/> returns a message (null = fine); applied to every value of a repeated option.</summary>
    public static T Accept<T>(this T option, Func<string, string?> problem)
        where T : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (problem(token.Value) is { } message)
                {
                    result.AddError($"{option.Name}: {message}");
                }
            }
        });
        return option;
    }

    /// <summary>Accepts whole numbers from <paramref name="min"/> to <paramref name="max"/> (text that is not a number is left to the type's own error).</summary>
    public static T InRange<T>(this T option, long min, long max)
        where T : Option =>
        option.Accept(text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && (n < min || n > max)
            ? string.Create(CultureInfo.InvariantCulture, $"expects {min} to {max}, got {n}.")
            : null);

    /// <summary>Accepts only <paramref name="values"/> (ignoring case) and offers them as completions.</summary>
    public static T OneOf<T>(this T option, params string[] values)
        where T : Option
    {
        option.CompletionSources.Add(values);
        return option.Accept(text => values.Contains(text, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"must be one of {string.Join(", ", values)}; got '{text}'.");
    }

    /// <summary>Accepts only paths of existing files (and <paramref name="except"/>, e.g. <c>-</c> for standard input).</summary>
    public static T ExistingFile<T>(this T option, string? except = null)
        where T : Option =>
        option.Accept(path => path == except || File.Exists(path) ? null : $"file not found: {path}");
}
