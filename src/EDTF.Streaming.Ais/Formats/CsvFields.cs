using System.Text;

namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// The fields of one tabular row: a CSV line split (RFC 4180 quoting within a line) without allocating for unquoted
/// fields, or the values of a Parquet row written as text into a buffer (<see cref="Reset(char[])"/>, <see cref="Add"/>).
/// </summary>
internal sealed class CsvFields
{
    private readonly List<(int Start, int Length)> _ranges = new(32);
    private readonly List<string?> _unquoted = new(32);
    private ReadOnlyMemory<char> _text = ReadOnlyMemory<char>.Empty;

    /// <summary>The number of fields of the last split line.</summary>
    public int Count => _ranges.Count;

    /// <summary>A field, trimmed of surrounding white space.</summary>
    public ReadOnlySpan<char> this[int index] =>
        _unquoted[index] is { } text ? text.AsSpan().Trim() : _text.Span.Slice(_ranges[index].Start, _ranges[index].Length).Trim();

    /// <summary>Splits a line; false when a quoted field is not closed or is followed by something other than a comma.</summary>
    public bool Split(string line)
    {
        _text = line.AsMemory();
        _ranges.Clear();
        _unquoted.Clear();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                if (!TryReadQuoted(line, ref i))
                {
                    return false;
                }
            }
            else
            {
                var end = line.IndexOf(',', i);
                end = end < 0 ? line.Length : end;
                _ranges.Add((i, end - i));
                _unquoted.Add(null);
                i = end;
            }

            if (i >= line.Length)
            {
                return true;
            }

            i++; // the comma
        }
    }

    /// <summary>Starts a row whose field values will be written into <paramref name="text"/> and added with <see cref="Add"/>.</summary>
    public void Reset(char[] text)
    {
        _text = text;
        _ranges.Clear();
        _unquoted.Clear();
    }

    /// <summary>Adds a field: <paramref name="length"/> characters of the buffer given to <see cref="Reset(char[])"/>, from <paramref name="start"/>.</summary>
    public void Add(int start, int length)
    {
        _ranges.Add((start, length));
        _unquoted.Add(null);
    }

    /// <summary>A field as a string, or null when it is empty.</summary>
    public string? Text(int index)
    {
        var span = this[index];
        return span.IsEmpty ? null : span.ToString();
    }

    private bool TryReadQuoted(string line, ref int i)
    {
        var builder = new StringBuilder();
        var start = i;
        i++;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    builder.Append('"');
                    i += 2;
                    continue;
                }

                i++;
                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < line.Length && line[i] != ',')
                {
                    return false;
                }

                _ranges.Add((start, i - start));
                _unquoted.Add(builder.ToString());
                return true;
            }

            builder.Append(c);
            i++;
        }

        return false;
    }
}
