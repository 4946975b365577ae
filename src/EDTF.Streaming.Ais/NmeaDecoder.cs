using System.Buffers.Text;
using System.Text;
using EDTF.Streaming.Ais.Messages;
using EDTF.Streaming.Ais.Nmea;

namespace EDTF.Streaming.Ais;

/// <summary>Turns lines of AIS input (NMEA <c>!xxVDM</c>/<c>!xxVDO</c>, with TAG blocks, timestamps or Gatehouse lines) into <see cref="AisReport"/>s.</summary>
/// <remarks>
/// Not thread-safe: one decoder per input stream (it holds fragment groups and Gatehouse time across lines).
/// Never throws on bad input: every line yields a report (possibly later, for multi-sentence messages), a reject with a reason,
/// or nothing for blank and comment lines and metadata sentences. Position reports cost no allocation in steady state.
/// </remarks>
public sealed class NmeaDecoder
{
    private readonly SixBitBuffer _bits = new();
    private readonly FragmentAssembler _assembler;
    private readonly StreamFragmentAssembler? _streams;
    private readonly SourceInterner _sources;
    private AisReport _report;
    private RejectReason _rejectReason;
    private string _rejectDetail = string.Empty;
    private long? _gatehouseTimeMs;
    private long _rejectLine;

    public NmeaDecoder(NmeaDecoderOptions? options = null)
    {
        var o = options ?? new NmeaDecoderOptions();
        _assembler = new FragmentAssembler(o);
        _streams = o.AcrossStreams ? new StreamFragmentAssembler(o) : null;
        _sources = new SourceInterner(o.MaxInternedSources);
    }

    private enum Outcome
    {
        Nothing,
        Report,
        Reject,
    }

    /// <summary>Counts so far.</summary>
    public DecoderStatistics Statistics { get; } = new();

    /// <summary>
    /// With <see cref="NmeaDecoderOptions.AcrossStreams"/>: the input stream (e.g. Kafka partition) the next lines come from;
    /// event time is tracked per stream to expire fragment groups. Ignored otherwise.
    /// </summary>
    public int Stream
    {
        get => _streams?.CurrentStream ?? 0;
        set
        {
            if (_streams is not null)
            {
                _streams.CurrentStream = value;
            }
        }
    }

    /// <summary>With <see cref="NmeaDecoderOptions.AcrossStreams"/>: stream clocks never move past this (epoch ms). Ignored otherwise.</summary>
    public long StreamClockCeilingMs
    {
        get => _streams?.ClockCeilingMs ?? long.MaxValue;
        set
        {
            if (_streams is not null)
            {
                _streams.ClockCeilingMs = value;
            }
        }
    }

    /// <summary>With <see cref="NmeaDecoderOptions.AcrossStreams"/>: the current stream delivered input of this time that has no NMEA line (e.g. a JSON record); its clock moves on. Ignored otherwise.</summary>
    public void ObserveStreamTime(long timeMs, long lineNumber, IAisReportSink sink)
    {
        if (_streams is null)
        {
            return;
        }

        _streams.Sweep(lineNumber, timeMs);
        DrainAssemblerRejects(_streams.Rejected, sink);
    }

    /// <summary>With <see cref="NmeaDecoderOptions.AcrossStreams"/>: told when fragments wait, complete or are dropped. Ignored otherwise.</summary>
    public IFragmentListener? FragmentListener
    {
        get => _streams?.Listener;
        set
        {
            if (_streams is not null)
            {
                _streams.Listener = value;
            }
        }
    }

    /// <summary>With <see cref="NmeaDecoderOptions.AcrossStreams"/>: a stream that will deliver lines; until it delivers a time it holds pending groups back.</summary>
    public void AddStream(int stream) => _streams?.AddStream(stream);

    /// <summary>With <see cref="NmeaDecoderOptions.AcrossStreams"/>: a stream that will deliver no more lines (its pending fragments stay until they expire).</summary>
    public void RemoveStream(int stream) => _streams?.RemoveStream(stream);

    /// <summary>
    /// With <see cref="NmeaDecoderOptions.AcrossStreams"/>: the stream is at its end for now; it holds no group back until its
    /// next line. Groups that can no longer complete are rejected to <paramref name="sink"/> at once.
    /// </summary>
    public void SetStreamIdle(int stream, IAisReportSink sink)
    {
        if (_streams is null)
        {
            return;
        }

        _streams.SetStreamIdle(stream);
        DrainAssemblerRejects(_streams.Rejected, sink);
        Statistics.PendingGroups = _streams.PendingCount;
    }

