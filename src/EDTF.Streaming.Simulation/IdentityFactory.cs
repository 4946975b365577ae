using System.Globalization;

namespace EDTF.Streaming.Simulation;

/// <summary>Makes unique, plausible identities: MMSIs with real MIDs, IMO numbers with valid check digits, names and call signs.</summary>
internal sealed class IdentityFactory(SimRandom random, IReadOnlyList<WatchlistVessel> watchlist)
{
    private static readonly (int Mid, string CallPrefix)[] BackgroundFlags =
    [
        (440, "DS"), (441, "D7"), (431, "7J"), (432, "JD"), (412, "BR"), (413, "BQ"), (414, "BO"), (273, "UB"), (477, "VR"),
        (636, "D5"), (538, "V7"), (351, "3F"), (352, "3E"), (353, "H3"), (563, "9V"), (372, "3E"),
    ];

    private static readonly (int Mid, string CallPrefix)[] ConvenienceFlags =
        [(667, "9L"), (671, "5V"), (457, "JV"), (511, "T8"), (341, "V4"), (626, "TR")];

    private static readonly string[] First =
        ["OCEAN", "PACIFIC", "GOLDEN", "HAN", "XIN", "EASTERN", "GRAND", "SEA", "STAR", "BLUE", "DONG", "NORTH", "JIN", "PRIMORYE", "SUN", "HYUNDAI", "KOTA", "MARINE", "PAN", "GLORY"];

    private static readonly string[] Second =
        ["PIONEER", "HARMONY", "BRIDGE", "SPIRIT", "PHOENIX", "VOYAGER", "HAI", "LIGHT", "WAVE", "FORTUNE", "TRADER", "CARRIER", "EXPRESS", "DRAGON", "VENTURE", "HOPE"];

    private static readonly string[] KoreanNames =
        ["CHON MA", "PHYONG HWA", "SONG BONG", "RYONG GANG", "PAEK DU", "KUM GANG", "MYO HYANG", "RA NAM", "SO HAE", "TAE DONG"];

    private static readonly string[] Destinations = ["BUSAN", "VOSTOCHNY", "NAKHODKA", "SHANGHAI", "NINGBO", "TOYAMA", "NIIGATA", "VLADIVOSTOK", "DALIAN", "QINGDAO"];

    private readonly HashSet<int> _mmsis = [];
    private readonly HashSet<int> _imos = [.. SimulatedWatchlist.AllListed.Select(w => w.Imo)];
    private int _nextWatchlist;

    public VesselIdentity Background(int shipType, bool hasImo)
    {
        var (mid, prefix) = random.Pick(BackgroundFlags);
        var name = shipType is >= 30 and < 40
            ? $"{random.Pick(First)} {random.Next(1, 999).ToString(CultureInfo.InvariantCulture)}"
            : $"{random.Pick(First)} {random.Pick(Second)}" + (random.Chance(0.4) ? " " + random.Next(1, 30).ToString(CultureInfo.InvariantCulture) : "");
        return Make(mid, prefix, hasImo ? NewImo() : null, name, shipType);
    }

    public VesselIdentity OfInterest(InterestKind interest, int shipType)
    {
        switch (interest)
        {
            case InterestKind.Imo:
                if (_nextWatchlist >= watchlist.Count)
                {
                    throw new ScenarioException($"the scenario needs more than the {watchlist.Count} watch-list IMO numbers available");
                }

                var entry = watchlist[_nextWatchlist++];
                var (mid, prefix) = random.Pick(ConvenienceFlags);
                return Make(mid, prefix, entry.Imo, entry.Name, shipType);
            case InterestKind.Mid:
                var name = $"{random.Pick(KoreanNames)} {random.Next(1, 20).ToString(CultureInfo.InvariantCulture)}";
                return Make(445, "HM", NewImo(), name, shipType);
            default:
                return Background(shipType, hasImo: true);
        }
    }

    /// <summary>The same hull and IMO re-flagged: a new MMSI under a flag of convenience, a new name and call sign.</summary>
    public VesselIdentity Reflagged(VesselIdentity old)
    {
        var (mid, prefix) = random.Pick(ConvenienceFlags.Where(f => f.Mid != old.Mmsi / 1_000_000).ToArray());
        var name = $"{random.Pick(First)} {random.Pick(Second)}";
        return Make(mid, prefix, old.Imo, name, old.ShipType) with { LengthMeters = old.LengthMeters, WidthMeters = old.WidthMeters };
    }

    /// <summary>The same identity bound for another port (voyage data, not identity).</summary>
    public VesselIdentity WithNewDestination(VesselIdentity old) =>
        old with { Destination = random.Pick(Destinations.Where(d => d != old.Destination).ToArray()) };

    /// <summary>True when <paramref name="imo"/> passes the IMO check digit (weights 7..2 on the first six digits).</summary>
    public static bool IsValidImo(int imo)
    {
        if (imo is < 1_000_000 or > 9_999_999)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 6; i++)
        {
            sum += (imo / (int)Math.Pow(10, 6 - i) % 10) * (7 - i);
        }

        return sum % 10 == imo % 10;
    }

    private VesselIdentity Make(int mid, string callPrefix, int? imo, string name, int shipType)
    {
        int mmsi;
        do
        {
            mmsi = (mid * 1_000_000) + random.Next(0, 1_000_000);
        }
        while (!_mmsis.Add(mmsi));

        var callsign = callPrefix + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        var (length, width) = shipType switch
        {
            >= 30 and < 40 => (random.Next(20, 60), random.Next(6, 12)),
            >= 80 and < 90 => (random.Next(80, 250), random.Next(14, 44)),
            >= 70 and < 80 => (random.Next(90, 300), random.Next(15, 48)),
            _ => (random.Next(30, 120), random.Next(8, 20)),
        };
        var destination = random.Pick(Destinations);
        return new VesselIdentity(mmsi, imo, name, callsign, shipType, length, width, destination);
    }

    private int NewImo()
    {
        while (true)
        {
            var body = random.Next(900_000, 990_000);
            var sum = 0;
            for (var i = 0; i < 6; i++)
            {
                sum += (body / (int)Math.Pow(10, 5 - i) % 10) * (7 - i);
            }

            var imo = (body * 10) + (sum % 10);
            if (_imos.Add(imo))
            {
                return imo;
            }
        }
    }
}

/// <summary>A listed vessel the simulator can impersonate (IMO and name).</summary>
internal sealed record WatchlistVessel(int Imo, string Name);
