using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Pipeline;

namespace EDTF.Streaming.Detection.Snapshots;

/// <summary>How the state codec writes a value of a type.</summary>
internal enum StateKind
{
    Primitive,
    Enum,
    String,
    SourceRef,
    AlertSource,
    Array,
    List,
    Dictionary,
    HashSet,
    SortedSet,
    SortedDictionary,
    Stack,
    Queue,
    PriorityQueue,
    Json,
    Delegate,
    Configuration,
    Fields,
}

/// <summary>What the state codec knows of types: their kind, their fields in a fixed order, their layout signature and where a name resolves.</summary>
/// <remarks>Thread-safe (caches only). Names resolve only in the assemblies state is made of, never anywhere else.</remarks>
internal static class StateTypes
{
    private static readonly Assembly Detection = typeof(DetectionPipeline).Assembly;

    private static readonly Assembly[] Allowed =
    [
        Detection, typeof(object).Assembly, typeof(HashSet<>).Assembly, typeof(SortedSet<>).Assembly,
        typeof(PriorityQueue<,>).Assembly, typeof(JsonNode).Assembly, typeof(AisReport).Assembly,
    ];

    /// <summary>Settings and reference data the pipeline is built with: never part of its state (the restoring pipeline brings its own).</summary>
    private static readonly HashSet<Type> ConfigurationTypes =
    [
        typeof(DetectionOptions), typeof(DarkPeriodOptions), typeof(TransferOptions), typeof(PortCallOptions), typeof(CargoOptions),
        typeof(EventTimeOptions), typeof(CapacityOptions), typeof(Watchlist), typeof(PortAreas),
    ];

    /// <summary>The collections written by what they hold, by generic definition.</summary>
    private static readonly Dictionary<Type, StateKind> Collections = new()
    {
        [typeof(List<>)] = StateKind.List,
        [typeof(Dictionary<,>)] = StateKind.Dictionary,
        [typeof(HashSet<>)] = StateKind.HashSet,
        [typeof(SortedSet<>)] = StateKind.SortedSet,
        [typeof(SortedDictionary<,>)] = StateKind.SortedDictionary,
        [typeof(Stack<>)] = StateKind.Stack,
        [typeof(Queue<>)] = StateKind.Queue,
        [typeof(PriorityQueue<,>)] = StateKind.PriorityQueue,
    };

    private static readonly ConcurrentDictionary<Type, FieldInfo[]> FieldCache = new();
    private static readonly ConcurrentDictionary<Type, StateKind> KindCache = new();
    private static readonly ConcurrentDictionary<string, Type?> Resolved = new(StringComparer.Ordinal);

    public static bool IsDetectionType(Type t) => t.Assembly == Detection;

    public static bool IsConfiguration(Type t) => ConfigurationTypes.Contains(t);

    public static StateKind KindOf(Type t) => KindCache.GetOrAdd(t, Classify);

    /// <summary>Every instance field of <paramref name="t"/> and its base types, base fields first, each type's by name.</summary>
    public static FieldInfo[] Fields(Type t) => FieldCache.GetOrAdd(t, static type =>
    {
        var chain = new List<Type>();
        for (var c = type; c is not null && c != typeof(object) && c != typeof(ValueType); c = c.BaseType)
        {
            chain.Insert(0, c);
        }

        return [.. chain.SelectMany(c => c.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .OrderBy(f => f.Name, StringComparer.Ordinal))];
    });

    /// <summary>The field names and types of <paramref name="t"/>: a snapshot reads a type's fields only when this matches.</summary>
    public static string Layout(Type t) =>
        KindOf(t) == StateKind.Fields ? string.Join(';', Fields(t).Select(f => f.Name + ":" + Describe(f.FieldType))) : "";

    /// <summary>True for a field set once by the constructor: readonly, a primary-constructor parameter or a get-only auto-property.</summary>
    public static bool IsSetOnce(FieldInfo f) => f.IsInitOnly || (f.Name.StartsWith('<') && f.Name.EndsWith(">P", StringComparison.Ordinal));

    /// <summary>The type named <paramref name="fullName"/> (generic definitions with their arity suffix) in the assemblies state is made of; null when none.</summary>
    public static Type? Resolve(string fullName) => Resolved.GetOrAdd(fullName, static name =>
    {
        foreach (var a in Allowed)
        {
            if (a.GetType(name, throwOnError: false) is { } t)
            {
                return t;
            }
        }

        return null;
    });

    private static string Describe(Type t) =>
        t.IsGenericType ? t.GetGenericTypeDefinition().FullName + "[" + string.Join(',', t.GetGenericArguments().Select(Describe)) + "]" :
        t.IsArray ? Describe(t.GetElementType()!) + "[]" : t.FullName ?? t.Name;

    private static StateKind Classify(Type t)
    {
        if (t.IsPrimitive || t == typeof(decimal))
        {
            return StateKind.Primitive;
        }

        if (t.IsEnum)
        {
            return StateKind.Enum;
        }

        if (t == typeof(string))
        {
            return StateKind.String;
        }

        if (t == typeof(SourceRef))
        {
            return StateKind.SourceRef;
        }

        if (t == typeof(AlertSource))
        {
            return StateKind.AlertSource;
        }

        if (typeof(Delegate).IsAssignableFrom(t))
        {
            return StateKind.Delegate;
        }

        if (typeof(JsonNode).IsAssignableFrom(t))
        {
            return StateKind.Json;
        }

        if (IsConfiguration(t))
        {
            return StateKind.Configuration;
        }

        if (t.IsArray)
        {
            return t.GetArrayRank() == 1 ? StateKind.Array : throw new NotSupportedException($"State of type {t} (multi-dimensional array) cannot be snapshotted.");
        }

        if (t.IsGenericType && Collections.TryGetValue(t.GetGenericTypeDefinition(), out var collection))
        {
            return collection;
        }

        return StateKind.Fields;
    }
}
