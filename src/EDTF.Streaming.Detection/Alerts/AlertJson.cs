using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EDTF.Streaming.Detection;

/// <summary>Reads and writes alert updates as the contract's JSON (camelCase, RFC 3339 UTC with Z, required keys written as null).</summary>
public static class AlertJson
{
    private static readonly JsonSerializerOptions Options = AlertJsonContext.Default.Options;

    /// <summary>The alert as one line of JSON.</summary>
    public static string Serialize(AlertUpdate a) => JsonSerializer.Serialize(a, Options);

    /// <summary>The alert as UTF-8 JSON bytes.</summary>
    public static byte[] SerializeToUtf8Bytes(AlertUpdate a) => JsonSerializer.SerializeToUtf8Bytes(a, Options);

    /// <summary>Reads an alert written by <see cref="Serialize"/>.</summary>
    public static AlertUpdate Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<AlertUpdate>(utf8, Options) ?? throw new JsonException("alert JSON is null");

    /// <summary>RFC 3339 UTC with Z; milliseconds only when present.</summary>
    internal sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            var utc = value.ToUniversalTime();
            var format = utc.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            writer.WriteStringValue(utc.ToString(format, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Writes only the fields a source has: <c>{topic, partition, offset}</c> or <c>{file, line}</c>.</summary>
    internal sealed class SourceConverter : JsonConverter<AlertSource>
    {
        public override AlertSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            string? topic = null, file = null;
            int? partition = null;
            long? offset = null, line = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("source must be an object");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "topic": topic = reader.GetString(); break;
                    case "partition": partition = reader.GetInt32(); break;
                    case "offset": offset = reader.GetInt64(); break;
                    case "file": file = reader.GetString(); break;
                    case "line": line = reader.GetInt64(); break;
                    default: reader.Skip(); break;
                }
            }

            return new AlertSource(topic, partition, offset, file, line);
        }

        public override void Write(Utf8JsonWriter writer, AlertSource value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            if (value.Topic is not null)
            {
                writer.WriteString("topic", value.Topic);
            }

            if (value.Partition is { } p)
            {
                writer.WriteNumber("partition", p);
            }

            if (value.Offset is { } o)
            {
                writer.WriteNumber("offset", o);
            }

            if (value.File is not null)
            {
                writer.WriteString("file", value.File);
            }

            if (value.Line is { } l)
            {
                writer.WriteNumber("line", l);
            }

            writer.WriteEndObject();
        }
    }
}

/// <summary>Compile-time JSON metadata for alerts (System.Text.Json source generation): no reflection at run time, and less for a one-shot <c>detect</c> to JIT-compile.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(AlertJson.UtcTimeConverter), typeof(AlertJson.SourceConverter)])]
[JsonSerializable(typeof(AlertUpdate))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
