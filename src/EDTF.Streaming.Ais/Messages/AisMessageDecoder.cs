using static EDTF.Streaming.Ais.Messages.AisFieldScaling;

namespace EDTF.Streaming.Ais.Messages;

/// <summary>Decodes a complete AIS payload into an <see cref="AisReport"/> (ITU-R M.1371, field layout as in gpsd's AIVDM document).</summary>
internal static class AisMessageDecoder
{
    /// <summary>Smallest payload that carries a type, repeat indicator and MMSI.</summary>
    public const int HeaderBits = 38;

    /// <summary>Decodes the payload in <paramref name="b"/>; returns null on success, or why it cannot be decoded.</summary>
    /// <remarks>
    /// Payloads shorter or longer than their type defines still decode (real receivers deliver both): every field lying
    /// wholly inside the payload is read, fields past its end are null. Only payloads without a full header are refused.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static string? Decode(SixBitBuffer b, in MessageContext ctx, out AisReport report)
    {
        var bits = b.BitLength;
        if (bits < HeaderBits)
        {
            report = default;
            return "payload shorter than the 38-bit header";
        }

        var type = (int)b.Unsigned(0, 6);
        report = type switch
        {
            1 or 2 or 3 => ClassA(b, ctx, type),
            4 or 11 => BaseStation(b, ctx, type),
            5 => StaticVoyage(b, ctx),
            18 => ClassB(b, ctx),
            19 => ExtendedClassB(b, ctx),
            21 => AidToNavigation(b, ctx),
            24 => StaticData(b, ctx),
            27 => LongRange(b, ctx),
            _ => new AisReport
            {
                MessageType = type, RepeatIndicator = (int)b.Unsigned(6, 2), Mmsi = (int)b.Unsigned(8, 30),
                Line = ctx.Line, EventTimeMs = ctx.EventTimeMs, Source = ctx.Source, Channel = ctx.Channel, PayloadBits = bits,
            },
        };
        return null;
    }

