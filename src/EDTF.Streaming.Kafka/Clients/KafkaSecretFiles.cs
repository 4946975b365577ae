namespace EDTF.Streaming.Kafka.Clients;

/// <summary>
/// Resolves secret file references: a property <c>NAME.file</c> (e.g. <c>sasl.password.file</c>) becomes <c>NAME</c> set to the
/// file's content, trailing line break removed, so secrets come from mounted files instead of the command line.
/// </summary>
internal static class KafkaSecretFiles
{
    /// <summary>The suffix that marks a file reference.</summary>
    public const string Suffix = ".file";

    /// <summary>The properties with every <c>NAME.file</c> replaced by <c>NAME</c> = the file's content; keys are librdkafka names.</summary>
    /// <exception cref="InvalidOperationException">A file cannot be read, or both <c>NAME</c> and <c>NAME.file</c> are set.</exception>
    public static Dictionary<string, string> Resolve(IReadOnlyDictionary<string, string> properties)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in properties)
        {
            var name = KafkaConfig.ToLibrdkafkaName(key);
            if (!name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
            {
                Add(result, name, value);
                continue;
            }

            var target = name[..^Suffix.Length];
            Add(result, target, Read(name, value));
        }

        return result;
    }

    private static void Add(Dictionary<string, string> result, string name, string value)
    {
        if (!result.TryAdd(name, value))
        {
            throw new InvalidOperationException($"Kafka client property '{name}' is set both directly and through '{name}{Suffix}'; set one of them.");
        }
    }

    private static string Read(string key, string path)
    {
        try
        {
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidOperationException($"Kafka client property '{key}': cannot read '{path}': {e.Message}", e);
        }
    }
}
