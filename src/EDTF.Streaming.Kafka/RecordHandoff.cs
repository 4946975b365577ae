namespace EDTF.Streaming.Kafka;

/// <summary>What the consume thread hands to the processing thread: a decoded record, a partition's end, or a control request.</summary>
internal readonly record struct HandoffItem(PendingRecord? Record, int EndOfPartition, ControlRequest? Control)
{
    public static HandoffItem Of(PendingRecord record) => new(record, -1, null);

    public static HandoffItem End(int partition) => new(null, partition, null);

    public static HandoffItem Of(ControlRequest control) => new(null, -1, control);
}

/// <summary>
/// Work the consume thread asks the processing thread to do in stream order (a partition assigned or revoked, the input's end),
/// run exactly once: by the processing thread, or by the consume thread itself once the processing thread is gone.
/// </summary>
internal sealed class ControlRequest(Action action)
{
    private readonly ManualResetEventSlim _done = new();
    private int _claimed;

    /// <summary>Runs the action unless it already ran (or is running) elsewhere; signals completion either way.</summary>
    public void Execute()
    {
        try
        {
            if (Interlocked.Exchange(ref _claimed, 1) == 0)
            {
                action();
            }
        }
        finally
        {
            _done.Set();
        }
    }

    /// <summary>Waits until it ran; if <paramref name="processorAlive"/> turns false first, runs it on the calling thread.</summary>
    public void WaitOrRunInline(Func<bool> processorAlive)
    {
        while (!_done.Wait(50))
        {
            if (!processorAlive())
            {
                Execute();
                return;
            }
        }
    }
}

/// <summary>
/// A bounded, ordered hand-over of item batches from the consume thread to the processing thread, recycling the batches.
/// </summary>
/// <remarks>
/// One writer, one reader. Batches, not items, cross the threads: one lock round trip per batch. <see cref="Add"/> blocks
/// while <see cref="Capacity"/> batches wait (back-pressure on the consume thread), until space frees, the reader closes, or
/// the token fires.
/// </remarks>
internal sealed class RecordHandoff(int capacity, int batchSize)
{
    private readonly object _gate = new();
    private readonly Queue<List<HandoffItem>> _full = new();
    private readonly Stack<List<HandoffItem>> _free = new();
    private readonly Stack<List<PendingRecord>> _recycled = new();
    private readonly Stack<List<PendingRecord>> _emptyLists = new();
    private bool _closed;
    private bool _writerWaiting;

    /// <summary>Batches that may wait at once.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Items per batch the writer aims for.</summary>
    public int BatchSize { get; } = batchSize;

    /// <summary>Batches waiting.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _full.Count;
            }
        }
    }

    /// <summary>True while the writer waits in <see cref="Add"/> for room (the queue was full when it looked).</summary>
    public bool WriterWaiting
    {
        get
        {
            lock (_gate)
            {
                return _writerWaiting;
            }
        }
    }

    /// <summary>True once the reader has stopped: nothing added later is taken.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>An empty batch to fill.</summary>
    public List<HandoffItem> Rent()
    {
        lock (_gate)
        {
            if (_free.TryPop(out var batch))
            {
                return batch;
            }
        }

        return new List<HandoffItem>(BatchSize);
    }

    /// <summary>Queues a batch, waiting while the queue is full; false (batch not queued) when the reader closed or <paramref name="stop"/> fired.</summary>
    public bool Add(List<HandoffItem> batch, CancellationToken stop)
    {
        lock (_gate)
        {
            while (_full.Count >= Capacity && !_closed && !stop.IsCancellationRequested)
            {
                _writerWaiting = true;
                Monitor.Wait(_gate, 20);
            }

            _writerWaiting = false;

            if (_closed || stop.IsCancellationRequested)
            {
                return false;
            }

            _full.Enqueue(batch);
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Takes the oldest batch, waiting up to <paramref name="timeoutMs"/> for one.</summary>
    public bool TryTake(out List<HandoffItem> batch, int timeoutMs)
    {
        lock (_gate)
        {
            if (_full.Count == 0 && timeoutMs > 0)
            {
                Monitor.Wait(_gate, timeoutMs);
            }

            if (_full.TryDequeue(out batch!))
            {
                Monitor.PulseAll(_gate);
                return true;
            }

            return false;
        }
    }

    /// <summary>Gives a processed batch back for reuse.</summary>
    public void Return(List<HandoffItem> batch)
    {
        batch.Clear();
        lock (_gate)
        {
            _free.Push(batch);
        }
    }

    /// <summary>Reader: hands released records back for reuse, getting an empty list in exchange.</summary>
    public void Recycle(ref List<PendingRecord> released)
    {
        lock (_gate)
        {
            _recycled.Push(released);
            released = _emptyLists.TryPop(out var empty) ? empty : new List<PendingRecord>(released.Capacity);
        }
    }

    /// <summary>Writer: exchanges an exhausted stock of records for a recycled one; false when none is waiting.</summary>
    public bool TryRestock(ref List<PendingRecord> stock)
    {
        lock (_gate)
        {
            if (!_recycled.TryPop(out var full))
            {
                return false;
            }

            stock.Clear();
            _emptyLists.Push(stock);
            stock = full;
            return true;
        }
    }

    /// <summary>Wakes a waiting reader (e.g. to stop).</summary>
    public void Wake()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The reader stops: waiting and later <see cref="Add"/> calls return false; queued batches are dropped.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _full.Clear();
            Monitor.PulseAll(_gate);
        }
    }
}
