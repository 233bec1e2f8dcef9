using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// An index-similarity job: adds the catalogue's newly featurised products to its similarity index (and drops those
/// whose image went away), then publishes it for the web app's readers.
/// </summary>
public sealed class IndexSimilarityJobHandler(SimilarityIndexes indexes) : IJobHandler
{
    public string Kind => JobKinds.IndexSimilarity;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var catalogue = await context.Db.Catalogues.SingleAsync(c => c.Id == context.Job.CatalogueId, ct);
        using var index = indexes.OpenWriter(catalogue.Name);
        var progress = new Progress(context);
        var result = await new SimilaritySync(context.Db, index, indexes.Options.EmbeddingModel).CatchUpAsync(catalogue.Id, progress, ct);
        context.Emit(new SimilarityIndexEvent(result.Added, result.Removed, result.Count, result.Watermark, index.Description));
    }

    private sealed class Progress(JobContext context) : IProgress<SimilaritySyncProgress>
    {
        public void Report(SimilaritySyncProgress value) =>
            context.ReportProgress(value.Total == 0 ? 1 : (double)value.Done / value.Total, $"{value.Done:N0} of {value.Total:N0} embeddings");
    }
}
