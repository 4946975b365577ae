namespace EDTF.Streaming.Detection;

/// <summary>Why a pipeline snapshot could not be restored.</summary>
public enum SnapshotFailure
{
    /// <summary>Not a snapshot, or one written by a format version this build does not read.</summary>
    UnknownFormat,

    /// <summary>The snapshot ends early or its bytes do not decode (truncated or damaged).</summary>
    Corrupt,

    /// <summary>The snapshot holds state of a type whose fields differ in this build (the detectors changed since it was written).</summary>
    LayoutChanged,

    /// <summary>The snapshot was taken with other detection options than the pipeline it is restored into.</summary>
    OptionsChanged,
}

/// <summary>A snapshot that cannot be restored: the caller rebuilds the state another way (the Kafka driver replays its window).</summary>
public sealed class PipelineSnapshotException : Exception
{
    public PipelineSnapshotException(SnapshotFailure reason, string message, Exception? inner = null)
        : base(message, inner) => Reason = reason;

    public PipelineSnapshotException()
        : this(SnapshotFailure.Corrupt, "The pipeline snapshot cannot be restored.")
    {
    }

    public PipelineSnapshotException(string message)
        : this(SnapshotFailure.Corrupt, message)
    {
    }

    public PipelineSnapshotException(string message, Exception inner)
        : this(SnapshotFailure.Corrupt, message, inner)
    {
    }

    /// <summary>What is wrong with the snapshot.</summary>
    public SnapshotFailure Reason { get; }
}
