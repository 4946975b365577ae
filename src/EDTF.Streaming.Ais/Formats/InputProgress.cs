namespace EDTF.Streaming.Ais.Formats;

/// <summary>Bytes read so far from input files (compressed bytes for <c>.gz</c>), for progress bars; thread-safe to read.</summary>
public sealed class InputProgress
{
    private long _bytesRead;

    /// <summary>Bytes read from disk so far.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Adds bytes just read.</summary>
    public void Add(long bytes) => Interlocked.Add(ref _bytesRead, bytes);
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
