namespace ProductClassifier.Core.Jobs;

/// <summary>
/// Something a job reported — status, progress, a training step or epoch, an evaluation — kept in Postgres so a page
/// opened later shows the whole history, and announced with <c>NOTIFY job_events</c> for live viewers.
/// </summary>
public sealed class JobEvent
{
    public const string Channel = "job_events";

    public long Id { get; set; }
    public long JobId { get; set; }
    public DateTime At { get; set; } = DateTime.UtcNow;

    /// <summary>One of <see cref="JobEventKinds"/>, which names the record <see cref="Payload"/> holds.</summary>
    public required string Type { get; set; }

    /// <summary>The event's <see cref="JobEventPayload"/> as JSON (<see cref="JobEventJson"/>).</summary>
    public string Payload { get; set; } = "{}";
}
