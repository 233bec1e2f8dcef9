using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Evaluation;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Scores an index by its neighbours' categories: every product with an embedding and labels is a query, its k
/// nearest other products are looked up, and <see cref="NeighbourAgreement"/> averages how many share its top-level,
/// second-level and leaf category. Optionally the same for exact (brute-force) neighbours, and the index's recall
/// of them.
/// </summary>
public static class SimilarityEvaluation
{
    public static async Task<SimilarityEvaluationResult> RunAsync(ClassifierDb db, int catalogueId, ISimilarityIndex index,
        string model, int k = 10, bool exact = false, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        var categories = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == catalogueId)
            .Select(c => new { c.Id, c.Depth, c.ParentId }).ToListAsync(ct);
        var depths = categories.ToDictionary(c => c.Id, c => c.Depth);
        var parents = categories.ToDictionary(c => c.Id, c => c.ParentId);
        var (labels, source) = await ProductCategories.ForEvaluationAsync(db, catalogueId, ct);
        var embedded = await (from e in db.ProductEmbeddings.AsNoTracking()
                              join p in db.Products on e.ProductId equals p.Id
                              where p.CatalogueId == catalogueId && p.GoneAt == null && e.Model == model && e.Vector != null
                              orderby e.ProductId
                              select new { e.ProductId, e.Vector }).ToListAsync(ct);
        var queries = embedded.Where(e => labels.GetValueOrDefault(e.ProductId) is { Length: > 0 }).ToList();

        var found = new IReadOnlyList<SimilarProduct>[queries.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, queries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, async (i, token) =>
            {
                found[i] = await index.SearchAsync(new SimilarityQuery(queries[i].Vector!, k, null, queries[i].ProductId), token);
                var n = Interlocked.Increment(ref done);
                if (n % 1000 == 0 || n == queries.Count) progress?.Report((n, queries.Count));
            });
        var byIndex = Score(depths, parents, labels, queries.Select(q => q.ProductId).ToList(), i => found[i].Select(n => n.ProductId));

        Agreement? byExact = null;
        double? recall = null;
        if (exact)
        {
            var pool = embedded.Select(e => e.ProductId).ToArray();
            var dimensions = embedded.Count == 0 ? 0 : embedded[0].Vector!.Length;
            var rows = new float[pool.Length * dimensions];
            for (var r = 0; r < embedded.Count; r++)
            {
                embedded[r].Vector.AsSpan().CopyTo(rows.AsSpan(r * dimensions));
                ExactSearch.Normalize(rows.AsSpan(r * dimensions, dimensions));
            }
            var rowOf = pool.Select((id, r) => (id, r)).ToDictionary(x => x.id, x => x.r);
            var nearest = new long[queries.Count][];
            Parallel.For(0, queries.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, i =>
            {
                var (indices, distances) = (new int[k], new float[k]);
                var row = rowOf[queries[i].ProductId];
                var n = ExactSearch.Nearest(rows.AsSpan(row * dimensions, dimensions), rows, dimensions, indices, distances, skip: row);
                nearest[i] = indices.Take(n).Select(r => pool[r]).ToArray();
            });
            byExact = Score(depths, parents, labels, queries.Select(q => q.ProductId).ToList(), i => nearest[i]);
            recall = queries.Count == 0 ? 0 : Enumerable.Range(0, queries.Count)
                .Average(i => nearest[i].Length == 0 ? 1 : (double)found[i].Count(n => nearest[i].Contains(n.ProductId)) / nearest[i].Length);
        }
        return new SimilarityEvaluationResult(queries.Count, embedded.Count, source, k, byIndex, byExact, recall);
    }

    /// <summary>
    /// Scores embeddings against each other on the same footing: exact k nearest neighbours among the products every
    /// one of <paramref name="models"/> embeds, for queries of the test split (<see cref="StableSplit"/> of the product's
    /// key) only, judged by reference labels only (what a learned embedding never trains on).
    /// </summary>
    public static async Task<EmbeddingComparison> CompareAsync(ClassifierDb db, int catalogueId, IReadOnlyList<string> models, int k = 10,
        CancellationToken ct = default)
    {
        var categories = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == catalogueId)
            .Select(c => new { c.Id, c.Depth, c.ParentId }).ToListAsync(ct);
        var depths = categories.ToDictionary(c => c.Id, c => c.Depth);
        var parents = categories.ToDictionary(c => c.Id, c => c.ParentId);
        var vectors = new List<Dictionary<long, float[]>>();
        foreach (var model in models)
            vectors.Add(await (from e in db.ProductEmbeddings.AsNoTracking()
                               join p in db.Products on e.ProductId equals p.Id
                               where p.CatalogueId == catalogueId && p.GoneAt == null && e.Model == model && e.Vector != null
                               select new { e.ProductId, e.Vector }).ToDictionaryAsync(e => e.ProductId, e => e.Vector!, ct));
        var pool = vectors.Count == 0 ? [] : vectors[0].Keys.Where(id => vectors.All(v => v.ContainsKey(id))).Order().ToArray();
        if (pool.Length == 0)
            throw new UserFacingException($"No product has all of the embeddings {string.Join(", ", models)}: featurize, and learn the embedding, first.");
        var keys = await db.Products.AsNoTracking().Where(p => p.CatalogueId == catalogueId && p.GoneAt == null)
            .Select(p => new { p.Id, Key = p.Source + ":" + p.ExternalId }).ToDictionaryAsync(p => p.Id, p => p.Key, ct);
        var labels = await ProductCategories.ReferenceOnlyAsync(db, pool, ct);
        var queries = pool.Select((id, row) => (id, row))
            .Where(q => StableSplit.IsTest(keys[q.id]) && labels.GetValueOrDefault(q.id) is { Length: > 0 }).ToList();

        var scores = new List<Agreement>();
        foreach (var byProduct in vectors)
        {
            var dimensions = byProduct[pool[0]].Length;
            var rows = new float[pool.Length * dimensions];
            for (var r = 0; r < pool.Length; r++)
            {
                byProduct[pool[r]].AsSpan().CopyTo(rows.AsSpan(r * dimensions));
                ExactSearch.Normalize(rows.AsSpan(r * dimensions, dimensions));
            }
            var nearest = new long[queries.Count][];
            Parallel.For(0, queries.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, i =>
            {
                var (indices, distances) = (new int[k], new float[k]);
                var row = queries[i].row;
                var n = ExactSearch.Nearest(rows.AsSpan(row * dimensions, dimensions), rows, dimensions, indices, distances, skip: row);
                nearest[i] = indices.Take(n).Select(r => pool[r]).ToArray();
            });
            scores.Add(Score(depths, parents, labels, queries.Select(q => q.id).ToList(), i => nearest[i]));
        }
        return new EmbeddingComparison(queries.Count, pool.Length, k, models.Zip(scores).ToList());
    }

    private static Agreement Score(Dictionary<int, int> depths, Dictionary<int, int?> parents, Dictionary<long, int[]> labels,
        List<long> queries, Func<int, IEnumerable<long>> neighbours)
    {
        var agreement = new NeighbourAgreement(depths, parents);
        for (var i = 0; i < queries.Count; i++)
            agreement.Add(labels[queries[i]], neighbours(i).Select(id => labels.GetValueOrDefault(id)).ToList());
        return new Agreement(agreement.TopLevel, agreement.SecondLevel, agreement.Leaf);
    }
}
