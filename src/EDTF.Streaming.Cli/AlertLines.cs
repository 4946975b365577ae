using System.Globalization;
using System.Text.Json;

namespace EDTF.Streaming.Cli;

/// <summary>Reads alert updates as JSON Lines (<c>edtf detect</c> output or a dump of the alerts topic) for <c>edtf score</c> and <c>edtf ledger</c>.</summary>
internal static class AlertLines
{
    /// <summary>
    /// Each non-empty line of <paramref name="path"/> (<c>-</c>: standard input) read with <paramref name="parse"/>; null after writing
    /// <c>edtf COMMAND: FILE:LINE: reason</c> to standard error when a line is not an alert update.
    /// </summary>
    public static async Task<List<T>?> ReadAsync<T>(string path, string command, Func<string, T> parse)
    {
        var values = new List<T>();
        using var reader = path == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(path);
        var lineNumber = 0;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                values.Add(parse(line));
            }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or NotSupportedException)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"edtf {command}: {path}:{lineNumber}: {ex.Message}")).ConfigureAwait(false);
                return null;
            }
        }

        return values;
    }
}
