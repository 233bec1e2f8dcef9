namespace ProductClassifier.Core.Jobs;

/// <summary>The job succeeded and queued <paramref name="Job"/>, the next step of its chain (<see cref="JobChain"/>).</summary>
public sealed record NextJobEvent(long Job, string Kind) : JobEventPayload
{
    public override string Describe() => $"queued the next step: job {Job} ({Kind})";
}
