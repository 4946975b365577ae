using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Cli.Progress;

/// <summary>What has been read of all input files at one moment: bytes (compressed for archives) of the total on disk, rows, the latest event time.</summary>
internal readonly record struct ProgressSnapshot(long BytesRead, long TotalBytes, long Rows, long? EventMs)
{
    /// <summary>The sums over <paramref name="files"/>; the latest event time of any.</summary>
    public static ProgressSnapshot Of(IReadOnlyList<InputProgress> files)
    {
        long bytes = 0, total = 0, rows = 0;
        long? eventMs = null;
        foreach (var file in files)
        {
            bytes += file.BytesRead;
            total += file.TotalBytes;
            rows += file.Rows;
            if (file.LastEventMs is { } t && (eventMs is null || t > eventMs))
            {
                eventMs = t;
            }
        }

        return new ProgressSnapshot(Math.Min(bytes, total), total, rows, eventMs);
    }
}
