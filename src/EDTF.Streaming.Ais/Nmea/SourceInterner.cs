using System.Text;

namespace EDTF.Streaming.Ais.Nmea;

/// <summary>Caches TAG block source strings so a steady stream of lines allocates no new string per line.</summary>
internal sealed class SourceInterner(int capacity)
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public string? Get(ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty)
        {
            return null;
        }

        if (source.Length > 128)
        {
            return System.Text.Encoding.Latin1.GetString(source);
        }

        Span<char> chars = stackalloc char[source.Length];
        System.Text.Encoding.Latin1.GetChars(source, chars);
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var cached))
        {
            return cached;
        }

        var created = new string(chars);
        if (_strings.Count < capacity)
        {
            _strings[created] = created;
        }

        return created;
    }
}
