using System.Text.Json;
using EDTF.Streaming.Tests;
using Json.Schema;

namespace EDTF.Streaming.Detection.Tests.Support;

/// <summary>The project's alert schema (docs/alert.schema.json, the contract of docs/alerts.md), for validating every emitted alert.</summary>
internal static class AlertSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(TestPaths.InRepo("docs/alert.schema.json"))));

    public static void ShouldBeValid(AlertUpdate alert)
    {
        var json = AlertJson.Serialize(alert);
        using var doc = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        result.IsValid.Should().BeTrue("alert must match the contract schema: {0}\n{1}", json,
            string.Join("; ", result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));
    }

    /// <summary>Whether the alert matches the contract schema.</summary>
    public static bool IsValid(AlertUpdate alert)
    {
        using var doc = JsonDocument.Parse(AlertJson.Serialize(alert));
        return Schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid;
    }

    public static void AllShouldBeValid(IEnumerable<AlertUpdate> alerts)
    {
        foreach (var a in alerts)
        {
            ShouldBeValid(a);
        }
    }
}
