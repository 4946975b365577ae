using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace EDTF.Streaming.Kafka;

/// <summary>A consumed record read in place from librdkafka's message: valid until the next poll.</summary>
internal readonly unsafe ref struct ConsumedRecord
{
    private readonly DirectPoller? _poller;
    private readonly nint _message;
    private readonly Headers? _headers;

    public ConsumedRecord(DirectPoller poller, nint message, int partition, long offset, Timestamp timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value)
    {
        _poller = poller;
        _message = message;
        Partition = partition;
        Offset = offset;
        Timestamp = timestamp;
        Key = key;
        KeyIsNull = keyIsNull;
        Value = value;
    }

    public ConsumedRecord(ConsumeResult<ScratchBytes, ScratchBytes> r)
    {
        _headers = r.Message.Headers;
        Partition = r.Partition.Value;
        Offset = r.Offset.Value;
        Timestamp = r.Message.Timestamp;
        Key = r.Message.Key.Span;
        KeyIsNull = r.Message.Key.IsNull;
        Value = r.Message.Value.Span;
    }

    public int Partition { get; }

    public long Offset { get; }

    public Timestamp Timestamp { get; }

    public ReadOnlySpan<byte> Key { get; }

    public bool KeyIsNull { get; }

    public ReadOnlySpan<byte> Value { get; }

    /// <summary>True when the last header named <paramref name="name"/> has exactly <paramref name="value"/>.</summary>
    public bool HeaderEquals(string name, ReadOnlySpan<byte> value)
    {
        if (_poller is null)
        {
            return _headers is not null && _headers.TryGetLastBytes(name, out var bytes) && bytes.AsSpan().SequenceEqual(value);
        }

        return _poller.LastHeader(_message, name, out var found) && found.SequenceEqual(value);
    }

    /// <summary>A copy of the record's headers (for a dead letter).</summary>
    public Headers? CopyHeaders() => _poller is null ? _headers : _poller.AllHeaders(_message);
}

/// <summary>
/// Polls a Confluent.Kafka consumer's librdkafka handle directly and reads each message in place: no ConsumeResult, Message,
/// TopicPartitionOffset, Headers or key/value arrays per record, and no reflection-based struct marshalling.
/// </summary>
/// <remarks>
/// Rebalance, error and log callbacks are still served by Confluent.Kafka (librdkafka invokes them inside the poll), and every
/// other consumer call (assign, pause, store, commit, close) still goes through <see cref="IConsumer{TKey,TValue}"/>.
/// <see cref="TryCreate"/> binds the very library instance Confluent.Kafka loaded and returns null when it cannot (another
/// platform, another Confluent.Kafka layout): the caller then uses <see cref="IConsumer{TKey,TValue}.Consume(int)"/>.
/// </remarks>
internal sealed unsafe class DirectPoller : IDisposable
{
    private const int PartitionEof = -191;
    private const int Fatal = -150;
    private const int DestroyBatch = 256;
    private readonly nint _rk;
    private readonly Api _api;
    private readonly SafeHandle _owner;
    private readonly object _gate = new();
    private readonly Queue<List<nint>> _toDestroy = new();
    private readonly Stack<List<nint>> _emptyLists = new();
    private readonly Thread _destroyer;
    private List<nint> _done = new(DestroyBatch);
    private nint _current;
    private bool _stopping;

    private DirectPoller(nint rk, SafeHandle owner, Api api)
    {
        _rk = rk;
        _owner = owner;
        _api = api;
        _destroyer = new Thread(DestroyLoop) { Name = "edtf-msg-free", IsBackground = true };
        _destroyer.Start();
    }

