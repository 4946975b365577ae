namespace EDTF.Streaming.Simulation;

/// <summary>The listed vessels the simulator impersonates, and IMO numbers it must never give to a background vessel.</summary>
/// <remarks>The 26 DPRK tankers of the US advisory of 21 March 2019 (annex, with IMO numbers) and UN 1718 Committee designations; the
/// detection's default watch list (config/watchlist.csv) is built from the same data.</remarks>
internal static class SimulatedWatchlist
{
    public static readonly IReadOnlyList<WatchlistVessel> Tankers =
    [
        new(7303803, "AN SAN 1"),
        new(8660313, "CHON MA SAN"),
        new(8712362, "CHON MYONG 1"),
        new(8665131, "CHONG RIM 3"),
        new(8898740, "JI SONG 6"),
        new(8977900, "KANG DONG"),
        new(8613578, "KUM PIT 1"),
        new(8720436, "KUM UN SAN"),
        new(8021579, "MA DU SAN"),
        new(8610461, "MU BONG 1"),
        new(8532413, "MYONG RYU 1"),
        new(8122347, "NAM SAN 8"),
        new(9066978, "PAEK MA"),
        new(8848276, "PO CHON"),
        new(8705539, "PU RYONG"),
        new(7389704, "RYE SONG GANG 1"),
        new(8916293, "SAEBYOL"),
        new(8405311, "SAM JONG 1"),
        new(7408873, "SAM JONG 2"),
        new(8106496, "SAM MA 2"),
        new(8613360, "SONG WON"),
        new(8151415, "TONG HUNG 5"),
        new(8966535, "UN PHA 2"),
        new(8604917, "YU JONG 2"),
        new(8605026, "YU PHYONG 5"),
        new(8691702, "YU SON"),
    ];

    /// <summary>Every listed IMO (tankers, UN 1718 examples, VITYAZ): background vessels never get these.</summary>
    public static readonly IReadOnlyList<WatchlistVessel> AllListed =
    [
        .. Tankers,
        new(9191773, "BILLIONS NO.18"),
        new(9114555, "UL JI BONG 6"),
        new(9020534, "RUNG RA 2"),
        new(8125703, "VITYAZ"),
    ];
}
