using System.IO.Compression;

namespace EDTF.Streaming.Ais;

/// <summary>Opens AIS capture files, decompressing <c>.gz</c> (by extension or magic bytes) transparently.</summary>
public static class AisFiles
{
    /// <summary>A readable stream of the file's text bytes.</summary>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var isGzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        if (!isGzip && file.Length >= 2)
        {
            isGzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
        }

        return isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }
}
