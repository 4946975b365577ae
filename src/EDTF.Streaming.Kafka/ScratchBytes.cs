using Confluent.Kafka;

namespace EDTF.Streaming.Kafka;

/// <summary>A consumed key or value: a view of a scratch buffer, valid until the next poll of the same consumer, or null.</summary>
internal readonly struct ScratchBytes(byte[]? buffer, int length)
{
    public bool IsNull => buffer is null;

    public int Length => length;

    public ReadOnlySpan<byte> Span => buffer is null ? default : buffer.AsSpan(0, length);

    /// <summary>A copy that outlives the poll (null stays null).</summary>
    public byte[]? ToArray() => buffer?.AsSpan(0, length).ToArray();
}

/// <summary>Copies each key or value into one reused buffer instead of a new array per record (the consume thread decodes it before the next poll).</summary>
internal sealed class ScratchDeserializer : IDeserializer<ScratchBytes>
{
    private byte[] _buffer = new byte[4096];

    public ScratchBytes Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return default;
        }

        if (data.Length > _buffer.Length)
        {
            _buffer = new byte[Math.Max(data.Length, _buffer.Length * 2)];
        }

        data.CopyTo(_buffer);
        return new ScratchBytes(_buffer, data.Length);
    }
}
