using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Similarity;

/// <summary>"Products that look like this one", and like an uploaded image's embedding: what pages and the API call.</summary>
public sealed class SimilarProducts(SimilarityIndexes indexes, LearnedEmbeddings? learned = null)
{
    /// <summary>The embedding the catalogue's searches use now (<see cref="EmbeddingChoice.ServedAsync"/>).</summary>
    public Task<SimilarityEmbedding> ServedEmbeddingAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default) =>
        EmbeddingChoice.ServedAsync(db, catalogueId, indexes.Options.Embedding, ct);

    /// <summary>
    /// The <paramref name="k"/> products nearest to <paramref name="productId"/> in its catalogue, the product itself left
    /// out, by <paramref name="embedding"/> (default: the one the catalogue serves); null when the product does not exist
    /// or has no embedding of that kind (no usable image, not featurised yet, or no learned embedding trained).
    /// </summary>
    public async Task<IReadOnlyList<SimilarProduct>?> LikeProductAsync(ClassifierDb db, long productId, int k = 10,
        int? categoryId = null, SimilarityEmbedding? embedding = null, CancellationToken ct = default)
    {
        var catalogue = await (from p in db.Products
                               join c in db.Catalogues on p.CatalogueId equals c.Id
                               where p.Id == productId
                               select new { c.Id, c.Name }).FirstOrDefaultAsync(ct);
        if (catalogue is null) return null;
        var used = embedding ?? await ServedEmbeddingAsync(db, catalogue.Id, ct);
        var vector = await EmbeddingStore.VectorAsync(db, productId, indexes.Options.For(used).EmbeddingModel, ct);
        if (vector is null) return null;
        return await indexes.Reader(catalogue.Name, used).SearchAsync(new SimilarityQuery(vector, k, categoryId, productId), ct);
    }

    /// <summary>
    /// The <paramref name="k"/> products of <paramref name="catalogue"/> nearest to pretrained image features (e.g.
    /// <c>ImageFeaturizer.FeaturizeAsync</c> of an upload) by <paramref name="embedding"/>: through the catalogue's newest
    /// learned head when it is the learned one, so an upload is embedded the same way as the catalogue's products.
    /// </summary>
    public Task<IReadOnlyList<SimilarProduct>> LikeVectorAsync(string catalogue, float[] vector, SimilarityEmbedding embedding, int k = 10,
        int? categoryId = null, CancellationToken ct = default)
    {
        if (embedding == SimilarityEmbedding.Learned)
            vector = (learned?.Latest(catalogue) ?? throw new UserFacingException(
                $"Catalogue '{catalogue}' searches the learned embedding but has no learned head: run ./pc similarity learn (or a train-embedding job)."))
                .Apply(vector);
        return indexes.Reader(catalogue, embedding).SearchAsync(new SimilarityQuery(vector, k, categoryId), ct);
    }
}
