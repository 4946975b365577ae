using System.IO.Compression;

namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// The file entries of a zip archive read one after another in ordinal name order (directories, hidden entries and
/// <c>__MACOSX/</c> skipped), each followed by a line break so that the last line of one never joins the first of the next.
/// Entries are decompressed as they are read, never extracted to disk; each is checked as text, its CRC-32 is checked
/// at its end (ZipArchive does not), and it is named in errors.
/// </summary>
internal sealed class ZipEntriesStream : ReadOnlyForwardStream
{
    private readonly ZipArchive _archive;
    private readonly string _path;
    private readonly InputProgress? _progress;
    private readonly Queue<ZipArchiveEntry> _entries;
    private readonly System.IO.Hashing.Crc32 _crc = new();
    private readonly FileStream _disk;
    private readonly long _archiveBytes;
    private long _bytesCounted;
    private long _entryStart;
    private long _entryCounted;
    private ZipArchiveEntry? _entry;
    private Stream? _current;
    private bool _separatorDue;

    public ZipEntriesStream(FileStream disk, string path, InputProgress? progress)
    {
        _path = path;
        _progress = progress;
        _disk = disk;
        _archiveBytes = disk.Length;
        _archive = new ZipArchive(disk, ZipArchiveMode.Read, leaveOpen: false);
        _entries = new Queue<ZipArchiveEntry>(_archive.Entries
            .Where(e => !e.FullName.EndsWith('/') && !e.Name.StartsWith('.') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
            .OrderBy(e => e.FullName, StringComparer.Ordinal));
        if (_entries.Count == 0)
        {
            _archive.Dispose();
            throw new InputFormatException(path, "not a known input format: a zip archive with no file entries");
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_separatorDue)
            {
                _separatorDue = false;
                buffer[0] = (byte)'\n';
                return 1;
            }

            if (_current is null && !NextEntry())
            {
                return 0;
            }

            var read = _current!.Read(buffer);
            if (read > 0)
            {
                _crc.Append(buffer[..read]);
                CountEntryBytes(Math.Min(_disk.Position - _entryStart, _entry!.CompressedLength));
                return read;
            }

            if (_crc.GetCurrentHashAsUInt32() != _entry!.Crc32)
            {
                throw new InputFormatException(
                    $"{_path} (entry {_entry.FullName})",
                    $"corrupt zip entry: CRC-32 {_crc.GetCurrentHashAsUInt32():x8} of the data read, {_entry.Crc32:x8} recorded");
            }

            _current.Dispose();
            _current = null;
            CountEntryBytes(_entry.CompressedLength);
            _separatorDue = true;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _archive.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Counts the entry's compressed bytes read so far (the archive's position past the entry's start), as they are read.</summary>
    private void CountEntryBytes(long readOfEntry)
    {
        if (readOfEntry > _entryCounted)
        {
            Count(readOfEntry - _entryCounted);
            _entryCounted = readOfEntry;
        }
    }

    private void Count(long bytes)
    {
        _bytesCounted += bytes;
        _progress?.Add(bytes);
    }

    private bool NextEntry()
    {
        if (!_entries.TryDequeue(out var entry))
        {
            // Headers, skipped entries and the central directory: the whole archive has been read.
            Count(_archiveBytes - _bytesCounted);
            return false;
        }

        _entry = entry;
        _crc.Reset();
        var name = $"{_path} (entry {entry.FullName})";
        try
        {
            _current = new TextInputStream(entry.Open(), name, "zip");
            _entryStart = _disk.Position;
            _entryCounted = 0;
        }
        catch (InvalidDataException ex)
        {
            throw new InputFormatException(name, $"corrupt zip entry: {ex.Message}", ex);
        }

        return true;
    }
}
