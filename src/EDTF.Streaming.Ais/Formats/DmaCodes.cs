namespace EDTF.Streaming.Ais.Formats;

/// <summary>The words DMA's CSV uses for navigational status, ship type, cargo category and type of mobile, as AIS codes.</summary>
internal static class DmaCodes
{
    private static readonly Dictionary<string, int> NavStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Under way using engine"] = 0,
        ["At anchor"] = 1,
        ["Not under command"] = 2,
        ["Restricted maneuverability"] = 3,
        ["Restricted manoeuverability"] = 3,
        ["Restricted manoeuvrability"] = 3,
        ["Constrained by her draught"] = 4,
        ["Moored"] = 5,
        ["Aground"] = 6,
        ["Engaged in fishing"] = 7,
        ["Under way sailing"] = 8,
        ["Reserved for future amendment [HSC]"] = 9,
        ["Reserved for future amendment [WIG]"] = 10,
        ["Power-driven vessel towing astern"] = 11,
        ["Power-driven vessel pushing ahead or towing alongside"] = 12,
        ["Reserved for future use"] = 13,
        ["AIS-SART is active"] = 14,
        ["Unknown value"] = 15,
        ["Not defined"] = 15,
    };

    /// <summary>Ship type words and the first code of their AIS range (cargo and tanker take the hazard category as the last digit).</summary>
    private static readonly Dictionary<string, int> ShipTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WIG"] = 20,
        ["Fishing"] = 30,
        ["Towing"] = 31,
        ["Towing long/wide"] = 32,
        ["Dredging"] = 33,
        ["Diving"] = 34,
        ["Military"] = 35,
        ["Sailing"] = 36,
        ["Pleasure"] = 37,
        ["HSC"] = 40,
        ["Pilot"] = 50,
        ["SAR"] = 51,
        ["Tug"] = 52,
        ["Port tender"] = 53,
        ["Anti-pollution"] = 54,
        ["Law enforcement"] = 55,
        ["Medical"] = 58,
        ["Not party to conflict"] = 59,
        ["Passenger"] = 60,
        ["Cargo"] = 70,
        ["Tanker"] = 80,
        ["Other"] = 90,
    };

    /// <summary>The AIS navigational status of a DMA status word; null when unknown.</summary>
    public static int? NavStatus(ReadOnlySpan<char> word) =>
        CsvValues.IsMissing(word) ? null : NavStatuses.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var code) ? code : null;

    /// <summary>The AIS ship type code of a DMA ship type word and cargo category (X=1, Y=2, Z=3, OS=4 for WIG, HSC, passenger, cargo, tanker, other).</summary>
    public static int? ShipType(ReadOnlySpan<char> shipType, ReadOnlySpan<char> cargoType)
    {
        if (CsvValues.IsMissing(shipType) || !ShipTypes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(shipType, out var code))
        {
            return null;
        }

        return code % 10 == 0 ? code + HazardCategory(cargoType) : code;
    }

    /// <summary>The station kind of a DMA "Type of mobile" word.</summary>
    public static CsvStationKind StationKind(ReadOnlySpan<char> typeOfMobile)
    {
        if (typeOfMobile.Equals("Class B", StringComparison.OrdinalIgnoreCase))
        {
            return CsvStationKind.ClassB;
        }

        if (typeOfMobile.Equals("Base Station", StringComparison.OrdinalIgnoreCase))
        {
            return CsvStationKind.BaseStation;
        }

        if (typeOfMobile.Equals("AtoN", StringComparison.OrdinalIgnoreCase))
        {
            return CsvStationKind.AidToNavigation;
        }

        return typeOfMobile.Equals("SAR Airborne", StringComparison.OrdinalIgnoreCase) ? CsvStationKind.SarAircraft : CsvStationKind.ClassA;
    }

    private static int HazardCategory(ReadOnlySpan<char> cargoType) =>
        cargoType.Equals("Category X", StringComparison.OrdinalIgnoreCase) ? 1
        : cargoType.Equals("Category Y", StringComparison.OrdinalIgnoreCase) ? 2
        : cargoType.Equals("Category Z", StringComparison.OrdinalIgnoreCase) ? 3
        : cargoType.Equals("Category OS", StringComparison.OrdinalIgnoreCase) ? 4
        : 0;
}
