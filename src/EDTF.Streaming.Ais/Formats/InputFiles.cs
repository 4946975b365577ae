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

    /// <summary>Opens a file for sequential reading; a name ending in <c>.gz</c> is decompressed.</summary>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), BufferBytes)
            : file;
    }

    /// <summary>Opens a file as UTF-8 text (see <see cref="OpenRead"/>).</summary>
    public static StreamReader OpenText(string path) =>
        new(OpenRead(path), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferBytes);
}
