using Confluent.Kafka;

namespace EDTF.Streaming.Kafka;

/// <summary>Copies a configuration section of librdkafka properties onto a Confluent.Kafka config.</summary>
internal static class KafkaConfig
{
    /// <summary>Sets every entry; keys may be librdkafka names (<c>session.timeout.ms</c>) or the .NET property names (<c>SessionTimeoutMs</c>).</summary>
    public static void Apply(ClientConfig config, IReadOnlyDictionary<string, string> properties)
    {
        foreach (var (key, value) in properties)
        {
            config.Set(ToLibrdkafkaName(key), value);
        }
    }

    /// <summary><c>SessionTimeoutMs</c> to <c>session.timeout.ms</c>; names with dots are kept.</summary>
    public static string ToLibrdkafkaName(string key)
    {
        if (key.Contains('.', StringComparison.Ordinal) || key.All(c => !char.IsUpper(c)))
        {
            return key;
        }

        var sb = new System.Text.StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('.');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
