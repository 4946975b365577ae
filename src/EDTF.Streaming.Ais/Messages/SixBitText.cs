namespace EDTF.Streaming.Ais.Messages;

/// <summary>Trims AIS 6-bit text as gpsd does: it ends at the first '@' (padding), then trailing spaces go.</summary>
internal static class SixBitText
{
    public static string? Trim(ReadOnlySpan<char> text)
    {
        var end = text.IndexOf('@');
        if (end < 0)
        {
            end = text.Length;
        }

        while (end > 0 && text[end - 1] == ' ')
        {
            end--;
        }

        return end == 0 ? null : new string(text[..end]);
    }
}