    /// <summary>Decodes one input line (without its line terminator; a trailing CR/LF is tolerated).</summary>
    /// <param name="line">The line's bytes.</param>
    /// <param name="lineNumber">1-based line number (or any position the caller wants reported back).</param>
    /// <param name="fallbackTimeMs">Event time to use when the line carries none (e.g. a Kafka record timestamp), or null; ignored outside <see cref="InputLimits.IsEventTime(long)"/>.</param>
    /// <param name="sink">Receives the report or reject (and any fragment groups that expire meanwhile).</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void DecodeLine(ReadOnlySpan<byte> line, long lineNumber, long? fallbackTimeMs, IAisReportSink sink)
    {
        Statistics.Lines++;
        Outcome outcome;
        long? timeMs = null;
        _rejectLine = lineNumber;
        try
        {
            outcome = Process(line, lineNumber, fallbackTimeMs, ref timeMs);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or OverflowException or FormatException)
        {
            // A decoder bug must not stop the stream: the line is rejected, the type of failure kept in the detail.
            outcome = Reject(RejectReason.Malformed, "unreadable line (" + ex.GetType().Name + ")");
        }

        if (outcome == Outcome.Report)
        {
            Statistics.CountMessage(_report.MessageType);
            sink.OnReport(in _report);
        }
        else if (outcome == Outcome.Reject)
        {
            Statistics.CountReject(_rejectReason);
            sink.OnReject(new DecodeReject(_rejectLine, _rejectReason, _rejectDetail, System.Text.Encoding.Latin1.GetString(line.TrimEnd("\r\n"u8))));
        }

        if (_streams is null)
        {
            _assembler.Sweep(lineNumber, timeMs);
            DrainAssemblerRejects(_assembler.Rejected, sink);
            Statistics.PendingGroups = _assembler.PendingCount;
        }
        else
        {
            _streams.Sweep(lineNumber, timeMs);
            DrainAssemblerRejects(_streams.Rejected, sink);
            Statistics.PendingGroups = _streams.PendingCount;
        }
    }

    /// <summary>With <see cref="NmeaDecoderOptions.AcrossStreams"/>: true when every stream is at its end (<see cref="SetStreamIdle"/>).</summary>
    public bool AllStreamsIdle => _streams?.AllStreamsIdle ?? false;

    /// <summary>
    /// With <see cref="NmeaDecoderOptions.AcrossStreams"/>: rejects the fragment groups still incomplete because the input went
    /// quiet (the caller decides when: e.g. every stream at its end for a while); decoding then goes on as before.
    /// </summary>
    public void ExpirePendingFragments(IAisReportSink sink)
    {
        if (_streams is null || _streams.PendingCount == 0)
        {
            return;
        }

        _streams.Flush("incomplete message: the input went quiet");
        DrainAssemblerRejects(_streams.Rejected, sink);
        Statistics.PendingGroups = 0;
    }

    /// <summary>End of input: rejects the fragment groups still incomplete.</summary>
    public void Flush(IAisReportSink sink)
    {
        _assembler.Flush();
        DrainAssemblerRejects(_assembler.Rejected, sink);
        if (_streams is not null)
        {
            _streams.Flush();
            DrainAssemblerRejects(_streams.Rejected, sink);
        }

        Statistics.PendingGroups = 0;
    }

