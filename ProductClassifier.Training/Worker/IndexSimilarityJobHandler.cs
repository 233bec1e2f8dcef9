using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// An index-similarity job: brings the index of the catalogue's chosen embedding (<see cref="EmbeddingChoice"/>) up to
/// date with its embeddings in Postgres (new products added, those whose image went away dropped; an index never built
/// is built whole), publishes it for the web app's readers, and then serves it: the web app's next search uses it,
/// without a restart. The other embedding's index, when the catalogue has its vectors, is caught up too, so the blind
/// comparison on <c>/similar</c> and a switch back find it ready.
/// </summary>
public sealed class IndexSimilarityJobHandler(SimilarityIndexes indexes) : IJobHandler
{
    public string Kind => JobKinds.IndexSimilarity;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var catalogue = await context.Db.Catalogues.SingleAsync(c => c.Id == context.Job.CatalogueId, ct);
        var chosen = await EmbeddingChoice.ChosenAsync(context.Db, catalogue.Id, indexes.Options.Embedding, ct);
        var other = chosen == SimilarityEmbedding.Pretrained ? SimilarityEmbedding.Learned : SimilarityEmbedding.Pretrained;
        var embeddings = new List<SimilarityEmbedding> { chosen };
        if (other == SimilarityEmbedding.Pretrained || await EmbeddingChoice.HasLearnedAsync(context.Db, catalogue.Id, ct)) embeddings.Add(other);
        for (var step = 0; step < embeddings.Count; step++)
        {
            var embedding = embeddings[step];
            using (var index = indexes.OpenWriter(catalogue.Name, embedding))
            {
                var progress = new Progress(context, embedding, step, embeddings.Count);
                var result = await new SimilaritySync(context.Db, index, indexes.Options.For(embedding).EmbeddingModel).CatchUpAsync(catalogue.Id, progress, ct);
                context.Emit(new SimilarityIndexEvent(result.Added, result.Removed, result.Count, result.Watermark, index.Description,
                    embedding.ToString().ToLowerInvariant()));
            }
            if (embedding == chosen) await EmbeddingChoice.MarkServedAsync(context.Db, catalogue.Id, chosen, ct);
        }
    }

    private sealed class Progress(JobContext context, SimilarityEmbedding embedding, int step, int steps) : IProgress<SimilaritySyncProgress>
    {
        public void Report(SimilaritySyncProgress value) =>
            context.ReportProgress((step + (value.Total == 0 ? 1 : (double)value.Done / value.Total)) / steps,
                $"{embedding.ToString().ToLowerInvariant()}: {value.Done:N0} of {value.Total:N0} embeddings");
    }
}
