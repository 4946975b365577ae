using System.Globalization;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Cli.Watchlists;

/// <summary>Reads a watch-list changes file (JSON Lines, <see cref="WatchlistJson.ReadChange"/>) for <c>edtf detect --watchlist-changes</c>.</summary>
internal static class WatchlistChangesFile
{
    /// <summary>Every change of the file, in file order; blank lines and lines starting with <c>#</c> are skipped.</summary>
    /// <exception cref="FormatException">A line is not a change (the message names the file and line).</exception>
    public static List<WatchlistChange> Read(string path)
    {
        var changes = new List<WatchlistChange>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim() is { Length: 0 } or ['#', ..])
            {
                continue;
            }

            try
            {
                changes.Add(WatchlistJson.ReadChange(line));
            }
            catch (FormatException ex)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: {ex.Message}"), ex);
            }
        }

        return changes;
    }
}
