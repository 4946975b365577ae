namespace EDTF.Streaming.Ais.Formats;

/// <summary>Splits a byte stream into lines without decoding text: each line is a slice of a reused buffer, valid until the next one is read.</summary>
public static class ByteLines
{
    private const int BufferBytes = 1 << 20;

    /// <summary>The lines of <paramref name="stream"/>, without <c>\n</c> or a trailing <c>\r</c>; the last line may lack a terminator.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Read(Stream stream)
    {
        var buffer = new byte[BufferBytes];
        var filled = 0;
        while (true)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var start = 0;
            while (true)
            {
                var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                yield return Trim(buffer.AsMemory(start, newline));
                start += newline + 1;
            }

            if (read == 0)
            {
                if (start < filled)
                {
                    yield return Trim(buffer.AsMemory(start, filled - start));
                }

                yield break;
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
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
