using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// Runs a handler and, once it has succeeded, queues the next job of the chain it belongs to (<see cref="JobChain"/>).
/// Every handler the worker knows is wrapped in one, so any kind of job can be a step of a chain.
/// </summary>
public sealed class ChainedJobHandler(IJobHandler inner) : IJobHandler
{
    public string Kind => inner.Kind;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        await inner.RunAsync(context, ct);
        if (await JobChain.ContinueAsync(context.Db, context.Job, ct) is { } next)
            context.Emit(new NextJobEvent(next.Id, next.Kind));
    }
}
