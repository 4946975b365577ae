using ZstdSharp;

namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// Passes the (decompressed) bytes of an input through, checking that they begin as text (no NUL byte, few control
/// characters, no archive inside) and turning decompression failures into an <see cref="InputFormatException"/> naming the file.
/// </summary>
internal sealed class TextInputStream(Stream inner, string name, string? container) : ReadOnlyForwardStream
{
    private const int CheckedBytes = 8192;
    private const int MaxControlPerThousand = 100;
    private long _checked;
    private long _control;

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (Exception ex) when (ex is InvalidDataException or ZstdException or EndOfStreamException)
        {
            throw new InputFormatException(name, $"corrupt {container ?? "archive"} data: {ex.Message}", ex);
        }

        if (_checked < CheckedBytes && read > 0)
        {
            Check(buffer[..read]);
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Check(ReadOnlySpan<byte> bytes)
    {
        if (_checked == 0 && InputFiles.SniffContainer(bytes) == InputContainer.Parquet)
        {
            throw new InputFormatException(name, InputFiles.ParquetAsTextProblem);
        }

        if (_checked == 0 && InputFiles.SniffContainer(bytes) != InputContainer.None)
        {
            throw new InputFormatException(name, "not a known input format: an archive inside " + (container ?? "a file") + "; expected CSV or NMEA text");
        }

        var part = bytes[..(int)Math.Min(bytes.Length, CheckedBytes - _checked)];
        foreach (var b in part)
        {
            if (b == 0)
            {
                throw new InputFormatException(name, "not a known input format: binary content (NUL bytes); expected CSV or NMEA text, plain or in .gz, .zst or .zip");
            }

            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0c and not 0x1b)
            {
                _control++;
            }
        }

        _checked += part.Length;
        if (_control * 1000 > _checked * MaxControlPerThousand && _checked >= 64)
        {
            throw new InputFormatException(name, "not a known input format: binary content (control bytes); expected CSV or NMEA text, plain or in .gz, .zst or .zip");
        }
    }
}
