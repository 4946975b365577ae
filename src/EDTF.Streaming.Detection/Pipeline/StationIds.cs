using System.Collections.Concurrent;

namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>Small numbers for receiving stations (TAG block <c>s:</c>), so that a report can carry its station in its <see cref="SourceRef"/>.</summary>
/// <remarks>Thread-safe (readers prepare observations on their own threads); process-wide and bounded: beyond <see cref="MaxStations"/> names a station is unknown (0).</remarks>
internal static class StationIds
{
    /// <summary>Distinct station names numbered; later ones count as unknown.</summary>
    public const int MaxStations = 65_535;

    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<int, string> Names = new();
    private static int _next;

    /// <summary>The number of <paramref name="station"/>, 0 for none (or once the table is full).</summary>
    public static int Of(string? station)
    {
        if (string.IsNullOrEmpty(station))
        {
            return 0;
        }

        if (Ids.TryGetValue(station, out var id))
        {
            return id;
        }

        lock (Ids)
        {
            if (Ids.TryGetValue(station, out id))
            {
                return id;
            }

            if (_next >= MaxStations)
            {
                return 0;
            }

            id = ++_next;
            Names[id] = station;
            Ids[station] = id;
            return id;
        }
    }

    /// <summary>Every station numbered so far, by number.</summary>
    public static IReadOnlyList<(int Id, string Name)> All() => [.. Names.OrderBy(p => p.Key).Select(p => (p.Key, p.Value))];

    /// <summary>The station name of a number, null for 0 or an unknown number.</summary>
    public static string? Name(int id) => Names.TryGetValue(id, out var name) ? name : null;
}
