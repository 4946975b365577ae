using Confluent.Kafka;

namespace EDTF.Streaming.Kafka.Tests;

public sealed class ConsumerConfigTests
{
    [Fact]
    public void BuildConsumerConfig_Defaults_FetchBackoffShortAndOffsetsStoredByHand()
    {
        var config = KafkaDetectionService.BuildConsumerConfig(new KafkaOptions { BootstrapServers = "h:1", GroupId = "g" });

        config.FetchQueueBackoffMs.Should().Be(10, "a one-second fetch backoff starved the consume thread over a backlog");
        config.MaxPartitionFetchBytes.Should().Be(65_536);
        config.EnableAutoOffsetStore.Should().BeFalse();
        config.EnablePartitionEof.Should().BeTrue();
        config.PartitionAssignmentStrategy.Should().Be(PartitionAssignmentStrategy.CooperativeSticky);
        config.BootstrapServers.Should().Be("h:1");
        config.GroupId.Should().Be("g");
    }

    [Fact]
    public void BuildConsumerConfig_ConsumerSection_OverridesDefaultsButNotTheOffsetStoreOrEof()
    {
        var options = new KafkaOptions();
        options.Consumer["fetch.queue.backoff.ms"] = "250";
        options.Consumer["session.timeout.ms"] = "6000";
        options.Consumer["enable.auto.offset.store"] = "true";
        options.Consumer["enable.partition.eof"] = "false";

        var config = KafkaDetectionService.BuildConsumerConfig(options);

        config.FetchQueueBackoffMs.Should().Be(250);
        config.SessionTimeoutMs.Should().Be(6000);
        config.EnableAutoOffsetStore.Should().BeFalse("at-least-once needs offsets stored only after the outputs are acknowledged");
        config.EnablePartitionEof.Should().BeTrue("the partition merge needs end-of-partition events");
    }
}
