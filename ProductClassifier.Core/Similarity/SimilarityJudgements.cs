using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// The judged evaluation of visual similarity: admins mark the neighbours of query products "similar" or not
/// (<see cref="SimilarityJudgement"/>), and precision@k per category is read back from those marks.
/// </summary>
public static class SimilarityJudgements
{
    /// <summary>Records (or replaces) the verdict on <paramref name="neighbourProductId"/> shown at <paramref name="rank"/> for <paramref name="queryProductId"/>.</summary>
    public static async Task SaveAsync(ClassifierDb db, string judge, long queryProductId, long neighbourProductId, int rank,
        bool similar, CancellationToken ct = default)
    {
        if (rank < 1) throw new UserFacingException($"A neighbour's rank starts at 1, not {rank}.");
        if (queryProductId == neighbourProductId) throw new UserFacingException("A product is not judged as its own neighbour.");
        var catalogues = await db.Products.Where(p => p.Id == queryProductId || p.Id == neighbourProductId)
            .Select(p => p.CatalogueId).ToListAsync(ct);
        if (catalogues.Count != 2 || catalogues[0] != catalogues[1])
            throw new UserFacingException($"Products {queryProductId} and {neighbourProductId} are not two products of one catalogue.");
        // One statement, so two admins judging the same pair at once cannot both insert.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO similarity_judgements (query_product_id, neighbour_product_id, rank, is_similar, judge, judged_at)
            VALUES ({queryProductId}, {neighbourProductId}, {rank}, {similar}, {judge}, {DateTime.UtcNow})
            ON CONFLICT (query_product_id, neighbour_product_id)
            DO UPDATE SET rank = excluded.rank, is_similar = excluded.is_similar, judge = excluded.judge, judged_at = excluded.judged_at
            """, ct);
    }

    /// <summary>Takes back the verdict on a pair (nothing happens when there is none).</summary>
    public static Task RemoveAsync(ClassifierDb db, long queryProductId, long neighbourProductId, CancellationToken ct = default) =>
        db.SimilarityJudgements.Where(j => j.QueryProductId == queryProductId && j.NeighbourProductId == neighbourProductId)
            .ExecuteDeleteAsync(ct);

    /// <summary>The verdicts so far on the neighbours of <paramref name="queryProductId"/>, by neighbour.</summary>
    public static Task<Dictionary<long, bool>> ForQueryAsync(ClassifierDb db, long queryProductId, CancellationToken ct = default) =>
        db.SimilarityJudgements.AsNoTracking().Where(j => j.QueryProductId == queryProductId)
            .ToDictionaryAsync(j => j.NeighbourProductId, j => j.IsSimilar, ct);

    /// <summary>
    /// Precision@k from the judgements of a catalogue: per judged query product, the share of its judged neighbours at
    /// rank ≤ <paramref name="k"/> marked similar; averaged over the query products of each category (and over all).
    /// A query counts under its best-known categories (as the index stores them) at <paramref name="depth"/>
    /// (1 = top level), or, with no depth, under its most specific ones; a query without one under "(no category)".
    /// </summary>
    public static async Task<SimilarityPrecision> PrecisionAsync(ClassifierDb db, int catalogueId, int k = 10, int? depth = null,
        CancellationToken ct = default)
    {
        var judged = await (from j in db.SimilarityJudgements.AsNoTracking()
                            join p in db.Products on j.QueryProductId equals p.Id
                            where p.CatalogueId == catalogueId && j.Rank <= k
                            group j by j.QueryProductId into g
                            select new { QueryId = g.Key, Judged = g.Count(), Similar = g.Count(j => j.IsSimilar) }).ToListAsync(ct);
        if (judged.Count == 0) return new SimilarityPrecision(k, 0, 0, 0, []);
        var categories = await JudgedCategories.LoadAsync(db, catalogueId, judged.Select(q => q.QueryId).ToArray(), depth, ct);

        var byCategory = new Dictionary<int, List<(double Precision, int Judged)>>();
        foreach (var query in judged)
        {
            var score = ((double)query.Similar / query.Judged, query.Judged);
            foreach (var category in categories.Of(query.QueryId))
                (byCategory.TryGetValue(category, out var list) ? list : byCategory[category] = []).Add(score);
        }
        var rows = categories.Ordered(byCategory.Keys).Select(c => new CategoryPrecision(c == JudgedCategories.None ? null : c,
                categories.PathOf(c), byCategory[c].Count, byCategory[c].Sum(q => q.Judged), byCategory[c].Average(q => q.Precision)))
            .ToList();
        return new SimilarityPrecision(k, judged.Average(q => (double)q.Similar / q.Judged), judged.Count, judged.Sum(q => q.Judged), rows);
    }
}
