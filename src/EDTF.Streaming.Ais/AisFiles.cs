namespace EDTF.Streaming.Ais;

/// <summary>Opens AIS capture files, decompressing gzip, zstd and zip (told by their magic bytes) transparently.</summary>
public static class AisFiles
{
    /// <summary>A readable stream of the file's text bytes (gzip, zstd and zip unpacked; see <see cref="Formats.InputFiles.OpenRead"/>).</summary>
    public static Stream OpenRead(string path) => Formats.InputFiles.OpenRead(path);
}
