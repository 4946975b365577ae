using System.Collections;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Pipeline;

namespace EDTF.Streaming.Detection.Snapshots;

/// <summary>Writes an object graph of detection state: values by their kind, each object once (later references by number), components and settings by their number in the walk.</summary>
/// <remarks>
/// Tags before a reference: 0 null, 1 an object written before, 2 a known object (component or setting of the pipeline), 3 a new
/// object (its type, then its content), 4 a string. A type is written in full the first time (with its field layout), then by number.
/// Used by one thread, for one snapshot.
/// </remarks>
internal sealed class StateWriter(BinaryWriter output, IReadOnlyDictionary<object, int> known)
{
    internal const byte Null = 0;
    internal const byte Seen = 1;
    internal const byte Known = 2;
    internal const byte New = 3;
    internal const byte Text = 4;

    private readonly Dictionary<object, int> _objects = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, int> _types = [];

    public BinaryWriter Output { get; } = output;

    /// <summary>Settings may be written by value (to compare the options a snapshot was taken with), not only by reference.</summary>
    public bool AllowConfiguration { get; init; }

    public void WriteValue(object? value, Type declared)
    {
        if (declared.IsValueType)
        {
            if (Nullable.GetUnderlyingType(declared) is { } inner)
            {
                Output.Write(value is not null);
                if (value is not null)
                {
                    WriteStruct(value, inner);
                }

                return;
            }

            WriteStruct(value!, declared);
            return;
        }

        WriteReference(value);
    }

    public void WriteType(Type t)
    {
        if (_types.TryGetValue(t, out var id))
        {
            Output.Write7BitEncodedInt(id + 1);
            return;
        }

        Output.Write7BitEncodedInt(0);
        if (t.IsArray)
        {
            Output.Write((byte)2);
            WriteType(t.GetElementType()!);
        }
        else if (t.IsGenericType)
        {
            Output.Write((byte)1);
            Output.Write(t.GetGenericTypeDefinition().FullName!);
            var args = t.GetGenericArguments();
            Output.Write7BitEncodedInt(args.Length);
            foreach (var a in args)
            {
                WriteType(a);
            }
        }
        else
        {
            Output.Write((byte)0);
            Output.Write(t.FullName!);
        }

        Output.Write(StateTypes.Layout(t));
        _types[t] = _types.Count;
    }

    private void WriteReference(object? value)
    {
        if (value is null)
        {
            Output.Write(Null);
            return;
        }

        if (value is string s)
        {
            Output.Write(Text);
            Output.Write(s);
            return;
        }

        if (known.TryGetValue(value, out var k))
        {
            Output.Write(Known);
            Output.Write7BitEncodedInt(k);
            return;
        }

        if (_objects.TryGetValue(value, out var id))
        {
            Output.Write(Seen);
            Output.Write7BitEncodedInt(id);
            return;
        }

        var t = value.GetType();
        Output.Write(New);
        WriteType(t);
        if (t.IsValueType)
        {
            WriteStruct(value, t);
            return;
        }

        _objects[value] = _objects.Count;
        WriteContent(value, t);
    }

    private void WriteStruct(object value, Type t)
    {
        switch (StateTypes.KindOf(t))
        {
            case StateKind.Primitive:
                WritePrimitive(value);
                return;
            case StateKind.Enum:
                WritePrimitive(Convert.ChangeType(value, Enum.GetUnderlyingType(t), System.Globalization.CultureInfo.InvariantCulture));
                return;
            case StateKind.SourceRef:
                var source = (SourceRef)value;
                WriteReference(source.Origin);
                Output.Write(source.Line);
                Output.Write7BitEncodedInt(source.Station);
                return;
            default:
                WriteType(t);
                WriteFields(value, t);
                return;
        }
    }

