namespace EDTF.Streaming.Ais.Formats;

/// <summary>One item read from an input file: a report, or a reject saying what was skipped and why.</summary>
public readonly record struct AisInputItem
{
    private AisInputItem(string file, in AisReport report, InputReject? reject)
    {
        File = file;
        Report = report;
        Reject = reject;
    }

    /// <summary>The file the item came from.</summary>
    public string File { get; }

    /// <summary>The report; default when <see cref="IsReject"/>.</summary>
    public AisReport Report { get; }

    /// <summary>The reject, or null for a report.</summary>
    public InputReject? Reject { get; }

    /// <summary>True when the item is a reject.</summary>
    public bool IsReject => Reject is not null;

    /// <summary>An item carrying a report.</summary>
    public static AisInputItem FromReport(string file, in AisReport report) => new(file, report, null);

    /// <summary>An item carrying a reject.</summary>
    public static AisInputItem FromReject(InputReject reject) => new(reject.File, default, reject);
}
