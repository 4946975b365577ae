namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// What has been read of one input file (or of several, when shared): bytes from disk (compressed bytes for archives),
/// rows (CSV and Parquet rows, NMEA lines), the latest event time met, and the fate of what was read (reports accepted,
/// skipped by filters, rejects by reason), for progress lines and the per-file summary.
/// </summary>
/// <remarks>
/// Written by the one thread that reads the file (plain stores made visible with <see cref="Volatile"/>: no locked
/// instruction per report); every member is safe to read from any other thread meanwhile.
/// </remarks>
public sealed class InputProgress(string file = "", long totalBytes = 0)
{
    private readonly Lock _rejectsLock = new();
    private readonly SortedDictionary<string, long> _rejects = new(StringComparer.Ordinal);
    private long _bytesRead;
    private long _rows;
    private long _accepted;
    private long _filtered;
    private long _rejected;
    private long _lastEventMs = long.MinValue;

    /// <summary>The file read (empty when the progress is shared by several files).</summary>
    public string File { get; } = file;

    /// <summary>The file's size on disk, or 0 when unknown.</summary>
    public long TotalBytes { get; } = totalBytes;

    /// <summary>Bytes read from disk so far.</summary>
    public long BytesRead => Volatile.Read(ref _bytesRead);

    /// <summary>Rows read so far: data rows of CSV and Parquet (a header is no row), lines of NMEA.</summary>
    public long Rows => Volatile.Read(ref _rows);

    /// <summary>Reports kept (handed on to detection or to Kafka).</summary>
    public long Accepted => Volatile.Read(ref _accepted);

    /// <summary>Reports left out by <c>--bbox</c>, <c>--mmsi</c>, <c>--from</c>/<c>--to</c>.</summary>
    public long Filtered => Volatile.Read(ref _filtered);

    /// <summary>Rows or lines rejected (all reasons).</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>The latest event time met so far (epoch ms), or null.</summary>
    public long? LastEventMs => Volatile.Read(ref _lastEventMs) is var t && t != long.MinValue ? t : null;

    /// <summary>Adds bytes just read.</summary>
    public void Add(long bytes) => Volatile.Write(ref _bytesRead, _bytesRead + bytes);

    /// <summary>Counts rows just read.</summary>
    public void AddRows(long rows) => Volatile.Write(ref _rows, _rows + rows);

    /// <summary>Counts a report kept, with its event time.</summary>
    public void OnAccepted(long? eventTimeMs)
    {
        Volatile.Write(ref _accepted, _accepted + 1);
        if (eventTimeMs is { } t && t > _lastEventMs)
        {
            Volatile.Write(ref _lastEventMs, t);
        }
    }

    /// <summary>Counts a report left out by the filters.</summary>
    public void OnFiltered() => Volatile.Write(ref _filtered, _filtered + 1);

    /// <summary>Counts a reject under its reason label.</summary>
    public void OnRejected(string reason)
    {
        Volatile.Write(ref _rejected, _rejected + 1);
        lock (_rejectsLock)
        {
            _rejects[reason] = _rejects.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>Rejects by reason label, in ordinal order of the labels.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> RejectsByReason()
    {
        lock (_rejectsLock)
        {
            return [.. _rejects];
        }
    }
}

/// <summary>A read-only stream that reports the bytes read through it to an <see cref="InputProgress"/>.</summary>
internal sealed class ProgressStream(Stream inner, InputProgress progress) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Counted(int read)
    {
        progress.Add(read);
        return read;
    }
}
