using System.Globalization;

namespace ProductClassifier.Core.Jobs;

/// <summary>A job's status changed; a running job names its worker, attempt and device, a failed one its error.</summary>
public sealed record StatusEvent(JobStatus Status, string? Worker = null, int? Attempt = null, string? Device = null, string? Error = null)
    : JobEventPayload
{
    public override string Describe() => Status switch
    {
        JobStatus.Running => string.Create(CultureInfo.InvariantCulture,
            $"running on {Worker ?? "a worker"}{(Device is null ? "" : $" ({Device})")}{(Attempt is > 1 ? $", attempt {Attempt}" : "")}"),
        JobStatus.Failed => $"failed: {Error ?? "no reason given"}",
        _ => Status.ToString().ToLowerInvariant(),
    };
}
