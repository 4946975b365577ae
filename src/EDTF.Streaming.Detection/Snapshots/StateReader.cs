using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Pipeline;

namespace EDTF.Streaming.Detection.Snapshots;

/// <summary>Reads what <see cref="StateWriter"/> wrote, into fresh objects; a type whose field layout differs in this build stops the read (<see cref="SnapshotFailure.LayoutChanged"/>).</summary>
/// <remarks>Used by one thread, for one restore. Station numbers are translated through <see cref="StationMap"/> (they are numbered per process).</remarks>
internal sealed class StateReader(BinaryReader input, IReadOnlyList<object> known)
{
    /// <summary>Items of one collection at most (a damaged count must not allocate gigabytes before the checksum fails).</summary>
    private const int MaxCount = 1 << 24;

    private readonly List<object> _objects = [];
    private readonly List<Type> _types = [];

    public BinaryReader Input { get; } = input;

    /// <summary>Station numbers of the writing process to those of this one (identity when absent).</summary>
    public IReadOnlyDictionary<int, int>? StationMap { get; set; }

    public object? ReadValue(Type declared)
    {
        if (declared.IsValueType)
        {
            if (Nullable.GetUnderlyingType(declared) is { } inner)
            {
                return Input.ReadBoolean() ? ReadStruct(inner) : null;
            }

            return ReadStruct(declared);
        }

        return ReadReference();
    }

    public Type ReadType()
    {
        var id = Input.Read7BitEncodedInt();
        if (id > 0)
        {
            return id - 1 < _types.Count ? _types[id - 1] : throw Corrupt($"type number {id - 1} was never written");
        }

        var form = Input.ReadByte();
        Type t;
        switch (form)
        {
            case 2:
                t = ReadType().MakeArrayType();
                break;
            case 1:
                var name = Input.ReadString();
                var count = Input.Read7BitEncodedInt();
                var args = new Type[count];
                for (var i = 0; i < count; i++)
                {
                    args[i] = ReadType();
                }

                var definition = StateTypes.Resolve(name) ?? throw Layout($"type {name} does not exist in this build");
                if (!definition.IsGenericTypeDefinition || definition.GetGenericArguments().Length != count)
                {
                    throw Layout($"type {name} is not a generic type of {count} arguments in this build");
                }

                t = definition.MakeGenericType(args);
                break;
            case 0:
                var plain = Input.ReadString();
                t = StateTypes.Resolve(plain) ?? throw Layout($"type {plain} does not exist in this build");
                break;
            default:
                throw Corrupt($"type form {form}");
        }

        var layout = Input.ReadString();
        if (!string.Equals(layout, StateTypes.Layout(t), StringComparison.Ordinal))
        {
            throw Layout($"the fields of {t} differ in this build (snapshot: {layout}; now: {StateTypes.Layout(t)})");
        }

        _types.Add(t);
        return t;
    }

    /// <summary>A station number as this process numbers that station.</summary>
    public int Station(int written) => StationMap is { } map && map.TryGetValue(written, out var now) ? now : written;

    private object? ReadReference()
    {
        var tag = Input.ReadByte();
        switch (tag)
        {
            case StateWriter.Null:
                return null;
            case StateWriter.Text:
                return Input.ReadString();
            case StateWriter.Known:
                var k = Input.Read7BitEncodedInt();
                return k < known.Count ? known[k] : throw Corrupt($"known object {k} of {known.Count}");
            case StateWriter.Seen:
                var id = Input.Read7BitEncodedInt();
                return id < _objects.Count ? _objects[id] : throw Corrupt($"object {id} of {_objects.Count}");
            case StateWriter.New:
                var t = ReadType();
                return t.IsValueType ? ReadStruct(t) : ReadContent(t);
            default:
                throw Corrupt($"reference tag {tag}");
        }
    }

    private object ReadStruct(Type t)
    {
        switch (StateTypes.KindOf(t))
        {
            case StateKind.Primitive:
                return ReadPrimitive(t);
            case StateKind.Enum:
                return Enum.ToObject(t, ReadPrimitive(Enum.GetUnderlyingType(t)));
            case StateKind.SourceRef:
                var origin = ReadReference();
                var line = Input.ReadInt64();
                var station = Station(Input.Read7BitEncodedInt());
                return SourceRef.Restore(origin, line, station);
            default:
                var written = ReadType();
                if (written != t)
                {
                    throw Corrupt($"{written} where {t} was expected");
                }

                var box = RuntimeHelpers.GetUninitializedObject(t);
                ReadFields(box, t);
                return box;
        }
    }

