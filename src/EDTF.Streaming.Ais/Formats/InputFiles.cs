using System.IO.Compression;

namespace EDTF.Streaming.Ais.Formats;

/// <summary>Expands input paths (files and directories) and opens them, decompressing <c>.gz</c> transparently.</summary>
public static class InputFiles
{
    private const int BufferBytes = 1 << 16;

    /// <summary>
    /// The files named by <paramref name="paths"/>, in the order given; a directory contributes its files
    /// (recursively, hidden ones skipped) in ordinal name order.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a directory.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory
                    .EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                throw new FileNotFoundException($"input not found: {path}", path);
            }
        }

        return files;
    }

    /// <summary>The total size on disk of <paramref name="files"/>, for progress fractions.</summary>
    public static long TotalBytes(IEnumerable<string> files) => files.Sum(f => new FileInfo(f).Length);

    /// <summary>Opens a file for sequential reading; gzip (by <c>.gz</c> or its magic bytes) is decompressed; bytes read from disk go to <paramref name="progress"/>.</summary>
    public static Stream OpenRead(string path, InputProgress? progress = null)
    {
        var disk = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan);
        var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || IsGzip(disk);
        Stream file = progress is null ? disk : new ProgressStream(disk, progress);
        return gzip
            ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), BufferBytes)
            : file;
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Length >= 2 && file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        return gzip;
    }

    /// <summary>Opens a file as UTF-8 text (see <see cref="OpenRead"/>).</summary>
    public static StreamReader OpenText(string path, InputProgress? progress = null) =>
        new(OpenRead(path, progress), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferBytes);
}
