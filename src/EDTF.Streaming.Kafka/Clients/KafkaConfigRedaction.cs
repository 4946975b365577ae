namespace EDTF.Streaming.Kafka.Clients;

/// <summary>Shows librdkafka settings for the log with every secret (passwords, client secrets, private keys) replaced.</summary>
internal static class KafkaConfigRedaction
{
    /// <summary>What a secret value is shown as.</summary>
    public const string Redacted = "[redacted]";

    private static readonly string[] SecretParts = ["password", "secret", "passphrase", "private.key", "sasl.oauthbearer.config"];

    private static readonly string[] SecretNames = ["ssl.key.pem", "ssl_key", "ssl.keystore.location.password"];

    /// <summary>True when the value of this librdkafka property must not be logged (a secret file reference shows its path).</summary>
    public static bool IsSecret(string name)
    {
        var n = KafkaConfig.ToLibrdkafkaName(name);
        if (n.EndsWith(KafkaSecretFiles.Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return SecretParts.Any(p => n.Contains(p, StringComparison.OrdinalIgnoreCase))
            || SecretNames.Any(s => n.Equals(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The value as it may be logged.</summary>
    public static string Show(string name, string? value) => IsSecret(name) ? Redacted : value ?? string.Empty;

    /// <summary><c>name=value</c> pairs in name order, secrets redacted.</summary>
    public static string Describe(IEnumerable<KeyValuePair<string, string>> properties) =>
        string.Join(", ", properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Show(p.Key, p.Value)}"));
}
