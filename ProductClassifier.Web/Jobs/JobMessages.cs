using System.Text.Json;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Web.Jobs;

/// <summary>A job's status changed (Queued, Running, Succeeded, Failed, Cancelled).</summary>
public sealed record JobStatusMessage(long EventId, long JobId, string Status, string? Worker, string? Device, string? Error, DateTime At);

/// <summary>How far a job is, 0 to 1, and what it is doing.</summary>
public sealed record JobProgressMessage(long EventId, long JobId, double Progress, string? Text, DateTime At);

/// <summary>
/// A training step, epoch, validation or evaluation result; <see cref="Payload"/> holds the fields of the
/// <see cref="JobEventPayload"/> record that <see cref="Type"/> names (<see cref="JobEventKinds"/>).
/// </summary>
public sealed record JobMetricsMessage(long EventId, long JobId, string Type, JsonElement Payload, DateTime At)
{
    /// <summary>The payload as its record; null for a kind this build does not know.</summary>
    public JobEventPayload? Read() => JobEventJson.Read(Type, Payload);
}

/// <summary>Any recorded event of a job, as the history a subscriber gets first.</summary>
public sealed record JobEventMessage(long EventId, long JobId, string Type, JsonElement Payload, DateTime At)
{
    /// <inheritdoc cref="JobMetricsMessage.Read"/>
    public JobEventPayload? Read() => JobEventJson.Read(Type, Payload);

    public JobStatusMessage ToStatus()
    {
        var status = Read() as StatusEvent;
        return new(EventId, JobId, status?.Status.ToString() ?? "", status?.Worker, status?.Device, status?.Error, At);
    }

    public JobProgressMessage ToProgress()
    {
        var progress = Read() as ProgressEvent;
        return new(EventId, JobId, progress?.Progress ?? 0, progress?.Text, At);
    }

    public JobMetricsMessage ToMetrics() => new(EventId, JobId, Type, Payload, At);
}
