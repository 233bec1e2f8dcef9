using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Similarity;

/// <summary>"Products that look like this one", and like an uploaded image's embedding: what pages and the API call.</summary>
public sealed class SimilarProducts(SimilarityIndexes indexes, LearnedEmbeddings? learned = null)
{
    /// <summary>
    /// The <paramref name="k"/> products nearest to <paramref name="productId"/> in its catalogue, the product itself left
    /// out; null when the product does not exist or has no embedding (no usable image, or not featurised yet).
    /// </summary>
    public async Task<IReadOnlyList<SimilarProduct>?> LikeProductAsync(ClassifierDb db, long productId, int k = 10,
        int? categoryId = null, CancellationToken ct = default)
    {
        var catalogue = await (from p in db.Products
                               join c in db.Catalogues on p.CatalogueId equals c.Id
                               where p.Id == productId
                               select c.Name).FirstOrDefaultAsync(ct);
        if (catalogue is null) return null;
        var vector = await EmbeddingStore.VectorAsync(db, productId, indexes.Options.EmbeddingModel, ct);
        if (vector is null) return null;
        return await indexes.Reader(catalogue).SearchAsync(new SimilarityQuery(vector, k, categoryId, productId), ct);
    }

    /// <summary>
    /// The <paramref name="k"/> products of <paramref name="catalogue"/> nearest to pretrained image features (e.g.
    /// <c>ImageFeaturizer.FeaturizeAsync</c> of an upload), through the catalogue's newest learned head when the learned
    /// embedding is chosen, so an upload is embedded the same way as the catalogue's products.
    /// </summary>
    public Task<IReadOnlyList<SimilarProduct>> LikeVectorAsync(string catalogue, float[] vector, int k = 10, int? categoryId = null,
        CancellationToken ct = default)
    {
        if (indexes.Options.Embedding == SimilarityEmbedding.Learned)
            vector = (learned?.Latest(catalogue) ?? throw new UserFacingException(
                $"Similarity:Embedding is Learned but catalogue '{catalogue}' has no learned embedding: run ./pc similarity learn (or a train-embedding job)."))
                .Apply(vector);
        return indexes.Reader(catalogue).SearchAsync(new SimilarityQuery(vector, k, categoryId), ct);
    }
}
