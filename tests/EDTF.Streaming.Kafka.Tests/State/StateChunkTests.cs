using System.Buffers.Binary;
using EDTF.Streaming.Kafka.State;

namespace EDTF.Streaming.Kafka.Tests.State;

public sealed class StateChunkTests
{
    private static readonly StateChunk Chunk = new("edtf", "ais.raw", 1_796_000_000_000_001, 1, 3, new Dictionary<int, long> { [2] = 40, [0] = 17 }, [1, 2, 3, 4]);

    [Fact]
    public void Decode_EncodedChunk_SameChunk()
    {
        var decoded = StateChunk.Decode(Chunk.Encode(), out var problem);

        problem.Should().BeNull();
        decoded.Should().NotBeNull();
        decoded!.Group.Should().Be("edtf");
        decoded.InputTopic.Should().Be("ais.raw");
        decoded.SnapshotId.Should().Be(Chunk.SnapshotId);
        (decoded.Index, decoded.Count).Should().Be((1, 3));
        decoded.Offsets.Should().BeEquivalentTo(Chunk.Offsets);
        decoded.Data.Should().Equal(Chunk.Data);
    }

    [Fact]
    public void Decode_OtherEnvelopeVersion_NullSayingWhich()
    {
        var bytes = Chunk.Encode();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), StateChunk.EnvelopeVersion + 1);

        StateChunk.Decode(bytes, out var problem).Should().BeNull();
        problem.Should().Contain($"envelope version {StateChunk.EnvelopeVersion + 1}");
    }

    [Fact]
    public void Decode_TruncatedOrForeign_NullNotAnException()
    {
        var bytes = Chunk.Encode();

        StateChunk.Decode(bytes[..^2], out var truncated).Should().BeNull();
        truncated.Should().Contain("truncated");
        StateChunk.Decode("{\"alertId\":1}"u8.ToArray(), out var foreign).Should().BeNull();
        foreign.Should().Contain("not a state record");
    }

    [Fact]
    public void Key_PartitionsInAnyOrder_SameKey()
    {
        StateChunk.Key("g", "t", [3, 1, 2], 0).Should().Be(StateChunk.Key("g", "t", [1, 2, 3], 0)).And.Be("g|t|1,2,3|0");
    }
}
