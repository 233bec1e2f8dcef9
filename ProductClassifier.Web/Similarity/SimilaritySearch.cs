using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Web.Similarity;

/// <summary>
/// "Products that look like this one (or like this image)" for the page and the API: checks the request, asks the
/// published index through <see cref="SimilarProducts"/> (read only: the CLI and the worker write it), and dresses the
/// neighbours with titles, categories and image addresses. Refusals are <see cref="SimilarityFailure"/>s.
/// </summary>
public sealed class SimilaritySearch(IDbContextFactory<ClassifierDb> dbs, SimilarProducts similar, SimilarityIndexes indexes,
    ImageFeaturizer featurizer, TaxonomyCache taxonomies, IOptions<SimilaritySearchOptions> options)
{
    public SimilaritySearchOptions Options => options.Value;

    /// <param name="withLabels">Whether the caller sees labels (<see cref="Access.LabelVisibility"/>): categories from decisions and
    /// reference labels, and the category filter, which matches them. Without, categories are the model's and the rules'.</param>
    public async Task<SimilarResponse> LikeProductAsync(long productId, int k, string? category, bool withLabels, CancellationToken ct = default)
    {
        CheckK(k);
        CheckFilter(category, withLabels);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var catalogue = await CatalogueOfAsync(db, productId, ct);
        var filter = await CategoryAsync(catalogue, category, ct);
        // Read on every search, so a newly served embedding is used from the next search on, without a restart.
        var embedding = await similar.ServedEmbeddingAsync(db, catalogue.Id, ct);
        var neighbours = await similar.LikeProductAsync(db, productId, k, filter?.Id, embedding, ct)
            ?? throw NoEmbedding(productId, embedding);
        return await DressAsync(db, catalogue, productId, filter, k, embedding, neighbours, withLabels, ct);
    }

    /// <summary>The catalogue of the product searched from.</summary>
    /// <exception cref="SimilarityFailure">No such product.</exception>
    private static async Task<Catalogue> CatalogueOfAsync(ClassifierDb db, long productId, CancellationToken ct) =>
        await (from p in db.Products
               join c in db.Catalogues on p.CatalogueId equals c.Id
               where p.Id == productId
               select c).AsNoTracking().FirstOrDefaultAsync(ct)
        ?? throw new SimilarityFailure(SimilarityFailureKind.UnknownProduct, "id", $"No product {productId}.");

    /// <summary>
    /// Blind comparison for the admins' page: both embeddings' <paramref name="k"/> nearest neighbours of the product,
    /// interleaved by team draft (<see cref="TeamDraftInterleaving"/>), each shown once, with no distance (the two
    /// embeddings' distances would tell them apart). <see cref="BlindComparison.Teams"/> says which embedding showed
    /// which neighbour; it stays on the server.
    /// </summary>
    public async Task<BlindComparison> CompareBlindAsync(long productId, int k, string? category, CancellationToken ct = default)
    {
        CheckK(k);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var catalogue = await CatalogueOfAsync(db, productId, ct);
        var filter = await CategoryAsync(catalogue, category, ct);
        var lists = new Dictionary<SimilarityEmbedding, long[]>();
        foreach (var embedding in Enum.GetValues<SimilarityEmbedding>())
        {
            var neighbours = await similar.LikeProductAsync(db, productId, k, filter?.Id, embedding, ct) ?? throw NoEmbedding(productId, embedding);
            if (neighbours.Count == 0 && await indexes.Reader(catalogue.Name, embedding).CountAsync(ct) == 0)
                throw new SimilarityFailure(SimilarityFailureKind.NoEmbedding, "id",
                    $"The {embedding.ToString().ToLowerInvariant()} embedding's index of '{catalogue.Name}' is empty: let an index-similarity job build it (./pc jobs, or ./pc similarity rebuild --embedding {embedding.ToString().ToLowerInvariant()}).");
            lists[embedding] = neighbours.Select(n => n.ProductId).ToArray();
        }
        var interleaved = TeamDraftInterleaving.Interleave(lists[SimilarityEmbedding.Pretrained], lists[SimilarityEmbedding.Learned],
            TeamDraftInterleaving.SeedFor(productId, filter?.Id, k));
        var served = await similar.ServedEmbeddingAsync(db, catalogue.Id, ct);
        var response = await DressAsync(db, catalogue, productId, filter, k, served,
            interleaved.Select(n => new SimilarProduct(n.ProductId, float.NaN)).ToList(), withLabels: true, ct);
        return new BlindComparison(response with { Index = "both embeddings, interleaved blind" },
            interleaved.ToDictionary(n => n.ProductId), filter?.Id);
    }

    /// <param name="catalogue">A catalogue's name; none: the most recently used one.</param>
    /// <param name="image">An encoded image (JPEG, PNG, WebP, GIF, BMP) of at most <see cref="SimilaritySearchOptions.MaxUploadBytes"/>.</param>
    /// <param name="withLabels">As for <see cref="LikeProductAsync"/>.</param>
    public async Task<SimilarResponse> LikeImageAsync(string? catalogue, byte[] image, int k, string? category, bool withLabels,
        CancellationToken ct = default)
    {
        CheckK(k);
        CheckFilter(category, withLabels);
        await using var db = await dbs.CreateDbContextAsync(ct);
        Catalogue resolved;
        try { resolved = await CatalogueStore.ResolveAsync(db, catalogue, ct); }
        catch (Core.UserFacingException e) { throw new SimilarityFailure(SimilarityFailureKind.UnknownCatalogue, "catalogue", e.Message); }
        var filter = await CategoryAsync(resolved, category, ct);
        if (image.Length == 0) throw new SimilarityFailure(SimilarityFailureKind.BadParameter, "image", "The image file is empty.");
        if (image.Length > Options.MaxUploadBytes) throw new SimilarityFailure(SimilarityFailureKind.BadParameter, "image", TooLarge(image.Length));
        // Measured from the header alone, so the refusal can say why rather than only that the image did not decode.
        if (ImageHeader.Read(image) is { IsDecodable: false } header)
            throw new SimilarityFailure(SimilarityFailureKind.BadParameter, "image",
                $"The image is {header}; at most {ImageHeader.MaxPixels / 1e6:0} megapixels and {ImageHeader.MaxSide:N0} pixels a side.");
        var vector = await featurizer.FeaturizeAsync(image, ct)
            ?? throw new SimilarityFailure(SimilarityFailureKind.BadParameter, "image",
                $"The file ({image.Length:N0} bytes) is not a readable image: send a JPEG, PNG, WebP, GIF or BMP.");
        var embedding = await similar.ServedEmbeddingAsync(db, resolved.Id, ct);
        var neighbours = await similar.LikeVectorAsync(resolved.Name, vector, embedding, k, filter?.Id, ct);
        return await DressAsync(db, resolved, null, filter, k, embedding, neighbours, withLabels, ct);
    }

    /// <summary>Products of the catalogue whose id is <paramref name="text"/> or whose title, brand or external id holds every word of it.</summary>
    public async Task<IReadOnlyList<ProductSummary>> FindProductsAsync(int catalogueId, string? text, int limit = 20, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ids = new List<long>();
        if (long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await db.Products.AnyAsync(p => p.Id == id && p.CatalogueId == catalogueId, ct))
            ids.Add(id);
        var page = await Catalog.ProductList.QueryAsync(db, catalogueId, text, 1, limit, ct);
        ids.AddRange(page.Rows.Select(r => r.Id).Where(r => r != id));
        return await SummariesAsync(db, catalogueId, ids.Take(limit).ToList(), withLabels: true, ct);
    }

    /// <summary>The refusal of an upload of <paramref name="bytes"/> (unknown: null) past <see cref="SimilaritySearchOptions.MaxUploadBytes"/>.</summary>
    public string TooLarge(long? bytes) =>
        $"The upload is {(bytes is { } b ? $"{b / 1048576.0:0.##} MiB" : "too large")}; the limit is {Options.MaxUploadBytes / 1048576.0:0.##} MiB.";

    private void CheckK(int k)
    {
        if (k < 1 || k > Options.MaxK)
            throw new SimilarityFailure(SimilarityFailureKind.BadParameter, "k", $"k must be between 1 and {Options.MaxK}, not {k}.");
    }

    /// <summary>
    /// The index's category filter matches the best-known categories, labellers' decisions and reference labels among
    /// them: a blind labeller filtering by a category would learn which neighbours were labelled with it.
    /// </summary>
    private static void CheckFilter(string? category, bool withLabels)
    {
        if (!withLabels && !string.IsNullOrWhiteSpace(category))
            throw new SimilarityFailure(SimilarityFailureKind.LabelsHidden, "category",
                "The category filter matches labellers' decisions and reference labels, which only admins see: search without it.");
    }

    /// <summary>A category of the catalogue by id or by path ("A &gt; B"); null when none was asked for.</summary>
    private async Task<PickerCategory?> CategoryAsync(Catalogue catalogue, string? category, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(category)) return null;
        var categories = await taxonomies.GetAsync(catalogue.Id, ct);
        var text = category.Trim();
        return (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? categories.FirstOrDefault(c => c.Id == id) : null)
            ?? categories.FirstOrDefault(c => c.Path == text)
            ?? throw new SimilarityFailure(SimilarityFailureKind.BadParameter, "category",
                $"No category '{text}' in catalogue '{catalogue.Name}' (give its id or its path, e.g. \"Apparel > Topwear\").");
    }

    private static SimilarityFailure NoEmbedding(long productId, SimilarityEmbedding embedding) => new(SimilarityFailureKind.NoEmbedding, "id",
        embedding == SimilarityEmbedding.Learned
            ? $"Product {productId} has no learned embedding yet: it has no usable image, or it was featurised after the learned embedding was trained (./pc similarity learn)."
            : $"Product {productId} has no image embedding yet: it has no usable image, or it has not been featurised (./pc featurize).");

    private async Task<SimilarResponse> DressAsync(ClassifierDb db, Catalogue catalogue, long? queryId, PickerCategory? filter, int k,
        SimilarityEmbedding embedding, IReadOnlyList<SimilarProduct> neighbours, bool withLabels, CancellationToken ct)
    {
        var ids = neighbours.Select(n => n.ProductId).Concat(queryId is { } q ? [q] : []).ToList();
        var summaries = (await SummariesAsync(db, catalogue.Id, ids, withLabels, ct)).ToDictionary(s => s.Id);
        var items = neighbours.Where(n => summaries.ContainsKey(n.ProductId)).Select((n, i) =>
        {
            var s = summaries[n.ProductId];
            return new SimilarItem(i + 1, s.Id, s.Title, s.Brand, s.Categories, s.ImageUrl, n.Distance, 1 - n.Distance);
        }).ToList();
        return new SimilarResponse(catalogue.Name, queryId is { } query ? summaries.GetValueOrDefault(query) : null, filter?.Path, k,
            indexes.Reader(catalogue.Name, embedding).Description, withLabels ? SimilarResponse.FromLabels : SimilarResponse.FromModel, items)
        {
            Embedding = embedding.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>The products, in the order given (ids not found are left out).</summary>
    private async Task<IReadOnlyList<ProductSummary>> SummariesAsync(ClassifierDb db, int catalogueId, IReadOnlyList<long> ids, bool withLabels,
        CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.Brand, HasImage = p.ImageRef != null && p.ImageRef != "" }).ToDictionaryAsync(p => p.Id, ct);
        var known = withLabels
            ? (await ProductCategories.ForIndexAsync(db, ids, ct)).ToDictionary(c => c.Key, c => c.Value.Known)
            : await ProductCategories.WithoutLabelsAsync(db, ids, ct);
        var paths = (await taxonomies.GetAsync(catalogueId, ct)).ToDictionary(c => c.Id);
        return ids.Where(products.ContainsKey).Select(id =>
        {
            var p = products[id];
            var labels = known[id].Where(paths.ContainsKey).Select(c => paths[c]).ToList();
            var leaves = labels.Where(c => !labels.Any(o => o.ParentId == c.Id)).Select(c => c.Path).Order(StringComparer.Ordinal).ToList();
            return new ProductSummary(id, p.Title, p.Brand, leaves, p.HasImage ? $"/images/{id}" : null);
        }).ToList();
    }
}
