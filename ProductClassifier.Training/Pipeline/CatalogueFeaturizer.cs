using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Training.Pipeline;

/// <summary>What a featurize run did.</summary>
/// <param name="IndexJob">The index-similarity job queued for changed embeddings, or null (nothing changed, or one already waits).</param>
public sealed record FeaturizeResult(CachedFeatures Images, CachedFeatures Sentences, EmbeddingWrite Embeddings, Job? IndexJob);

/// <summary>
/// Featurizes a catalogue's products for <c>./pc featurize</c> and the worker's featurize jobs alike: image and sentence
/// features into the cache, image embeddings into Postgres as soon as they exist (the similarity index need not wait for
/// the text), and an index-similarity job when embeddings changed.
/// </summary>
public static class CatalogueFeaturizer
{
    /// <param name="products">The products to featurize.</param>
    /// <param name="covered">When <paramref name="products"/> is part of the catalogue, their ids: only their embeddings
    /// can be removed (null: the whole catalogue was featurized).</param>
    public static async Task<FeaturizeResult> RunAsync(ClassifierDb db, Catalogue catalogue, IReadOnlyList<ProductRecord> products,
        IReadOnlySet<long>? covered, PretrainedFeatures pretrained, CancellationToken ct)
    {
        var images = await pretrained.ImagesAsync(products, ct);
        var vectors = Enumerable.Range(0, images.Rows.Count).Where(i => images.Present.Values[i] > 0)
            .Select(i => (products[i].Id, images.Rows.Row(i).ToArray())).ToList();
        var saved = await EmbeddingStore.SaveAsync(db, catalogue.Id, ImageFeaturizer.Model, vectors, covered, ct);
        var index = saved.Written + saved.Removed > 0 ? await JobKinds.QueueSimilarityIndexAsync(db, catalogue, ct) : null;
        var sentences = await pretrained.SentencesAsync(products, ct);
        return new FeaturizeResult(images, sentences, saved, index);
    }
}
