using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProductClassifier.Core.Jobs;

/// <summary>How job event payloads are stored and sent: web casing, enums by name, nulls left out.</summary>
public static class JobEventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(JobEventPayload payload) => JsonSerializer.Serialize(payload, payload.GetType(), Options);

    /// <summary>
    /// The payload of an event of <paramref name="kind"/>; null for a kind this build does not know or a payload that is
    /// not that kind's JSON (an event written by another version), which a log shows raw rather than failing on.
    /// </summary>
    public static JobEventPayload? Read(string kind, JsonElement payload)
    {
        if (JobEventKinds.TypeOf(kind) is not { } type || payload.ValueKind != JsonValueKind.Object) return null;
        try
        {
            return (JobEventPayload?)payload.Deserialize(type, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc cref="Read(string, JsonElement)"/>
    public static JobEventPayload? Read(string kind, string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return Read(kind, json.RootElement);
    }
}
