namespace EDTF.Streaming.Kafka;

/// <summary>Record header names the service writes: CloudEvents binary mode on alerts, Kafka Connect's error headers on dead letters.</summary>
public static class KafkaHeaderNames
{
    public const string CeSpecVersion = "ce_specversion";
    public const string CeId = "ce_id";
    public const string CeSource = "ce_source";
    public const string CeType = "ce_type";
    public const string CeTime = "ce_time";
    public const string ContentType = "content-type";

    /// <summary>Topic the dead-lettered record was read from.</summary>
    public const string ErrorTopic = "__connect.errors.topic";

    /// <summary>Its partition (decimal text).</summary>
    public const string ErrorPartition = "__connect.errors.partition";

    /// <summary>Its offset (decimal text).</summary>
    public const string ErrorOffset = "__connect.errors.offset";

    /// <summary>Always <c>EDTF.Streaming.Ais.DecodeReject</c>.</summary>
    public const string ErrorClassName = "__connect.errors.exception.class.name";

    /// <summary>The first reject: <c>reason: detail (line n of the record)</c>.</summary>
    public const string ErrorMessage = "__connect.errors.exception.message";

    /// <summary>Snake_case reject reason of the first reject (e.g. <c>bad_checksum</c>).</summary>
    public const string ErrorReason = "edtf.errors.reason";

    /// <summary>How many lines of the record were rejected (decimal text).</summary>
    public const string ErrorRejectCount = "edtf.errors.rejects";

    /// <summary>Dead letters: "true" when the value was cut to <c>Kafka:MaxDeadLetterBytes</c>.</summary>
    public const string DeadLetterTruncated = "edtf.dlq.truncated";

    /// <summary>Dead letters: the original value's size in bytes (on truncated and reference-only dead letters).</summary>
    public const string DeadLetterOriginalBytes = "edtf.dlq.original.bytes";

    /// <summary>Dead letters: "true" when the record could not be written with its value and only this reference (topic, partition, offset, reason) was.</summary>
    public const string DeadLetterReferenceOnly = "edtf.dlq.reference";
}
