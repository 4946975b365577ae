using System.Globalization;
using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Cli.Progress;

/// <summary>Writes the end-of-run line of each input file: rows, reports accepted, skipped by the filters, rejects by reason.</summary>
internal static class InputFilesSummary
{
    /// <summary>One line per file that was started (files never reached are left out).</summary>
    public static void Write(TextWriter writer, string command, IReadOnlyList<InputProgress> files)
    {
        foreach (var file in files.Where(f => f.Rows > 0 || f.BytesRead > 0 || f.Rejected > 0))
        {
            writer.WriteLine(Describe(command, file));
        }
    }

    /// <summary>The summary line of one file.</summary>
    public static string Describe(string command, InputProgress file)
    {
        var inv = CultureInfo.InvariantCulture;
        var rejects = file.RejectsByReason();
        var breakdown = rejects.Count == 0 ? string.Empty : " (" + string.Join(", ", rejects.Select(r => string.Create(inv, $"{r.Key} {r.Value:N0}"))) + ")";
        return string.Create(inv,
            $"{command}: {file.File}: {file.Rows:N0} rows, {file.Accepted:N0} reports accepted, {file.Filtered:N0} skipped by filters, {file.Rejected:N0} rejects{breakdown}");
    }
}
