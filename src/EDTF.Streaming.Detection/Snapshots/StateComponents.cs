using System.Collections.Concurrent;
using System.Reflection;
using EDTF.Streaming.Detection.Pipeline;

namespace EDTF.Streaming.Detection.Snapshots;

/// <summary>The parts a pipeline is built of (detectors, tracker, timers, buffers...), found by walking it from its root in a fixed order, and which of their fields are state.</summary>
/// <remarks>
/// A field set once by the constructor that holds another part of the pipeline is wiring: the part is walked in turn, and a restored
/// pipeline has its own. Settings (options, watch list, port areas) are wiring too. Delegates, observers and other objects of foreign
/// libraries are wiring. Every other field is state: it is written with its whole object graph, and overwritten on restore. Two walks
/// of pipelines built with the same settings give the same parts in the same order, so a part is identified by its number.
/// </remarks>
internal sealed class StateComponents
{
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> StateFieldCache = new();
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> PartFieldCache = new();

    private readonly Dictionary<object, int> _known = new(ReferenceEqualityComparer.Instance);
    private readonly List<object> _ordered = [];
    private readonly List<object> _parts = [];

    private StateComponents(object root) => Visit(root);

    /// <summary>The parts, in walk order.</summary>
    public IReadOnlyList<object> Parts => _parts;

    /// <summary>Parts and settings by number (what state refers to without writing them).</summary>
    public IReadOnlyDictionary<object, int> Known => _known;

    /// <summary>Parts and settings in number order.</summary>
    public IReadOnlyList<object> KnownInOrder => _ordered;

    public static StateComponents Of(DetectionPipeline pipeline) => new(pipeline);

    /// <summary>The state fields of a part of type <paramref name="t"/> (none for the reorder buffer: it is written by its reports).</summary>
    public static FieldInfo[] StateFields(Type t) => StateFieldCache.GetOrAdd(t, static type =>
        type == typeof(ReorderBuffer) ? [] : [.. StateTypes.Fields(type).Where(f => RoleOf(f) == Role.State)]);

    private void Visit(object part)
    {
        Register(part);
        _parts.Add(part);
        if (part is ReorderBuffer)
        {
            return;
        }

        foreach (var f in PartFields(part.GetType()))
        {
            if (f.GetValue(part) is not { } value || _known.ContainsKey(value))
            {
                continue;
            }

            if (StateTypes.IsConfiguration(value.GetType()))
            {
                Register(value);
            }
            else if (IsPartType(value.GetType()))
            {
                Visit(value);
            }
        }
    }

    private void Register(object o)
    {
        _known[o] = _ordered.Count;
        _ordered.Add(o);
    }

    private static FieldInfo[] PartFields(Type t) => PartFieldCache.GetOrAdd(t, static type =>
        [.. StateTypes.Fields(type).Where(f => RoleOf(f) == Role.Part)]);

    private static Role RoleOf(FieldInfo f)
    {
        var t = f.FieldType;
        var kind = StateTypes.KindOf(t);
        if (kind == StateKind.Delegate)
        {
            return Role.Wiring;
        }

        if (!StateTypes.IsDetectionType(t) && kind == StateKind.Fields && !t.IsValueType)
        {
            return Role.Wiring; // observers, subjects and other objects of foreign libraries
        }

        return StateTypes.IsSetOnce(f) && IsPartType(t) ? Role.Part : Role.State;
    }

    /// <summary>A class or interface of the detection core (not an array or collection of its types).</summary>
    private static bool IsPartType(Type t) => StateTypes.IsDetectionType(t) && !t.IsValueType && !t.IsArray && StateTypes.KindOf(t) is StateKind.Fields or StateKind.Configuration;

    private enum Role
    {
        Wiring,
        Part,
        State,
    }
}
