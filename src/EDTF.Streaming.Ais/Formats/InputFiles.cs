using System.IO.Compression;

namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// Expands input paths (files and directories) and opens them, decompressing gzip, zstd and zip transparently: the container
/// is told by its first bytes (magic numbers), whatever the extension says.
/// </summary>
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

    /// <summary>
    /// Opens a file for sequential reading as text bytes: gzip and zstd are decompressed, a zip gives its entries (hidden
    /// ones and directories skipped) one after another in ordinal name order, each ended by a line break, streamed without
    /// extracting to disk. Bytes read from disk (compressed) go to <paramref name="progress"/>.
    /// </summary>
    /// <exception cref="InputFormatException">
    /// The content is not text (binary, an archive inside an archive), or the archive is corrupt; raised here or while reading.
    /// </exception>
    public static Stream OpenRead(string path, InputProgress? progress = null)
    {
        var disk = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan);
        try
        {
            var container = SniffContainer(disk);
            Stream file = progress is null ? disk : new ProgressStream(disk, progress);
            return container switch
            {
                InputContainer.Gzip => new TextInputStream(new BufferedStream(new GZipStream(file, CompressionMode.Decompress), BufferBytes), path, "gzip"),
                InputContainer.Zstd => new TextInputStream(new BufferedStream(new ZstdSharp.DecompressionStream(file), BufferBytes), path, "zstd"),
                InputContainer.Zip => new ZipEntriesStream(disk, path, progress),
                InputContainer.Parquet => throw new InputFormatException(path, ParquetAsTextProblem),
                _ => new TextInputStream(file, path, null),
            };
        }
        catch (InvalidDataException ex)
        {
            disk.Dispose();
            throw new InputFormatException(path, $"corrupt archive: {ex.Message}", ex);
        }
        catch
        {
            disk.Dispose();
            throw;
        }
    }

    /// <summary>True when the file begins with Parquet's magic bytes <c>PAR1</c>, whatever its name.</summary>
    public static bool IsParquet(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        return SniffContainer(file) == InputContainer.Parquet;
    }

    /// <summary>Why a Parquet file cannot be read as text (NMEA asked for, or inside an archive).</summary>
    internal const string ParquetAsTextProblem =
        "a Parquet file is read by its columns (MarineCadastre or DMA names), with --format auto, csv-marinecadastre or csv-dma; not as NMEA, and not from inside an archive (unpack it first: Parquet needs random access)";

    /// <summary>The container a file's first bytes announce (the position is put back to 0).</summary>
    internal static InputContainer SniffContainer(Stream file)
    {
        Span<byte> magic = stackalloc byte[4];
        var read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return SniffContainer(magic[..read]);
    }

    /// <summary>The container that leading bytes announce: Parquet <c>PAR1</c>, zip <c>PK\x03\x04</c> (or an empty zip's <c>PK\x05\x06</c>), gzip <c>1F 8B</c>, zstd <c>28 B5 2F FD</c>.</summary>
    internal static InputContainer SniffContainer(ReadOnlySpan<byte> magic)
    {
        if (magic.StartsWith("PK\x03\x04"u8) || magic.StartsWith("PK\x05\x06"u8))
        {
            return InputContainer.Zip;
        }

        if (magic.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]))
        {
            return InputContainer.Gzip;
        }

        if (magic.StartsWith("PAR1"u8))
        {
            return InputContainer.Parquet;
        }

        return magic.StartsWith((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd]) ? InputContainer.Zstd : InputContainer.None;
    }

    /// <summary>Opens a file as UTF-8 text (see <see cref="OpenRead"/>).</summary>
    public static StreamReader OpenText(string path, InputProgress? progress = null) =>
        new(OpenRead(path, progress), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferBytes);
}

/// <summary>How an input file is packed.</summary>
internal enum InputContainer
{
    None,
    Gzip,
    Zstd,
    Zip,
    Parquet,
}

/// <summary>An input file is in no known format (binary, an archive of something else) or its archive is corrupt; the message names the file.</summary>
public sealed class InputFormatException(string file, string detail, Exception? inner = null) : IOException($"{file}: {detail}", inner)
{
    /// <summary>The file (and zip entry) that could not be read.</summary>
    public string File { get; } = file;
}
