using System.Globalization;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;

namespace EDTF.Streaming.Simulation;

/// <summary>
/// Walks every vessel's report schedule in event-time order and turns each report into AIVDM lines and a CSV row,
/// applying silences, outages, random loss, duplicates (a second receiver), late arrival and corrupt lines.
/// </summary>
internal sealed class TrafficGenerator(ScenarioDefinition scenario, IReadOnlyList<SimulatedVessel> vessels, long startMs, long endMs, long seed, bool withCsv = true)
{
    private readonly SimRandom _random = SimRandom.Derive(seed, "reception", 0);
    private readonly PriorityQueue<(int Vessel, bool Static), (long TimeMs, int Order)> _schedule = new();
    private readonly PriorityQueue<TrafficUnit, (long EmitMs, long Sequence)> _pending = new();
    private readonly long[] _lastHeardMs = new long[vessels.Count];
    private readonly string?[] _outageSinceHeard = new string?[vessels.Count];
    private long _sequence;
    private int _sequentialId;

    public SimulationStatistics Statistics { get; } = new();

    /// <summary>Gaps caused by an outage: vessel, last report heard before, first heard after, outage id.</summary>
    public List<(SimulatedVessel Vessel, long FromMs, long ToMs, string OutageId)> OutageGaps { get; } = [];

    /// <summary>Per outage, the vessels it silenced at least once.</summary>
    public Dictionary<string, HashSet<int>> OutageVictims { get; } = new(StringComparer.Ordinal);

    public void Run(Action<TrafficUnit> emit)
    {
        Statistics.Vessels = vessels.Count;
        foreach (var v in vessels)
        {
            var r = SimRandom.Derive(seed, "schedule", v.Index);
            var appear = Math.Max(startMs, v.Timeline.AppearMs);
            _schedule.Enqueue((v.Index, false), (appear + (long)r.Between(0, scenario.Reporting.UnderwaySeconds * 1000.0), v.Index * 2));
            _schedule.Enqueue((v.Index, true), (appear + (long)r.Between(0, scenario.Reporting.StaticSeconds * 1000.0), (v.Index * 2) + 1));
            _lastHeardMs[v.Index] = long.MinValue;
        }

        while (_schedule.TryDequeue(out var item, out var when))
        {
            if (when.TimeMs >= endMs)
            {
                continue;
            }

            Flush(when.TimeMs, emit);
            var vessel = vessels[item.Vessel];
            var next = item.Static ? StaticReport(vessel, when.TimeMs) : PositionReport(vessel, when.TimeMs);
            _schedule.Enqueue(item, (next, when.Order));
        }

        Flush(long.MaxValue, emit);
    }

    private void Flush(long uptoMs, Action<TrafficUnit> emit)
    {
        while (_pending.TryPeek(out var unit, out var key) && key.EmitMs <= uptoMs)
        {
            _pending.Dequeue();
            emit(unit);
        }
    }

    private long Jitter() => (long)_random.Between(-scenario.Reporting.JitterSeconds * 1000.0, scenario.Reporting.JitterSeconds * 1000.0);

    private long PositionReport(SimulatedVessel vessel, long timeMs)
    {
        var state = vessel.Timeline.StateAt(timeMs);
        var stopped = state.NavStatus is 1 or 5;
        var next = timeMs + ((stopped ? scenario.Reporting.AnchoredSeconds : scenario.Reporting.UnderwaySeconds) * 1000L) + Jitter();
        if (!Heard(vessel, timeMs, state.Position))
        {
            return next;
        }

        var moving = state.SpeedKnots > 1;
        var sog = state.NavStatus == 5 ? 0 : Math.Max(0, state.SpeedKnots + (moving ? _random.Between(-0.2, 0.2) : _random.Between(0, 0.05)));
        var report = new AisReport
        {
            MessageType = stopped ? 3 : 1,
            Mmsi = vessel.IdentityAt(timeMs).Mmsi,
            EventTimeMs = timeMs / 1000 * 1000,
            NavStatus = state.NavStatus,
            RateOfTurn = 0,
            SpeedKnots = Math.Round(sog, 1),
            PositionAccuracy = true,
            Latitude = state.Position.Lat,
            Longitude = state.Position.Lon,
            CourseDegrees = Math.Round(SimGeo.Normalize(state.CourseDegrees + (moving ? _random.Between(-1, 1) : 0)), 1),
            HeadingDegrees = state.HeadingDegrees,
            Second = (int)(timeMs / 1000 % 60),
        };
        Statistics.PositionReports++;
        var identityKnown = timeMs >= vessel.Timeline.StaticFromMs;
        var csv = withCsv ? MarineCadastreCsv.Row(report, timeMs, vessel.IdentityAt(timeMs), vessel.Timeline.DraughtAt(timeMs), identityKnown) : null;
        Receive(AisEncoder.EncodePosition(report), timeMs, state.Position, csv, vessel.HeardTwice);
        return next;
    }

