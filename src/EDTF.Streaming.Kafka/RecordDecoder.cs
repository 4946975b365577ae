using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Kafka;

/// <summary>Decodes the NMEA lines of one Kafka record value with a decoder shared by all partitions, collecting what it gives.</summary>
/// <remarks>
/// One decoder for all partitions, fed in consume order, with a running line number: a multi-sentence message is emitted by the
/// record that completes it. Event time comes from the line (TAG block, timestamps), else the record timestamp.
/// </remarks>
internal sealed class RecordDecoder : IAisReportSink
{
    private readonly NmeaDecoder _decoder;
    private readonly List<AisReport> _reports = [];
    private readonly List<DecodeReject> _rejects = [];
    private long _lineNumber;
    private long _firstLineOfRecord;

    public RecordDecoder(NmeaDecoderOptions? options = null)
    {
        _decoder = new NmeaDecoder(options);
    }

    public DecoderStatistics Statistics => _decoder.Statistics;

    /// <summary>Reports completed by the last record.</summary>
    public List<AisReport> Reports => _reports;

    /// <summary>Rejects raised while decoding the last record.</summary>
    public List<DecodeReject> Rejects => _rejects;

    /// <summary>True when a reject of the last record says its own content is bad (not merely a fragment that lost its group).</summary>
    public bool HasContentRejects
    {
        get
        {
            foreach (var r in _rejects)
            {
                if (r.Reason is not (RejectReason.OrphanFragment or RejectReason.ExpiredFragments))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The running line number of the last record's first line.</summary>
    public long FirstLineOfRecord => _firstLineOfRecord;

    /// <summary>The 1-based line of a reject within the last record (0 when it belongs to an earlier record).</summary>
    public long LineInRecord(DecodeReject reject) => reject.Line >= _firstLineOfRecord ? reject.Line - _firstLineOfRecord + 1 : 0;

    /// <summary>Decodes every line of <paramref name="value"/>; results replace those of the previous record.</summary>
    public void Decode(ReadOnlySpan<byte> value, long recordTimestampMs)
    {
        _reports.Clear();
        _rejects.Clear();
        _firstLineOfRecord = _lineNumber + 1;
        long? fallback = recordTimestampMs > 0 ? recordTimestampMs : null;
        while (!value.IsEmpty)
        {
            var nl = value.IndexOf((byte)'\n');
            var line = nl < 0 ? value : value[..nl];
            value = nl < 0 ? default : value[(nl + 1)..];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            _lineNumber++;
            if (!line.IsEmpty)
            {
                _decoder.DecodeLine(line, _lineNumber, fallback, this);
            }
        }
    }

    public void OnReport(in AisReport report) => _reports.Add(report);

    public void OnReject(in DecodeReject reject) => _rejects.Add(reject);
}