    private void WriteContent(object value, Type t)
    {
        switch (StateTypes.KindOf(t))
        {
            case StateKind.Array:
                WriteArray((Array)value, t.GetElementType()!);
                return;
            case StateKind.Json:
                Output.Write(((JsonNode)value).ToJsonString());
                return;
            case StateKind.AlertSource:
                // One per input record, so many: its five fields directly, not by reflection.
                var a = (AlertSource)value;
                WriteReference(a.Topic);
                WriteValue(a.Partition, typeof(int?));
                WriteValue(a.Offset, typeof(long?));
                WriteReference(a.File);
                WriteValue(a.Line, typeof(long?));
                return;
            case StateKind.Delegate:
                throw new InvalidOperationException($"A delegate ({t}) sits in the detection state: it cannot be snapshotted.");
            case StateKind.Configuration when !AllowConfiguration:
                throw new InvalidOperationException($"State refers to settings ({t}) the pipeline was not built with.");
            case StateKind.Fields or StateKind.Configuration:
                WriteFields(value, t);
                return;
            default:
                WriteCollection(value, t);
                return;
        }
    }

    private void WriteFields(object value, Type t)
    {
        foreach (var f in StateTypes.Fields(t))
        {
            WriteValue(f.GetValue(value), f.FieldType);
        }
    }

    private void WriteArray(Array array, Type element)
    {
        Output.Write7BitEncodedInt(array.Length);
        if (element.IsPrimitive)
        {
            var bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), Buffer.ByteLength(array)));
            Output.Write(bytes);
            return;
        }

        foreach (var item in array)
        {
            WriteValue(item, element);
        }
    }

    /// <summary>Collections are written by what they hold (count, then the items in their enumeration order), never by their internals.</summary>
    private void WriteCollection(object value, Type t)
    {
        var args = t.GetGenericArguments();
        switch (StateTypes.KindOf(t))
        {
            case StateKind.Dictionary or StateKind.SortedDictionary:
                var map = (IDictionary)value;
                Output.Write7BitEncodedInt(map.Count);
                foreach (DictionaryEntry e in map)
                {
                    WriteValue(e.Key, args[0]);
                    WriteValue(e.Value, args[1]);
                }

                return;
            case StateKind.PriorityQueue:
                var items = ((IEnumerable)t.GetProperty("UnorderedItems")!.GetValue(value)!).Cast<object>().ToList();
                Output.Write7BitEncodedInt(items.Count);
                var tuple = typeof(ValueTuple<,>).MakeGenericType(args);
                foreach (var item in items)
                {
                    WriteValue(tuple.GetField("Item1")!.GetValue(item), args[0]);
                    WriteValue(tuple.GetField("Item2")!.GetValue(item), args[1]);
                }

                return;
            default:
                // List, HashSet, SortedSet, Queue: enumeration order is insertion order; Stack enumerates from the top, written bottom first.
                var list = ((IEnumerable)value).Cast<object?>().ToList();
                if (StateTypes.KindOf(t) == StateKind.Stack)
                {
                    list.Reverse();
                }

                Output.Write7BitEncodedInt(list.Count);
                foreach (var item in list)
                {
                    WriteValue(item, args[0]);
                }

                return;
        }
    }

    private void WritePrimitive(object value)
    {
        switch (value)
        {
            case bool b: Output.Write(b); break;
            case byte b: Output.Write(b); break;
            case sbyte b: Output.Write(b); break;
            case short s: Output.Write(s); break;
            case ushort s: Output.Write(s); break;
            case int i: Output.Write(i); break;
            case uint i: Output.Write(i); break;
            case long l: Output.Write(l); break;
            case ulong l: Output.Write(l); break;
            case float f: Output.Write(f); break;
            case double d: Output.Write(d); break;
            case char c: Output.Write(c); break;
            case decimal m: Output.Write(m); break;
            case nint n: Output.Write((long)n); break;
            case nuint n: Output.Write((ulong)n); break;
            default: throw new InvalidOperationException($"Primitive {value.GetType()} cannot be snapshotted.");
        }
    }
}
