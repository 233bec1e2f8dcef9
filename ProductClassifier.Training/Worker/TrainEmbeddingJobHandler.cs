using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Learning;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// A train-embedding job: learns the next version of the catalogue's image embedding (<see cref="EmbeddingLearning"/>),
/// then queues an index-similarity job, which brings the index of the chosen embedding (<c>Similarity:Embedding</c>)
/// up to date; the web app's readers pick up the published index without a restart.
/// </summary>
public sealed class TrainEmbeddingJobHandler(ModelStore models) : IJobHandler
{
    public string Kind => JobKinds.TrainEmbedding;

    public sealed class Parameters
    {
        public int Epochs { get; set; } = 30;
        public int Seed { get; set; } = 1;
    }

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var catalogue = await context.Db.Catalogues.SingleAsync(c => c.Id == context.Job.CatalogueId, ct);
        var parameters = context.Parameters<Parameters>();
        if (parameters.Epochs is < 1 or > 10_000)
            throw new Core.UserFacingException($"Job {context.Job.Id}: epochs must be between 1 and 10000 (got {parameters.Epochs}).");
        var result = await EmbeddingLearning.RunAsync(context.Db, catalogue, models.Root, parameters.Epochs, parameters.Seed, (epoch, loss) =>
        {
            context.ReportProgress((double)epoch / parameters.Epochs, $"epoch {epoch} of {parameters.Epochs}");
            context.Emit(new StepEvent("embedding", epoch, 1, 1, (float)loss));
        }, ct);
        context.ReportProgress(1, $"embedding v{result.Version}: {result.Embedded:N0} products embedded, {result.Written.Written:N0} rows written");
        await JobKinds.QueueSimilarityIndexAsync(context.Db, catalogue, ct);
    }
}
