namespace EDTF.Streaming.Ais;

/// <summary>One decoded AIS message: its type and MMSI, the fields its type carries, its event time and its place in the input.</summary>
/// <remarks>
/// This is the contract between the decoder and everything downstream (detection, JSON output, Kafka).
/// Fields the protocol marks "not available" are <c>null</c>. Units are in the names: knots, degrees, metres.
/// Times are Unix epoch milliseconds (UTC). A value type so that position reports cost no allocation.
/// Fields may be added; existing ones are never renamed or retyped.
/// </remarks>
public readonly record struct AisReport
{
    /// <summary>AIS message type, 1 to 27.</summary>
    public int MessageType { get; init; }

    /// <summary>Maritime Mobile Service Identity of the sender.</summary>
    public int Mmsi { get; init; }

    /// <summary>Repeat indicator, 0 to 3.</summary>
    public int RepeatIndicator { get; init; }

    /// <summary>Event time in Unix epoch milliseconds (TAG block <c>c:</c>, a timestamp on the line), or null when the input carries none.</summary>
    public long? EventTimeMs { get; init; }

    /// <summary>1-based input line of the message's first sentence.</summary>
    public long Line { get; init; }

    /// <summary>Receiver or source (TAG block <c>s:</c>), when known.</summary>
    public string? Source { get; init; }

    /// <summary>Radio channel ('A', 'B', ...) or '\0' when absent.</summary>
    public char Channel { get; init; }

    // ---- Position (types 1, 2, 3, 18, 19, 27; 4 and 21 carry lat/lon too) ----

    /// <summary>Latitude in degrees, WGS84.</summary>
    public double? Latitude { get; init; }

    /// <summary>Longitude in degrees, WGS84.</summary>
    public double? Longitude { get; init; }

    /// <summary>Speed over ground in knots.</summary>
    public double? SpeedKnots { get; init; }

    /// <summary>Course over ground in degrees.</summary>
    public double? CourseDegrees { get; init; }

    /// <summary>True heading in degrees.</summary>
    public int? HeadingDegrees { get; init; }

    /// <summary>Navigational status 0-15 (15 = not defined is kept as 15).</summary>
    public int? NavStatus { get; init; }

    /// <summary>Rate of turn in degrees per minute (decoded from the ROT_AIS value), or null when not available.</summary>
    public double? RateOfTurn { get; init; }

    /// <summary>UTC second of the report (0-59), null when 60 (not available); 61-63 kept as is.</summary>
    public int? Second { get; init; }

    /// <summary>Position accuracy flag (true = high, &lt;10 m).</summary>
    public bool PositionAccuracy { get; init; }

    /// <summary>RAIM flag.</summary>
    public bool Raim { get; init; }

    // ---- Static and voyage (types 5, 19, 24) ----

    /// <summary>IMO number, null when 0 / not available.</summary>
    public int? Imo { get; init; }

    /// <summary>Call sign, trimmed of '@' and trailing spaces.</summary>
    public string? Callsign { get; init; }

    /// <summary>Vessel name, trimmed of '@' and trailing spaces.</summary>
    public string? Name { get; init; }

    /// <summary>AIS ship and cargo type code, null when 0.</summary>
    public int? ShipType { get; init; }

    /// <summary>Draught in metres, null when 0.</summary>
    public double? DraughtMeters { get; init; }

    /// <summary>Destination, trimmed.</summary>
    public string? Destination { get; init; }

    /// <summary>Metres from the reference point to the bow; the four dimensions are null together when all are 0 (not available).</summary>
    public int? ToBow { get; init; }

    /// <summary>Metres from the reference point to the stern.</summary>
    public int? ToStern { get; init; }

    /// <summary>Metres from the reference point to port.</summary>
    public int? ToPort { get; init; }

    /// <summary>Metres from the reference point to starboard.</summary>
    public int? ToStarboard { get; init; }

    /// <summary>ETA month 1-12, null when 0 (not available).</summary>
    public int? EtaMonth { get; init; }

    /// <summary>ETA day 1-31, null when 0.</summary>
    public int? EtaDay { get; init; }

    /// <summary>ETA hour 0-23, null when 24.</summary>
    public int? EtaHour { get; init; }

    /// <summary>ETA minute 0-59, null when 60.</summary>
    public int? EtaMinute { get; init; }

    /// <summary>Type 24 part number (0 = A, 1 = B), null for other types.</summary>
    public int? PartNumber { get; init; }

    /// <summary>True for types 1, 2, 3, 18, 19, 27 with a valid position.</summary>
    public bool IsPositionReport =>
        MessageType is 1 or 2 or 3 or 18 or 19 or 27 && Latitude is not null && Longitude is not null;

    // ---- Added by the decoder (all types that carry them; null otherwise) ----

    /// <summary>Raw ROT_AIS value (-127..127), null when -128 (not available); types 1-3.</summary>
    public int? RateOfTurnAis { get; init; }

    /// <summary>Manoeuvre indicator (0 = not available, 1 = no special, 2 = special); types 1-3.</summary>
    public int? ManeuverIndicator { get; init; }

    /// <summary>Communication state (radio status) bits as transmitted; types 1-4, 11, 18.</summary>
    public int? RadioStatus { get; init; }

    /// <summary>Electronic position fixing device type (0 = undefined); types 4, 5, 19, 21.</summary>
    public int? Epfd { get; init; }

    /// <summary>Data terminal equipment flag (true = not ready); types 5, 19.</summary>
    public bool? Dte { get; init; }

    /// <summary>AIS version indicator; type 5.</summary>
    public int? AisVersion { get; init; }

    /// <summary>Assigned-mode flag; types 18, 19, 21.</summary>
    public bool? AssignedMode { get; init; }

    /// <summary>Regional reserved / application bits; types 1-3 (reserved), 18, 19, 21.</summary>
    public int? RegionalReserved { get; init; }

    /// <summary>UTC year of a base station report, null when 0; types 4, 11.</summary>
    public int? UtcYear { get; init; }

    /// <summary>UTC month, null when 0; types 4, 11.</summary>
    public int? UtcMonth { get; init; }

    /// <summary>UTC day, null when 0; types 4, 11.</summary>
    public int? UtcDay { get; init; }

    /// <summary>UTC hour, null when 24; types 4, 11.</summary>
    public int? UtcHour { get; init; }

    /// <summary>UTC minute, null when 60; types 4, 11 (the second is in <see cref="Second"/>).</summary>
    public int? UtcMinute { get; init; }

    /// <summary>Class B unit flag (true = carrier-sense unit); type 18.</summary>
    public bool? CsUnit { get; init; }

    /// <summary>Class B display flag; type 18.</summary>
    public bool? DisplayFlag { get; init; }

    /// <summary>Class B DSC flag; type 18.</summary>
    public bool? DscFlag { get; init; }

    /// <summary>Class B band flag; type 18.</summary>
    public bool? BandFlag { get; init; }

    /// <summary>Class B message 22 flag; type 18.</summary>
    public bool? Message22Flag { get; init; }

    /// <summary>Aid-to-navigation type (0-31); type 21.</summary>
    public int? AidType { get; init; }

    /// <summary>Off-position indicator; type 21.</summary>
    public bool? OffPosition { get; init; }

    /// <summary>Virtual aid flag; type 21.</summary>
    public bool? VirtualAid { get; init; }

    /// <summary>Vendor ID (3 characters, trimmed); type 24 part B.</summary>
    public string? VendorId { get; init; }

    /// <summary>Unit model code; type 24 part B.</summary>
    public int? ModelCode { get; init; }

    /// <summary>Unit serial number; type 24 part B.</summary>
    public int? SerialNumber { get; init; }

    /// <summary>Mothership MMSI of an auxiliary craft (MMSI 98xxxxxxx); type 24 part B.</summary>
    public int? MothershipMmsi { get; init; }

    /// <summary>Position latency flag (false = under 5 s, true = over 5 s; gpsd's <c>gnss</c>); type 27.</summary>
    public bool? PositionLatency { get; init; }

    /// <summary>Total payload bits of the message (after fill bits).</summary>
    public int PayloadBits { get; init; }

    /// <summary>True for messages that carry identity or voyage data (5, 19, 24).</summary>
    public bool IsStaticReport => MessageType is 5 or 19 or 24;
}
