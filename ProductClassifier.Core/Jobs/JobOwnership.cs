using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Jobs;

/// <summary>
/// The job a result is registered for and the worker running it: code that registers a result (a model version, a
/// finished round) confirms it in its own transaction, so a worker whose job was taken from it registers nothing.
/// </summary>
public sealed record JobOwnership(long JobId, string WorkerId)
{
    /// <summary>In <paramref name="db"/>'s open transaction: locks the job's row, or throws <see cref="JobLostException"/>.</summary>
    public Task ConfirmAsync(ClassifierDb db, CancellationToken ct) => new JobQueue(db).HoldAsync(JobId, WorkerId, ct);
}