    private void DrainAssemblerRejects(List<DecodeReject> rejected, IAisReportSink sink)
    {
        if (rejected.Count == 0)
        {
            return;
        }

        foreach (var reject in rejected)
        {
            Statistics.CountReject(reject.Reason);
            sink.OnReject(reject);
        }

        rejected.Clear();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private Outcome Process(ReadOnlySpan<byte> line, long lineNumber, long? fallbackTimeMs, ref long? timeMs)
    {
        line = line.TrimEnd(" \t\r\n"u8);
        if (line.IsEmpty || line[0] == (byte)'#')
        {
            Statistics.IgnoredLines++;
            return Outcome.Nothing;
        }

        long? leadingMs = null;
        if ((uint)(line[0] - '0') <= 9)
        {
            if (!EventTimeExtractor.TryParseLeadingTimestamp(line, out var ms, out var consumed))
            {
                return Reject(RejectReason.Malformed, "line starts with digits that are not a timestamp");
            }

            if (!InputLimits.IsEventTime(ms))
            {
                return Reject(RejectReason.ImplausibleTime, "leading timestamp is outside 2000-2100");
            }

            leadingMs = ms;
            line = line[consumed..];
        }

        var tag = default(TagBlock);
        if (!line.IsEmpty && line[0] == (byte)'\\')
        {
            var end = line[1..].IndexOf((byte)'\\');
            if (end < 0)
            {
                return Reject(RejectReason.BadTagBlock, "TAG block not closed by '\\'");
            }

            var tagError = TagBlock.TryParse(line.Slice(1, end), out tag);
            if (tagError is not null)
            {
                return Reject(RejectReason.BadTagBlock, tagError);
            }

            if (tag.TimeMs is { } tagMs && !InputLimits.IsEventTime(tagMs))
            {
                return Reject(RejectReason.ImplausibleTime, "TAG block c: is outside 2000-2100");
            }

            if (tag.UncheckedChecksum)
            {
                Statistics.UncheckedTagBlocks++;
            }

            line = line[(end + 2)..];
        }

        if (line.IsEmpty)
        {
            return Reject(RejectReason.Truncated, "no sentence after the timestamp or TAG block");
        }

        if (line[0] is not ((byte)'!' or (byte)'$'))
        {
            return Reject(RejectReason.Malformed, "not an NMEA sentence");
        }

        // The checksum usually ends the line; otherwise receiver fields follow it.
        var star = line.Length >= 3 && line[^3] == (byte)'*' ? line.Length - 3 : line.IndexOf((byte)'*');
        if (star < 0)
        {
            return Reject(RejectReason.Truncated, "no checksum");
        }

        if (star + 3 > line.Length)
        {
            return Reject(RejectReason.Truncated, "checksum cut short");
        }

        var expected = NmeaChecksum.ParseHex(line[star + 1], line[star + 2]);
        if (expected < 0)
        {
            return Reject(RejectReason.BadChecksum, "checksum is not two hex digits");
        }

        var body = line[1..star];
        if (NmeaChecksum.Compute(body) != expected)
        {
            return Reject(RejectReason.BadChecksum, "checksum mismatch");
        }

        // After the checksum: receiver metadata (",field,...") or, in some captures, escaped line ends ("\x0d\x0a"): ignored.
        var trailer = line[(star + 3)..];

        if (body.Length < 6 || body[5] != (byte)',' || body[2] != (byte)'V' || body[3] != (byte)'D'
            || body[4] is not ((byte)'M' or (byte)'O'))
        {
            if (body.StartsWith("PGHP,"u8))
            {
                if (!EventTimeExtractor.TryParseGatehouse(line[..star], out var ghp))
                {
                    return Reject(RejectReason.Malformed, "Gatehouse $PGHP without a valid time");
                }

                if (!InputLimits.IsEventTime(ghp))
                {
                    _gatehouseTimeMs = null;
                    return Reject(RejectReason.ImplausibleTime, "Gatehouse $PGHP time is outside 2000-2100");
                }

                _gatehouseTimeMs = ghp;
                Statistics.MetadataSentences++;
                return Outcome.Nothing;
            }

            return Reject(RejectReason.UnsupportedSentence, "not a VDM/VDO sentence");
        }

        long? trailingMs = null;
        if (!trailer.IsEmpty && trailer[0] == (byte)',' && EventTimeExtractor.TryParseTrailingUnixTime(trailer[1..], out var tms))
        {
            trailingMs = tms;
        }

        timeMs = tag.TimeMs ?? leadingMs ?? _gatehouseTimeMs ?? trailingMs
            ?? (fallbackTimeMs is { } fallback && InputLimits.IsEventTime(fallback) ? fallback : null);
        _gatehouseTimeMs = null;
        return Sentence(body[6..], line, lineNumber, timeMs, ref tag);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private Outcome Sentence(ReadOnlySpan<byte> fields, ReadOnlySpan<byte> text, long lineNumber, long? timeMs, ref TagBlock tag)
    {
        // count,number,sequence,channel,payload,fill
        Span<Range> parts = stackalloc Range[7];
        var n = SplitFields(fields, parts);
        if (n < 6)
        {
            return Reject(RejectReason.Truncated, "VDM/VDO sentence has fewer than 6 fields");
        }

        if (n > 6)
        {
            return Reject(RejectReason.Malformed, "VDM/VDO sentence has more than 6 fields");
        }

        if (!SmallNumber(fields[parts[0]], out var count) || count is < 1 or > 9)
        {
            return Reject(RejectReason.Malformed, "fragment count is not 1-9");
        }

        if (!SmallNumber(fields[parts[1]], out var number) || number < 1 || number > count)
        {
            return Reject(RejectReason.Malformed, "fragment number is not 1-count");
        }

        var seqField = fields[parts[2]];
        var sequence = -1;
        if (!seqField.IsEmpty && !SmallNumber(seqField, out sequence))
        {
            return Reject(RejectReason.InvalidCharacter, "sequence id is not a number");
        }

        var channelField = fields[parts[3]];
        if (channelField.Length > 1)
        {
            return Reject(RejectReason.Malformed, "channel is longer than one character");
        }

        var channel = channelField.IsEmpty ? '\0' : (char)channelField[0];
        var payload = fields[parts[4]];
        if (payload.IsEmpty && count == 1)
        {
            // Some receivers emit a sentence for an empty slot: it is well-formed and carries no message.
            Statistics.EmptySentences++;
            return Outcome.Nothing;
        }

        var fillField = fields[parts[5]];
        var fill = 0;
        if (!fillField.IsEmpty && (!SmallNumber(fillField, out fill) || fill > 5))
        {
            return Reject(RejectReason.Malformed, "fill bits are not 0-5");
        }

        Statistics.Sentences++;
        var source = _sources.Get(tag.Source);
        if (count == 1)
        {
            _bits.Clear();
            if (_bits.Append(payload) is var bad and >= 0)
            {
                return Reject(RejectReason.InvalidCharacter, $"payload character '{(char)payload[bad]}' is not 6-bit armouring");
            }

            if (!_bits.Complete(fill))
            {
                return Reject(RejectReason.WrongBitLength, "more fill bits than payload bits");
            }

            return Decode(new MessageContext(lineNumber, timeMs, source, channel));
        }

        if (SixBitBuffer.FirstInvalid(payload) is var invalid and >= 0)
        {
            return Reject(RejectReason.InvalidCharacter, $"payload character '{(char)payload[invalid]}' is not 6-bit armouring");
        }

        var key = tag.HasGroup
            ? new FragmentKey(tag.GroupId, null, '\0', -1, count)
            : new FragmentKey(-1, source, channel, sequence, count);
        var completed = _streams is null
            ? _assembler.Add(key, number, payload, fill, lineNumber, timeMs, source, channel, text, _bits, out var context)
            : _streams.Add(key, number, payload, fill, lineNumber, timeMs, source, channel, text, _bits, out context);
        return completed ? Decode(context) : Outcome.Nothing;
    }

    private Outcome Decode(in MessageContext context)
    {
        var error = AisMessageDecoder.Decode(_bits, context, out _report);
        if (error is null)
        {
            if (_bits.BitLength < AisMessageDecoder.DefinedBits(_report.MessageType))
            {
                Statistics.ShortMessages++;
            }

            return Outcome.Report;
        }

        if (_bits.IsAllZero)
        {
            // e.g. "!AIVDM,1,1,,A,00,4*22": a placeholder for an empty slot, not a damaged message.
            Statistics.EmptySentences++;
            return Outcome.Nothing;
        }

        _rejectLine = context.Line;
        return Reject(RejectReason.WrongBitLength, error);
    }

    private Outcome Reject(RejectReason reason, string detail)
    {
        _rejectReason = reason;
        _rejectDetail = detail;
        return Outcome.Reject;
    }

    /// <summary>Splits on commas into at most <c>parts.Length</c> ranges; returns the number of fields (more than the span holds when there are extra).</summary>
    private static int SplitFields(ReadOnlySpan<byte> text, Span<Range> parts)
    {
        var count = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != (byte)',')
            {
                continue;
            }

            if (count == parts.Length - 1)
            {
                return parts.Length + 1;
            }

            parts[count++] = new Range(start, i);
            start = i + 1;
        }

        parts[count++] = new Range(start, text.Length);
        return count;
    }

    private static bool SmallNumber(ReadOnlySpan<byte> field, out int value)
    {
        if (field.Length == 1 && (uint)(field[0] - '0') <= 9)
        {
            value = field[0] - '0';
            return true;
        }

        return Utf8Parser.TryParse(field, out value, out var consumed) && consumed == field.Length && value >= 0;
    }
}
