using Confluent.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka.Tests.Clients;

public sealed class KafkaLogTests
{
    [Theory]
    [InlineData(SyslogLevel.Emergency, "error")]
    [InlineData(SyslogLevel.Error, "error")]
    [InlineData(SyslogLevel.Warning, "warn")]
    [InlineData(SyslogLevel.Notice, "info")]
    [InlineData(SyslogLevel.Info, "info")]
    [InlineData(SyslogLevel.Debug, "debug")]
    public void Level_SyslogLevel_ServiceLevel(SyslogLevel level, string expected) => KafkaLog.Level(level).Should().Be(expected);

    [Fact]
    public void To_AuthenticationFailure_LineStartsWithErrorAndSaysWhy()
    {
        var lines = new List<string>();

        KafkaLog.To(lines.Add)(new LogMessage("rdkafka#consumer-1", SyslogLevel.Error, "FAIL", "SASL authentication error: Authentication failed"));

        lines.Should().Equal("error: kafka rdkafka#consumer-1 FAIL: SASL authentication error: Authentication failed");
    }

    [Fact]
    public void To_BelowTheMinimum_Dropped()
    {
        var lines = new List<string>();
        var handler = KafkaLog.To(lines.Add, SyslogLevel.Warning);

        handler(new LogMessage("c", SyslogLevel.Info, "CONF", "informational"));
        handler(new LogMessage("c", SyslogLevel.Warning, "CONF", "a warning"));

        lines.Should().ContainSingle().Which.Should().StartWith("warn: ");
    }

    [Fact]
    public void Line_ErrorEvent_StartsWithError()
    {
        KafkaLog.Line(new Error(ErrorCode.Local_Authentication, "SASL auth failed")).Should().StartWith("error: kafka: SASL auth failed");
    }

    [Theory]
    [InlineData("error: kafka: down", "error")]
    [InlineData("warn: kafka x", "warn")]
    [InlineData("debug: kafka x", "debug")]
    [InlineData("revoking partitions 1, 2", "info")]
    [InlineData("errors: 3", "info")]
    public void LevelOf_Line_TheLevelItStartsWith(string line, string expected) => KafkaLog.LevelOf(line).Should().Be(expected);
}