    private object ReadContent(Type t)
    {
        switch (StateTypes.KindOf(t))
        {
            case StateKind.Array:
                return ReadArray(t.GetElementType()!);
            case StateKind.Json:
                var json = JsonNode.Parse(Input.ReadString()) ?? throw Corrupt("an empty JSON node");
                _objects.Add(json);
                return json;
            case StateKind.AlertSource:
                var slot = _objects.Count;
                _objects.Add(null!);
                var source = new AlertSource((string?)ReadReference(), (int?)ReadValue(typeof(int?)), (long?)ReadValue(typeof(long?)),
                    (string?)ReadReference(), (long?)ReadValue(typeof(long?)));
                _objects[slot] = source;
                return source;
            case StateKind.Fields:
                var o = RuntimeHelpers.GetUninitializedObject(t);
                _objects.Add(o);
                ReadFields(o, t);
                return o;
            case StateKind.Primitive or StateKind.Enum or StateKind.String or StateKind.SourceRef:
                throw Corrupt($"{t} written as an object");
            case StateKind.Delegate or StateKind.Configuration:
                throw Layout($"{t} is not state in this build");
            default:
                return ReadCollection(t);
        }
    }

    public void ReadFields(object target, Type t)
    {
        foreach (var f in StateTypes.Fields(t))
        {
            f.SetValue(target, Translate(f, ReadValue(f.FieldType)));
        }
    }

    /// <summary>Station numbers in fields marked <see cref="StationNumberAttribute"/> (an int, or the keys of a dictionary) as this process numbers them.</summary>
    public object? Translate(FieldInfo f, object? value)
    {
        if (StationMap is null || f.GetCustomAttribute<StationNumberAttribute>() is null)
        {
            return value;
        }

        switch (value)
        {
            case int station:
                return Station(station);
            case IDictionary map:
                var entries = map.Cast<DictionaryEntry>().ToList();
                map.Clear();
                foreach (var e in entries)
                {
                    map[Station((int)e.Key)] = e.Value;
                }

                return map;
            default:
                return value;
        }
    }

    private Array ReadArray(Type element)
    {
        var length = Count();
        var array = Array.CreateInstance(element, length);
        _objects.Add(array);
        if (element.IsPrimitive)
        {
            var bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), Buffer.ByteLength(array)));
            Input.ReadExactly(bytes);
            return array;
        }

        for (var i = 0; i < length; i++)
        {
            array.SetValue(ReadValue(element), i);
        }

        return array;
    }

    private object ReadCollection(Type t)
    {
        var args = t.GetGenericArguments();
        var kind = StateTypes.KindOf(t);
        var collection = Activator.CreateInstance(t)!;
        _objects.Add(collection);
        var count = Count();
        switch (kind)
        {
            case StateKind.Dictionary or StateKind.SortedDictionary:
                var map = (IDictionary)collection;
                for (var i = 0; i < count; i++)
                {
                    var key = ReadValue(args[0])!;
                    map.Add(key, ReadValue(args[1]));
                }

                return collection;
            case StateKind.PriorityQueue:
                var enqueue = t.GetMethod("Enqueue", args)!;
                for (var i = 0; i < count; i++)
                {
                    var element = ReadValue(args[0]);
                    enqueue.Invoke(collection, [element, ReadValue(args[1])]);
                }

                return collection;
            default:
                var add = t.GetMethod(kind switch
                {
                    StateKind.Stack => "Push",
                    StateKind.Queue => "Enqueue",
                    _ => "Add",
                }, [args[0]])!;
                for (var i = 0; i < count; i++)
                {
                    add.Invoke(collection, [ReadValue(args[0])]);
                }

                return collection;
        }
    }

    private int Count()
    {
        var n = Input.Read7BitEncodedInt();
        return n is >= 0 and <= MaxCount ? n : throw Corrupt($"a count of {n}");
    }

    private object ReadPrimitive(Type t) => Type.GetTypeCode(t) switch
    {
        TypeCode.Boolean => Input.ReadBoolean(),
        TypeCode.Byte => Input.ReadByte(),
        TypeCode.SByte => Input.ReadSByte(),
        TypeCode.Int16 => Input.ReadInt16(),
        TypeCode.UInt16 => Input.ReadUInt16(),
        TypeCode.Int32 => Input.ReadInt32(),
        TypeCode.UInt32 => Input.ReadUInt32(),
        TypeCode.Int64 => Input.ReadInt64(),
        TypeCode.UInt64 => Input.ReadUInt64(),
        TypeCode.Single => Input.ReadSingle(),
        TypeCode.Double => Input.ReadDouble(),
        TypeCode.Char => Input.ReadChar(),
        TypeCode.Decimal => Input.ReadDecimal(),
        _ when t == typeof(nint) => (nint)Input.ReadInt64(),
        _ when t == typeof(nuint) => (nuint)Input.ReadUInt64(),
        _ => throw Corrupt($"primitive {t}"),
    };

    private static PipelineSnapshotException Corrupt(string what) =>
        new(SnapshotFailure.Corrupt, $"The pipeline snapshot is damaged: {what}.");

    private static PipelineSnapshotException Layout(string what) =>
        new(SnapshotFailure.LayoutChanged, $"The pipeline snapshot was written by a build with other state: {what}.");
}
