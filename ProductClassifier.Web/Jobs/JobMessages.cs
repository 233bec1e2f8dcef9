using System.Text.Json;

namespace ProductClassifier.Web.Jobs;

/// <summary>A job's status changed (Queued, Running, Succeeded, Failed, Cancelled).</summary>
public sealed record JobStatusMessage(long EventId, long JobId, string Status, string? Worker, string? Device, string? Error, DateTime At);

/// <summary>How far a job is, 0 to 1, and what it is doing.</summary>
public sealed record JobProgressMessage(long EventId, long JobId, double Progress, string? Text, DateTime At);

/// <summary>A training step, epoch, validation or evaluation result; <see cref="Payload"/> holds its fields.</summary>
public sealed record JobMetricsMessage(long EventId, long JobId, string Type, JsonElement Payload, DateTime At);

/// <summary>Any recorded event of a job, as the history a subscriber gets first.</summary>
public sealed record JobEventMessage(long EventId, long JobId, string Type, JsonElement Payload, DateTime At)
{
    public JobStatusMessage ToStatus() => new(EventId, JobId, Text("status") ?? "", Text("worker"), Text("device"), Text("error"), At);

    public JobProgressMessage ToProgress() =>
        new(EventId, JobId, Payload.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : 0, Text("text"), At);

    public JobMetricsMessage ToMetrics() => new(EventId, JobId, Type, Payload, At);

    private string? Text(string name) =>
        Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
