using System.Buffers.Binary;
using System.Text;

namespace EDTF.Streaming.Kafka.State;

/// <summary>
/// One record of the state topic: a chunk of one snapshot, with what the snapshot covers (consumer group, input topic, the input
/// partitions and the next offset of each that it reflects).
/// </summary>
/// <remarks>
/// Value: magic <c>EDTFSTAT</c>, envelope version (int32 LE), group, input topic (length-prefixed UTF-8), snapshot id (int64),
/// chunk index and count (int32), partition count then (partition int32, next offset int64) each, then the chunk's bytes (length-
/// prefixed). The pipeline snapshot inside carries its own format version. Key: group, topic, partitions and chunk index, so the
/// compacted topic keeps the newest chunk of each kind.
/// </remarks>
internal sealed record StateChunk(string Group, string InputTopic, long SnapshotId, int Index, int Count, IReadOnlyDictionary<int, long> Offsets, byte[] Data)
{
    /// <summary>The envelope version this build writes and reads.</summary>
    public const int EnvelopeVersion = 1;

    private static readonly byte[] Magic = "EDTFSTAT"u8.ToArray();

    /// <summary>The record key of chunk <paramref name="index"/> of a snapshot of <paramref name="partitions"/>.</summary>
    public static string Key(string group, string inputTopic, IEnumerable<int> partitions, int slot, int index) =>
        $"{group}|{inputTopic}|{string.Join(',', partitions.Order())}|{slot}.{index}";

    public byte[] Encode()
    {
        using var buffer = new MemoryStream(Data.Length + 256);
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(EnvelopeVersion);
            w.Write(Group);
            w.Write(InputTopic);
            w.Write(SnapshotId);
            w.Write(Index);
            w.Write(Count);
            w.Write(Offsets.Count);
            foreach (var (p, o) in Offsets.OrderBy(kv => kv.Key))
            {
                w.Write(p);
                w.Write(o);
            }

            w.Write(Data.Length);
            w.Write(Data);
        }

        return buffer.ToArray();
    }

    /// <summary>The chunk in <paramref name="value"/>; null (with <paramref name="problem"/>) when it is not one this build reads.</summary>
    public static StateChunk? Decode(byte[] value, out string? problem)
    {
        problem = null;
        if (value.Length < Magic.Length + 4 || !value.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            problem = "not a state record (no EDTFSTAT header)";
            return null;
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(Magic.Length));
        if (version != EnvelopeVersion)
        {
            problem = $"state record envelope version {version} (this build reads {EnvelopeVersion})";
            return null;
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(value, Magic.Length + 4, value.Length - Magic.Length - 4), Encoding.UTF8);
            var group = r.ReadString();
            var topic = r.ReadString();
            var id = r.ReadInt64();
            var index = r.ReadInt32();
            var count = r.ReadInt32();
            var n = r.ReadInt32();
            if (n is < 0 or > 1_000_000 || count < 1 || index < 0 || index >= count)
            {
                problem = "state record damaged";
                return null;
            }

            var offsets = new Dictionary<int, long>(n);
            for (var i = 0; i < n; i++)
            {
                offsets[r.ReadInt32()] = r.ReadInt64();
            }

            var length = r.ReadInt32();
            var data = r.ReadBytes(length);
            if (data.Length != length)
            {
                problem = "state record truncated";
                return null;
            }

            return new StateChunk(group, topic, id, index, count, offsets, data);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or DecoderFallbackException or ArgumentException)
        {
            problem = "state record damaged: " + e.Message;
            return null;
        }
    }
}

/// <summary>A whole snapshot found on the state topic: the pipeline snapshot and the input offsets it reflects.</summary>
internal sealed record FoundSnapshot(long SnapshotId, IReadOnlyDictionary<int, long> Offsets, byte[] Bytes);
