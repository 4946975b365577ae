namespace EDTF.Streaming.Ais;

/// <summary>Feeds a file or stream to an <see cref="NmeaDecoder"/> line by line, straight from a byte buffer.</summary>
public static class NmeaFileReader
{
    private const int BufferBytes = 1 << 20;

    /// <summary>Decodes every line of <paramref name="path"/> (gz or plain), then flushes the decoder; returns the number of lines.</summary>
    public static long Decode(string path, NmeaDecoder decoder, IAisReportSink sink, long? fallbackTimeMs = null)
    {
        using var stream = AisFiles.OpenRead(path);
        return Decode(stream, decoder, sink, fallbackTimeMs);
    }

    /// <summary>
    /// Decodes every line of <paramref name="stream"/>, then flushes the decoder; returns the number of lines. Lines are
    /// counted in <paramref name="progress"/> a buffer at a time.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static long Decode(Stream stream, NmeaDecoder decoder, IAisReportSink sink, long? fallbackTimeMs = null, Formats.InputProgress? progress = null)
    {
        var buffer = new byte[BufferBytes];
        var filled = 0;
        long line = 0;
        long counted = 0;
        while (true)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var span = buffer.AsSpan(0, filled);
            var start = 0;
            while (true)
            {
                var newline = span[start..].IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                decoder.DecodeLine(span.Slice(start, newline), ++line, fallbackTimeMs, sink);
                start += newline + 1;
            }

            progress?.AddRows(line - counted);
            counted = line;
            if (read == 0)
            {
                if (start < filled)
                {
                    decoder.DecodeLine(span[start..], ++line, fallbackTimeMs, sink);
                }

                break;
            }

            var remaining = filled - start;
            if (remaining == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else
            {
                buffer.AsSpan(start, remaining).CopyTo(buffer);
            }

            filled = remaining;
        }

        progress?.AddRows(line - counted);
        decoder.Flush(sink);
        return line;
    }
}