    /// <summary>A poller on <paramref name="consumer"/>'s handle, or null (with the reason) when it cannot be bound.</summary>
    public static DirectPoller? TryCreate<TKey, TValue>(IConsumer<TKey, TValue> consumer, out string? reason)
    {
        reason = null;
        try
        {
            var handle = consumer.Handle;
            var member = (MemberInfo?)typeof(Handle).GetField("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                ?? typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
            var safe = member switch
            {
                FieldInfo f => f.GetValue(handle) as SafeHandle,
                PropertyInfo p => p.GetValue(handle) as SafeHandle,
                _ => null,
            };
            if (safe is null || safe.IsInvalid)
            {
                reason = "Confluent.Kafka handle not accessible";
                return null;
            }

            var path = LoadedLibrdkafka();
            if (path is null || !NativeLibrary.TryLoad(path, out var lib))
            {
                reason = "the loaded librdkafka was not found";
                return null;
            }

            return new DirectPoller(safe.DangerousGetHandle(), safe, Api.Bind(lib));
        }
        catch (Exception e) when (e is EntryPointNotFoundException or MemberAccessException or IOException or TargetInvocationException)
        {
            reason = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Polls once. Returns false on timeout. Otherwise <paramref name="eofPartition"/> is the partition that reached its end
    /// (or -1), and <paramref name="record"/> is valid until the next call.
    /// </summary>
    public bool Poll(int timeoutMs, out ConsumedRecord record, out int eofPartition)
    {
        Release();
        record = default;
        eofPartition = -1;
        var bump = false;
        _owner.DangerousAddRef(ref bump);
        try
        {
            var m = (Message*)_api.ConsumerPoll(_rk, timeoutMs);
            if (m == null)
            {
                return false;
            }

            _current = (nint)m;
            if (m->Err == PartitionEof)
            {
                eofPartition = m->Partition;
                return true;
            }

            if (m->Err != 0)
            {
                var text = Marshal.PtrToStringUTF8((nint)_api.Err2Str(m->Err)) ?? m->Err.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var error = new Error((ErrorCode)m->Err, text, m->Err == Fatal);
                _api.MessageDestroy(_current);
                _current = 0;
                throw new KafkaException(error);
            }

            int type;
            var ts = _api.MessageTimestamp((nint)m, &type);
            var key = m->Key == 0 ? default : new ReadOnlySpan<byte>((void*)m->Key, checked((int)m->KeyLength));
            var value = m->Payload == 0 ? default : new ReadOnlySpan<byte>((void*)m->Payload, checked((int)m->Length));
            record = new ConsumedRecord(this, (nint)m, m->Partition, m->Offset, new Timestamp(ts, (TimestampType)type), key, m->Key == 0, value);
            return true;
        }
        finally
        {
            if (bump)
            {
                _owner.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Gives the message of the last poll back. Messages are freed in batches on another thread: librdkafka's broker thread
    /// allocates them, and freeing them here blocked the consume thread on glibc's arena lock hundreds of times a second.
    /// </summary>
    public void Release()
    {
        if (_current == 0)
        {
            return;
        }

        _done.Add(_current);
        _current = 0;
        if (_done.Count >= DestroyBatch)
        {
            lock (_gate)
            {
                _toDestroy.Enqueue(_done);
                _done = _emptyLists.TryPop(out var empty) ? empty : new List<nint>(DestroyBatch);
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Frees every message still held and stops the freeing thread (call before closing the consumer).</summary>
    public void Dispose()
    {
        Release();
        lock (_gate)
        {
            _toDestroy.Enqueue(_done);
            _done = new List<nint>();
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        _destroyer.Join();
    }

    private void DestroyLoop()
    {
        while (true)
        {
            List<nint> batch;
            lock (_gate)
            {
                while (_toDestroy.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (!_toDestroy.TryDequeue(out batch!))
                {
                    return;
                }
            }

            foreach (var m in batch)
            {
                _api.MessageDestroy(m);
            }

            batch.Clear();
            lock (_gate)
            {
                _emptyLists.Push(batch);
            }
        }
    }

    internal bool LastHeader(nint message, string name, out ReadOnlySpan<byte> value)
    {
        value = default;
        nint headers;
        if (_api.MessageHeaders(message, &headers) != 0 || headers == 0)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(name.Length) + 1];
        var n = Encoding.UTF8.GetBytes(name, utf8);
        utf8[n] = 0;
        void* v;
        nuint size;
        fixed (byte* p = utf8)
        {
            if (_api.HeaderGetLast(headers, p, &v, &size) != 0)
            {
                return false;
            }
        }

        value = v == null ? default : new ReadOnlySpan<byte>(v, checked((int)size));
        return true;
    }

    internal Headers? AllHeaders(nint message)
    {
        nint headers;
        if (_api.MessageHeaders(message, &headers) != 0 || headers == 0)
        {
            return null;
        }

        var result = new Headers();
        for (nuint i = 0; ; i++)
        {
            byte* name;
            void* v;
            nuint size;
            if (_api.HeaderGetAll(headers, i, &name, &v, &size) != 0)
            {
                break;
            }

            result.Add(Marshal.PtrToStringUTF8((nint)name) ?? string.Empty, v == null ? null : new ReadOnlySpan<byte>(v, checked((int)size)).ToArray());
        }

        return result;
    }

    /// <summary>The path of the librdkafka this process has mapped (the one Confluent.Kafka loaded), from /proc/self/maps.</summary>
    private static string? LoadedLibrdkafka()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/maps"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && line.Contains("librdkafka", StringComparison.Ordinal))
            {
                return line[slash..];
            }
        }

        return null;
    }

    /// <summary>librdkafka's <c>rd_kafka_message_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Message
    {
        public int Err;
        public nint Topic;
        public int Partition;
        public nint Payload;
        public nuint Length;
        public nint Key;
        public nuint KeyLength;
        public long Offset;
        public nint Private;
    }

    private sealed class Api
    {
        public required delegate* unmanaged[Cdecl]<nint, int, nint> ConsumerPoll { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, void> MessageDestroy { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, int*, long> MessageTimestamp { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, nint*, int> MessageHeaders { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, byte*, void**, nuint*, int> HeaderGetLast { get; init; }

        public required delegate* unmanaged[Cdecl]<nint, nuint, byte**, void**, nuint*, int> HeaderGetAll { get; init; }

        public required delegate* unmanaged[Cdecl]<int, byte*> Err2Str { get; init; }

        public static Api Bind(nint h) => new()
        {
            ConsumerPoll = (delegate* unmanaged[Cdecl]<nint, int, nint>)NativeLibrary.GetExport(h, "rd_kafka_consumer_poll"),
            MessageDestroy = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(h, "rd_kafka_message_destroy"),
            MessageTimestamp = (delegate* unmanaged[Cdecl]<nint, int*, long>)NativeLibrary.GetExport(h, "rd_kafka_message_timestamp"),
            MessageHeaders = (delegate* unmanaged[Cdecl]<nint, nint*, int>)NativeLibrary.GetExport(h, "rd_kafka_message_headers"),
            HeaderGetLast = (delegate* unmanaged[Cdecl]<nint, byte*, void**, nuint*, int>)NativeLibrary.GetExport(h, "rd_kafka_header_get_last"),
            HeaderGetAll = (delegate* unmanaged[Cdecl]<nint, nuint, byte**, void**, nuint*, int>)NativeLibrary.GetExport(h, "rd_kafka_header_get_all"),
            Err2Str = (delegate* unmanaged[Cdecl]<int, byte*>)NativeLibrary.GetExport(h, "rd_kafka_err2str"),
        };
    }
}