    private long StaticReport(SimulatedVessel vessel, long timeMs)
    {
        var next = timeMs + (scenario.Reporting.StaticSeconds * 1000L) + Jitter();
        var state = vessel.Timeline.StateAt(timeMs);
        if (timeMs < vessel.Timeline.StaticFromMs || !Heard(vessel, timeMs, state.Position))
        {
            return next;
        }

        var id = vessel.IdentityAt(timeMs);
        var eta = DateTimeOffset.FromUnixTimeMilliseconds(timeMs).UtcDateTime.Date.AddDays(2);
        var report = new AisReport
        {
            MessageType = 5,
            Mmsi = id.Mmsi,
            Imo = id.Imo,
            Callsign = id.Callsign,
            Name = id.Name,
            ShipType = id.ShipType,
            ToBow = id.LengthMeters * 3 / 4,
            ToStern = id.LengthMeters - (id.LengthMeters * 3 / 4),
            ToPort = id.WidthMeters / 2,
            ToStarboard = id.WidthMeters - (id.WidthMeters / 2),
            EtaMonth = eta.Month,
            EtaDay = eta.Day,
            EtaHour = 8,
            EtaMinute = 0,
            DraughtMeters = vessel.Timeline.DraughtAt(timeMs),
            Destination = id.Destination,
        };
        Statistics.StaticReports++;
        Receive(AisEncoder.EncodeStaticAndVoyage(report), timeMs, state.Position, null, vessel.HeardTwice);
        return next;
    }

    /// <summary>Decides whether a transmission reaches any receiver, keeping the bookkeeping for outage gaps.</summary>
    private bool Heard(SimulatedVessel vessel, long timeMs, GeoPoint position)
    {
        if (vessel.Timeline.IsSilent(timeMs))
        {
            Statistics.SilencedByBehaviour++;
            return false;
        }

        foreach (var outage in scenario.Outages)
        {
            var from = startMs + (long)(outage.AtHours * 3_600_000);
            var to = from + (long)(outage.DurationHours * 3_600_000);
            if (timeMs >= from && timeMs < to && outage.Box.Contains(position))
            {
                Statistics.SilencedByOutage++;
                _outageSinceHeard[vessel.Index] = outage.Id;
                if (!OutageVictims.TryGetValue(outage.Id, out var victims))
                {
                    OutageVictims[outage.Id] = victims = [];
                }

                victims.Add(vessel.Identity.Mmsi);
                return false;
            }
        }

        if (_random.Chance(scenario.Reception.LossRate))
        {
            Statistics.Lost++;
            return false;
        }

        if (_outageSinceHeard[vessel.Index] is { } outageId && _lastHeardMs[vessel.Index] != long.MinValue)
        {
            OutageGaps.Add((vessel, _lastHeardMs[vessel.Index], timeMs, outageId));
        }

        _outageSinceHeard[vessel.Index] = null;
        _lastHeardMs[vessel.Index] = timeMs;
        return true;
    }

    private void Receive(AisPayload payload, long timeMs, GeoPoint position, string? csv, bool heardTwice)
    {
        var channel = _random.Chance(0.5) ? 'A' : 'B';
        _sequentialId = (_sequentialId + 1) % 10;
        var sentences = AisEncoder.ToSentences(payload, channel, _sequentialId);
        var receiver = string.Create(CultureInfo.InvariantCulture, $"rx{(int)Math.Floor(position.Lat)}n{(int)Math.Floor(position.Lon)}e");
        var seconds = timeMs / 1000;

        var emitMs = timeMs;
        if (_random.Chance(scenario.Reception.OutOfOrderRate))
        {
            emitMs += (long)_random.Between(20_000, Math.Max(20_000, scenario.Reception.MaxLatenessSeconds * 1000.0));
            Statistics.OutOfOrder++;
        }

        Enqueue(new TrafficUnit(Lines(sentences, seconds, receiver), csv), emitMs);
        if (_random.Chance(scenario.Reception.DuplicateRate) || heardTwice)
        {
            Statistics.Duplicates++;
            Enqueue(new TrafficUnit(Lines(sentences, seconds, receiver + "b"), null), emitMs + (long)_random.Between(200, 3_000));
        }
    }

    private void Enqueue(TrafficUnit unit, long emitMs)
    {
        Statistics.NmeaLines += unit.NmeaLines.Count;
        Statistics.CsvRows += unit.CsvRow is null ? 0 : 1;
        _pending.Enqueue(unit, (emitMs, _sequence++));
    }

    private string[] Lines(IReadOnlyList<string> sentences, long seconds, string receiver)
    {
        var tag = AisEncoder.TagBlock(seconds, receiver);
        var lines = new string[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            lines[i] = tag + Corrupt(sentences[i]);
        }

        return lines;
    }

    private string Corrupt(string sentence)
    {
        if (_random.Chance(scenario.Noise.BadChecksumRate))
        {
            Statistics.BadChecksum++;
            var star = sentence.LastIndexOf('*');
            var wrong = (byte)(Convert.ToByte(sentence[(star + 1)..], 16) ^ 0x5A);
            return sentence[..(star + 1)] + wrong.ToString("X2", CultureInfo.InvariantCulture);
        }

        if (!_random.Chance(scenario.Noise.GarbledRate))
        {
            return sentence;
        }

        Statistics.Garbled++;
        if (_random.Chance(0.5))
        {
            return sentence[.._random.Next(8, sentence.Length - 4)];
        }

        // An invalid payload character behind a correct checksum: only the 6-bit decoding can catch it.
        var fields = sentence[1..sentence.LastIndexOf('*')].Split(',');
        var payload = fields[5].ToCharArray();
        payload[_random.Next(0, payload.Length)] = 'x';
        fields[5] = new string(payload);
        var body = string.Join(',', fields);
        return "!" + body + "*" + AisEncoder.Checksum(body).ToString("X2", CultureInfo.InvariantCulture);
    }
}
