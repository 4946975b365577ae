using System.Globalization;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Cli.Broker;

/// <summary>The control endpoint's requests read and its answers written: plain functions, no HTTP.</summary>
internal static class FaultRequests
{
    /// <summary>A broker id from a path: <c>1</c>..<c>n</c>, or <c>all</c>.</summary>
    /// <exception cref="FormatException">neither.</exception>
    public static int BrokerId(string text) =>
        text.Equals("all", StringComparison.OrdinalIgnoreCase) ? EmbeddedBrokerFaults.AllBrokers
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id
        : throw new FormatException($"broker id must be a number or 'all', got '{text}'");

    /// <summary>A request type by name (<c>Produce</c>, <c>Fetch</c>, <c>OffsetCommit</c>, <c>JoinGroup</c>, ...; any case) or ApiKey number.</summary>
    public static KafkaApiKey Api(string text) =>
        Enum.TryParse<KafkaApiKey>(text, ignoreCase: true, out var api) && Enum.IsDefined(api) ? api
        : throw new FormatException($"api must be one of {string.Join(", ", Enum.GetNames<KafkaApiKey>())}, got '{text}'");

    /// <summary>A Kafka error by Confluent.Kafka name (<c>NotEnoughReplicas</c>, <c>Local_Transport</c>; any case) or protocol number.</summary>
    public static ErrorCode Error(string text) =>
        Enum.TryParse<ErrorCode>(text, ignoreCase: true, out var error) && Enum.IsDefined(error) && error != ErrorCode.NoError ? error
        : throw new FormatException($"error must name a Kafka error code (e.g. NotEnoughReplicas, RequestTimedOut, Local_Transport), got '{text}'");

    /// <summary><c>{"api": "Produce", "count": 10, "error": "NotEnoughReplicas"}</c>; count defaults to 1.</summary>
    public static (KafkaApiKey Api, int Count, ErrorCode Error) RequestErrors(string json)
    {
        var body = Object(json);
        return (Api(Text(body, "api") ?? throw Missing("api")), Int(body, "count") ?? 1, Error(Text(body, "error") ?? throw Missing("error")));
    }

    /// <summary><c>{"broker": 1, "delayMs": 500}</c>; broker defaults to all (also <c>"all"</c> or -1).</summary>
    public static (int Broker, int DelayMs) RoundTripDelay(string json)
    {
        var body = Object(json);
        var broker = Text(body, "broker") is { } b ? BrokerId(b) : EmbeddedBrokerFaults.AllBrokers;
        return (broker, Int(body, "delayMs") ?? throw Missing("delayMs"));
    }

    /// <summary>The faults in force as JSON: <c>brokersDown</c>, <c>roundTripDelayMs</c> by broker id, <c>requestErrors</c> pushed.</summary>
    public static JsonObject Describe(EmbeddedBrokerFaultState state) => new()
    {
        ["brokersDown"] = new JsonArray([.. state.BrokersDown.Select(id => JsonValue.Create(id))]),
        ["roundTripDelayMs"] = new JsonObject(state.RoundTripDelayMsByBroker.Select(kv =>
            KeyValuePair.Create(kv.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)JsonValue.Create(kv.Value)))),
        ["requestErrors"] = new JsonArray([.. state.RequestErrors.Select(p => new JsonObject
        {
            ["api"] = p.Api.ToString(),
            ["count"] = p.Count,
            ["error"] = p.Error.ToString(),
        })]),
    };

    private static JsonObject Object(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the body must be a JSON object");

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<int>(out var i) => i.ToString(CultureInfo.InvariantCulture),
        _ => throw new FormatException($"'{name}' must be a string or a number"),
    };

    private static int? Int(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        _ => throw new FormatException($"'{name}' must be an integer"),
    };

    private static FormatException Missing(string name) => new($"'{name}' is required");
}
