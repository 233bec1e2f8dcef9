using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// A featurize job: image (ResNet18) and sentence (MiniLM) features of the catalogue's products, or of the listed ones
/// (an ingest's new and changed products), into the feature cache, and image embeddings into Postgres, then an
/// index-similarity job when they changed. The same steps as <c>./pc featurize</c>.
/// </summary>
public sealed class FeaturizeJobHandler(ImageStore images, Func<string, IProgress<FeaturizeProgress>, PretrainedFeatures> pretrained)
    : IJobHandler
{
    public string Kind => JobKinds.Featurize;

    public sealed class Parameters
    {
        /// <summary>Only these products; null: all of the catalogue's.</summary>
        public long[]? ProductIds { get; set; }
    }

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var parameters = context.Parameters<Parameters>();
        var catalogue = await context.Db.Catalogues.SingleAsync(c => c.Id == context.Job.CatalogueId, ct);
        context.ReportProgress(0.01, "loading the catalogue");
        var corpus = await CorpusLoader.FromDatabaseAsync(context.Db, catalogue, r => images.PathOf(catalogue.Name, r), ct);
        var wanted = parameters.ProductIds?.ToHashSet();
        var products = wanted is null ? corpus.Products : corpus.Products.Where(p => wanted.Contains(p.Id)).ToList();
        using var features = pretrained(catalogue.Name, new Progress(context));
        var result = await CatalogueFeaturizer.RunAsync(context.Db, catalogue, products, wanted, features, ct);
        context.Emit(new FeaturizeEvent(products.Count, result.Images.Computed, result.Images.FromCache,
            result.Images.Present.Values.Count(v => v == 0), result.Sentences.Computed, result.Sentences.FromCache,
            result.Embeddings.Written, result.Embeddings.Removed, result.IndexJob?.Id));
        context.ReportProgress(1, $"{products.Count:N0} products: {result.Images.Computed:N0} images and {result.Sentences.Computed:N0} texts computed");
    }

    /// <summary>Images are most of the work (≈ 40 ms each against ≈ 2 ms a sentence): they take the first 90% of the bar.</summary>
    private sealed class Progress(JobContext context) : IProgress<FeaturizeProgress>
    {
        public void Report(FeaturizeProgress value)
        {
            var share = value.Total == 0 ? 1 : (double)value.Completed / value.Total;
            var image = value.Block == FeatureSet.Image;
            context.ReportProgress(image ? 0.02 + 0.88 * share : 0.9 + 0.1 * share,
                $"{(image ? "image" : "sentence")} features: {value.Completed:N0} of {value.Total:N0} ({value.FromCache:N0} cached)");
        }
    }
}
