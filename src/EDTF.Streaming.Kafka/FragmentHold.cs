namespace EDTF.Streaming.Kafka;

/// <summary>
/// A multi-sentence message whose fragments arrived in different records: the records that carried its earlier fragments must
/// not have their offsets stored until it is released (the record completing it went through the pipeline with its outputs
/// acknowledged, or the decoder dropped the message).
/// </summary>
/// <remarks>Created and dropped on the consume thread; released by the processing thread (completed) or the consume thread (dropped).</remarks>
internal sealed class FragmentHold
{
    private int _released;

    /// <summary>The decoder's number of the record during which it was created (see <see cref="RecordDecoder"/>).</summary>
    public long CreatedInRecord { get; set; }

    public bool IsReleased => Volatile.Read(ref _released) != 0;

    public void Release() => Volatile.Write(ref _released, 1);

    /// <summary>True when every hold of <paramref name="holds"/> (a hold, an array of holds, or null) is released.</summary>
    public static bool AllReleased(object? holds)
    {
        switch (holds)
        {
            case null:
                return true;
            case FragmentHold hold:
                return hold.IsReleased;
            default:
                foreach (var h in (FragmentHold[])holds)
                {
                    if (!h.IsReleased)
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    /// <summary>Releases every hold of <paramref name="holds"/> (a hold, an array of holds, or null).</summary>
    public static void ReleaseAll(object? holds)
    {
        switch (holds)
        {
            case null:
                return;
            case FragmentHold hold:
                hold.Release();
                return;
            default:
                foreach (var h in (FragmentHold[])holds)
                {
                    h.Release();
                }

                return;
        }
    }

    /// <summary>Null, the single hold, or an array copy: what a pooled record's list becomes once it outlives the record.</summary>
    public static object? Pack(List<FragmentHold>? holds) => holds switch
    {
        null or { Count: 0 } => null,
        { Count: 1 } => holds[0],
        _ => holds.ToArray(),
    };
}
