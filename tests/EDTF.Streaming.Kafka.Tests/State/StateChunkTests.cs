using System.Buffers.Binary;
using Confluent.Kafka;
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
        StateChunk.Key("g", "t", [3, 1, 2], 1, 0).Should().Be(StateChunk.Key("g", "t", [1, 2, 3], 1, 0)).And.Be("g|t|1,2,3|1.0");
    }

    [Fact]
    public void FindNewest_NewerSnapshotCutShortBetweenChunks_PreviousCompleteSnapshotFound()
    {
        using var broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });
        broker.CreateTopic("cut.state", 1);
        var kafka = new KafkaOptions { BootstrapServers = broker.BootstrapServers, InputTopic = "cut.raw", GroupId = "cut" };
        var state = new StateOptions { Topic = "cut.state", MaxChunkBytes = 1024, ReadTimeoutSeconds = 10 };
        var offsets = new Dictionary<int, long> { [0] = 10, [1] = 20 };
        var whole = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray(); // three chunks
        using var topic = new StateTopic(kafka, state, _ => { });
        var delivery = new StateTopic.Delivery();
        topic.Write(2, offsets, whole, delivery);
        topic.Flush(TimeSpan.FromSeconds(10));
        delivery.Durable.Should().BeTrue();

        // Snapshot 3 as a crash between its chunks leaves it: only the first of its three chunks reached the topic.
        var cut = new StateChunk(kafka.GroupId, kafka.InputTopic, 3, 0, 3, offsets, new byte[1024]);
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            producer.Produce(state.Topic, new Message<string, byte[]> { Key = StateChunk.Key(kafka.GroupId, kafka.InputTopic, offsets.Keys, 1, 0), Value = cut.Encode() });
            producer.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
        }

        var found = topic.FindNewest(new HashSet<int> { 0, 1 }, out _, out _, out _);

        found.Should().NotBeNull("the previous snapshot lives in the other key slot, whole");
        found!.SnapshotId.Should().Be(2);
        found.Bytes.Should().Equal(whole);
    }
}