    /// <summary>The payload size ITU-R M.1371 defines for a type (the smallest valid one where it varies), or 0 when not checked.</summary>
    public static int DefinedBits(int type) => type switch
    {
        1 or 2 or 3 or 4 or 11 or 18 => 168,
        5 => 424,
        19 => 312,
        21 => 272,
        24 => 160,
        27 => 96,
        _ => 0,
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static AisReport ClassA(SixBitBuffer b, in MessageContext ctx, int type)
    {
        var rot = b.S(42, 8);
        return new AisReport
        {
            MessageType = type, RepeatIndicator = (int)b.Unsigned(6, 2), Mmsi = (int)b.Unsigned(8, 30),
            Line = ctx.Line, EventTimeMs = ctx.EventTimeMs, Source = ctx.Source, Channel = ctx.Channel, PayloadBits = b.BitLength,
            NavStatus = (int?)b.U(38, 4),
            RateOfTurn = RateOfTurn(rot),
            RateOfTurnAis = RateOfTurnAis(rot),
            SpeedKnots = SpeedKnots(b.U(50, 10)),
            PositionAccuracy = b.Bit(60),
            Longitude = Longitude(b.S(61, 28)),
            Latitude = Latitude(b.S(89, 27)),
            CourseDegrees = CourseDegrees(b.U(116, 12)),
            HeadingDegrees = HeadingDegrees(b.U(128, 9)),
            Second = Second(b.U(137, 6)),
            ManeuverIndicator = (int?)b.U(143, 2),
            RegionalReserved = (int?)b.U(145, 3),
            Raim = b.Bit(148),
            RadioStatus = (int?)b.U(149, 19),
        };
    }

    private static AisReport BaseStation(SixBitBuffer b, in MessageContext ctx, int type) => new()
    {
        MessageType = type, RepeatIndicator = (int)b.Unsigned(6, 2), Mmsi = (int)b.Unsigned(8, 30),
        Line = ctx.Line, EventTimeMs = ctx.EventTimeMs, Source = ctx.Source, Channel = ctx.Channel, PayloadBits = b.BitLength,
        UtcYear = NullIfZero(b.U(38, 14)),
        UtcMonth = NullIfZero(b.U(52, 4)),
        UtcDay = NullIfZero(b.U(56, 5)),
        UtcHour = NullIf(b.U(61, 5), 24),
        UtcMinute = NullIf(b.U(66, 6), 60),
        Second = Second(b.U(72, 6)),
        PositionAccuracy = b.Bit(78),
        Longitude = Longitude(b.S(79, 28)),
        Latitude = Latitude(b.S(107, 27)),
        Epfd = (int?)b.U(134, 4),
        Raim = b.Bit(148),
        RadioStatus = (int?)b.U(149, 19),
    };

    private static AisReport StaticVoyage(SixBitBuffer b, in MessageContext ctx)
    {
        var (bow, stern, port, starboard) = Dimensions(b, 240);
        return new AisReport
        {
            MessageType = 5, RepeatIndicator = (int)b.Unsigned(6, 2), Mmsi = (int)b.Unsigned(8, 30),
            Line = ctx.Line, EventTimeMs = ctx.EventTimeMs, Source = ctx.Source, Channel = ctx.Channel, PayloadBits = b.BitLength,
            AisVersion = (int?)b.U(38, 2),
            Imo = NullIfZero(b.U(40, 30)),
            Callsign = b.Text(70, 7),
            Name = b.Text(112, 20),
            ShipType = NullIfZero(b.U(232, 8)),
            ToBow = bow, ToStern = stern, ToPort = port, ToStarboard = starboard,
            Epfd = (int?)b.U(270, 4),
            EtaMonth = NullIfZero(b.U(274, 4)),
            EtaDay = NullIfZero(b.U(278, 5)),
            EtaHour = NullIf(b.U(283, 5), 24),
            EtaMinute = NullIf(b.U(288, 6), 60),
            DraughtMeters = DraughtMeters(b.U(294, 8)),
            Destination = b.Text(302, 20),
            Dte = b.BitLength > 422 ? b.Bit(422) : null,
        };
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static AisReport ClassB(SixBitBuffer b, in MessageContext ctx) => new()
    {
        MessageType = 18, RepeatIndicator = (int)b.Unsigned(6, 2), Mmsi = (int)b.Unsigned(8, 30),
        Line = ctx.Line, EventTimeMs = ctx.EventTimeMs, Source = ctx.Source, Channel = ctx.Channel, PayloadBits = b.BitLength,
        SpeedKnots = SpeedKnots(b.U(46, 10)),
        PositionAccuracy = b.Bit(56),
        Longitude = Longitude(b.S(57, 28)),
        Latitude = Latitude(b.S(85, 27)),
        CourseDegrees = CourseDegrees(b.U(112, 12)),
        HeadingDegrees = HeadingDegrees(b.U(124, 9)),
        Second = Second(b.U(133, 6)),
        RegionalReserved = (int?)b.U(139, 2),
        CsUnit = b.B(141),
        DisplayFlag = b.B(142),
        DscFlag = b.B(143),
        BandFlag = b.B(144),
        Message22Flag = b.B(145),
        AssignedMode = b.B(146),
        Raim = b.Bit(147),
        RadioStatus = (int?)b.U(148, 20),
    };

    private static AisReport ExtendedClassB(SixBitBuffer b, in MessageContext ctx)
    {
        var (bow, stern, port, starboard) = Dimensions(b, 271);
        return new AisReport
        {
            MessageType = 19, RepeatIndicator = (int)b.Unsigned(6, 2), Mmsi = (int)b.Unsigned(8, 30),
            Line = ctx.Line, EventTimeMs = ctx.EventTimeMs, Source = ctx.Source, Channel = ctx.Channel, PayloadBits = b.BitLength,
            SpeedKnots = SpeedKnots(b.U(46, 10)),
            PositionAccuracy = b.Bit(56),
            Longitude = Longitude(b.S(57, 28)),
            Latitude = Latitude(b.S(85, 27)),
            CourseDegrees = CourseDegrees(b.U(112, 12)),
            HeadingDegrees = HeadingDegrees(b.U(124, 9)),
            Second = Second(b.U(133, 6)),
            RegionalReserved = (int?)b.U(139, 4),
            Name = b.Text(143, 20),
            ShipType = NullIfZero(b.U(263, 8)),
            ToBow = bow, ToStern = stern, ToPort = port, ToStarboard = starboard,
            Epfd = (int?)b.U(301, 4),
            Raim = b.Bit(305),
            Dte = b.B(306),
            AssignedMode = b.B(307),
        };
    }

    private static AisReport AidToNavigation(SixBitBuffer b, in MessageContext ctx)
    {
        var (bow, stern, port, starboard) = Dimensions(b, 219);
        var extensionChars = (b.BitLength - 272) / 6;
        return new AisReport
        {
            MessageType = 21, RepeatIndicator = (int)b.Unsigned(6, 2), Mmsi = (int)b.Unsigned(8, 30),
            Line = ctx.Line, EventTimeMs = ctx.EventTimeMs, Source = ctx.Source, Channel = ctx.Channel, PayloadBits = b.BitLength,
            AidType = (int?)b.U(38, 5),
            Name = AidName(b, extensionChars),
            PositionAccuracy = b.Bit(163),
            Longitude = Longitude(b.S(164, 28)),
            Latitude = Latitude(b.S(192, 27)),
            ToBow = bow, ToStern = stern, ToPort = port, ToStarboard = starboard,
            Epfd = (int?)b.U(249, 4),
            Second = Second(b.U(253, 6)),
            OffPosition = b.B(259),
            RegionalReserved = (int?)b.U(260, 8),
            Raim = b.Bit(268),
            VirtualAid = b.B(269),
            AssignedMode = b.B(270),
        };
    }

    /// <summary>The 20-character name and its extension (bits 272 on), read as one text.</summary>
    private static string? AidName(SixBitBuffer b, int extensionChars)
    {
        Span<char> buffer = stackalloc char[20 + 14];
        var n = 0;
        for (var i = 0; i < 20; i++)
        {
            buffer[n++] = SixBitChar(b.Unsigned(43 + (i * 6), 6));
        }

        for (var i = 0; i < extensionChars && n < buffer.Length; i++)
        {
            buffer[n++] = SixBitChar(b.Unsigned(272 + (i * 6), 6));
        }

        return SixBitText.Trim(buffer[..n]);
    }

    private static char SixBitChar(uint v) => (char)(v < 32 ? v + 64 : v);

    private static AisReport StaticData(SixBitBuffer b, in MessageContext ctx)
    {
        var part = (int)b.Unsigned(38, 2);
        var mmsi = (int)b.Unsigned(8, 30);
        var report = new AisReport
        {
            MessageType = 24, RepeatIndicator = (int)b.Unsigned(6, 2), Mmsi = mmsi,
            Line = ctx.Line, EventTimeMs = ctx.EventTimeMs, Source = ctx.Source, Channel = ctx.Channel, PayloadBits = b.BitLength,
            PartNumber = part,
        };
        if (part == 0)
        {
            return report with { Name = b.Text(40, 20) };
        }

        if (part != 1)
        {
            return report;
        }

        var auxiliary = mmsi / 10_000_000 == 98;
        var (bow, stern, port, starboard) = auxiliary ? (null, null, null, null) : Dimensions(b, 132);
        return report with
        {
            ShipType = NullIfZero(b.U(40, 8)),
            VendorId = b.Text(48, 3),
            ModelCode = (int?)b.U(66, 4),
            SerialNumber = (int?)b.U(70, 20),
            Callsign = b.Text(90, 7),
            ToBow = bow, ToStern = stern, ToPort = port, ToStarboard = starboard,
            MothershipMmsi = auxiliary ? (int?)b.U(132, 30) : null,
        };
    }

    private static AisReport LongRange(SixBitBuffer b, in MessageContext ctx) => new()
    {
        MessageType = 27, RepeatIndicator = (int)b.Unsigned(6, 2), Mmsi = (int)b.Unsigned(8, 30),
        Line = ctx.Line, EventTimeMs = ctx.EventTimeMs, Source = ctx.Source, Channel = ctx.Channel, PayloadBits = b.BitLength,
        PositionAccuracy = b.Bit(38),
        Raim = b.Bit(39),
        NavStatus = (int?)b.U(40, 4),
        Longitude = LongitudeCoarse(b.S(44, 18)),
        Latitude = LatitudeCoarse(b.S(62, 17)),
        SpeedKnots = b.U(79, 6) is { } sog && sog != 63 ? sog : null,
        CourseDegrees = b.U(85, 9) is { } cog && cog < 360 ? cog : null,
        PositionLatency = b.B(94),
    };

    /// <summary>Reference-point dimensions (bow 9, stern 9, port 6, starboard 6 bits); all four zero means not available.</summary>
    private static (int? Bow, int? Stern, int? Port, int? Starboard) Dimensions(SixBitBuffer b, int start)
    {
        if (!b.Fits(start, 30))
        {
            return (null, null, null, null);
        }

        var bow = (int)b.Unsigned(start, 9);
        var stern = (int)b.Unsigned(start + 9, 9);
        var port = (int)b.Unsigned(start + 18, 6);
        var starboard = (int)b.Unsigned(start + 24, 6);
        return bow == 0 && stern == 0 && port == 0 && starboard == 0 ? (null, null, null, null) : (bow, stern, port, starboard);
    }
}
