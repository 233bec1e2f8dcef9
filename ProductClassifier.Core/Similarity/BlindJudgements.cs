using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// The blind comparison of the two embeddings on <c>/similar</c>: judges mark the neighbours of an interleaved list
/// (<see cref="TeamDraftInterleaving"/>) similar or not without knowing which embedding showed them; each verdict is
/// stored with the embedding credited (<see cref="BlindJudgement"/>), and precision@k per embedding is read back.
/// </summary>
public static class BlindJudgements
{
    /// <summary>
    /// Records (or replaces) <paramref name="judge"/>'s verdict on <paramref name="neighbour"/>, shown at
    /// <paramref name="shownRank"/> among the neighbours of <paramref name="queryProductId"/> searched in
    /// <paramref name="categoryId"/> (null: the whole catalogue).
    /// </summary>
    public static async Task SaveAsync(ClassifierDb db, string judge, long queryProductId, InterleavedNeighbour neighbour, int shownRank,
        int? categoryId, bool similar, CancellationToken ct = default)
    {
        if (shownRank < 1) throw new UserFacingException($"A neighbour's rank starts at 1, not {shownRank}.");
        if (neighbour.RankIn(neighbour.Team) is null)
            throw new UserFacingException($"Neighbour {neighbour.ProductId} is credited to the {neighbour.Team} embedding, whose list does not hold it.");
        if (queryProductId == neighbour.ProductId) throw new UserFacingException("A product is not judged as its own neighbour.");
        var catalogues = await db.Products.Where(p => p.Id == queryProductId || p.Id == neighbour.ProductId)
            .Select(p => p.CatalogueId).ToListAsync(ct);
        if (catalogues.Count != 2 || catalogues[0] != catalogues[1])
            throw new UserFacingException($"Products {queryProductId} and {neighbour.ProductId} are not two products of one catalogue.");
        var team = neighbour.Team.ToString();
        // One statement, so a double click cannot insert twice.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO blind_judgements (query_product_id, neighbour_product_id, category_id, team, shown_rank, pretrained_rank,
                learned_rank, is_similar, judge, judged_at)
            VALUES ({queryProductId}, {neighbour.ProductId}, {categoryId}, {team}, {shownRank}, {neighbour.PretrainedRank},
                {neighbour.LearnedRank}, {similar}, {judge}, {DateTime.UtcNow})
            ON CONFLICT (query_product_id, neighbour_product_id, judge)
            DO UPDATE SET category_id = excluded.category_id, team = excluded.team, shown_rank = excluded.shown_rank,
                pretrained_rank = excluded.pretrained_rank, learned_rank = excluded.learned_rank, is_similar = excluded.is_similar,
                judged_at = excluded.judged_at
            """, ct);
    }

    /// <summary>Takes back <paramref name="judge"/>'s verdict on a pair (nothing happens when there is none).</summary>
    public static Task RemoveAsync(ClassifierDb db, string judge, long queryProductId, long neighbourProductId, CancellationToken ct = default) =>
        db.BlindJudgements.Where(j => j.QueryProductId == queryProductId && j.NeighbourProductId == neighbourProductId && j.Judge == judge)
            .ExecuteDeleteAsync(ct);

    /// <summary><paramref name="judge"/>'s verdicts so far on the neighbours of <paramref name="queryProductId"/>, by neighbour.</summary>
    public static Task<Dictionary<long, bool>> ForQueryAsync(ClassifierDb db, string judge, long queryProductId, CancellationToken ct = default) =>
        db.BlindJudgements.AsNoTracking().Where(j => j.QueryProductId == queryProductId && j.Judge == judge)
            .ToDictionaryAsync(j => j.NeighbourProductId, j => j.IsSimilar, ct);

    /// <summary>
    /// Precision@<paramref name="k"/> of each embedding from every judge's blind verdicts in the catalogue, overall and
    /// per category of the query products (at <paramref name="depth"/>, 1 = top level, or the most specific ones), and
    /// the team-draft outcome.
    /// </summary>
    public static async Task<BlindPrecision> PrecisionAsync(ClassifierDb db, int catalogueId, int k = 10, int? depth = null,
        CancellationToken ct = default)
    {
        var verdicts = await (from j in db.BlindJudgements.AsNoTracking()
                              join p in db.Products on j.QueryProductId equals p.Id
                              where p.CatalogueId == catalogueId
                              select new Verdict(j.QueryProductId, j.Judge, j.Team, j.PretrainedRank, j.LearnedRank, j.IsSimilar)).ToListAsync(ct);
        var queries = verdicts.Select(v => v.Query).Distinct().ToArray();
        if (queries.Length == 0) return new BlindPrecision(k, 0, 0, new(null, 0, 0), new(null, 0, 0), new(0, 0, 0), []);
        var categories = await JudgedCategories.LoadAsync(db, catalogueId, queries, depth, ct);
        var rows = categories.Ordered(queries.SelectMany(categories.Of).Distinct()).Select(category =>
        {
            var inCategory = verdicts.Where(v => categories.Of(v.Query).Contains(category)).ToList();
            return new BlindCategoryPrecision(category == JudgedCategories.None ? null : category, categories.PathOf(category),
                inCategory.Select(v => v.Query).Distinct().Count(), Score(inCategory, SimilarityEmbedding.Pretrained, k),
                Score(inCategory, SimilarityEmbedding.Learned, k));
        }).ToList();
        return new BlindPrecision(k, queries.Length, verdicts.Count, Score(verdicts, SimilarityEmbedding.Pretrained, k),
            Score(verdicts, SimilarityEmbedding.Learned, k), Outcome(verdicts), rows);
    }

    private static EmbeddingScore Score(IReadOnlyList<Verdict> verdicts, SimilarityEmbedding embedding, int k)
    {
        var perQuery = verdicts.Where(v => v.RankIn(embedding) <= k).GroupBy(v => v.Query)
            .Select(q => (Judged: q.Count(), Similar: q.Count(v => v.IsSimilar))).ToList();
        return new EmbeddingScore(perQuery.Count == 0 ? null : perQuery.Average(q => (double)q.Similar / q.Judged), perQuery.Count,
            perQuery.Sum(q => q.Judged));
    }

    private static TeamDraftOutcome Outcome(IReadOnlyList<Verdict> verdicts)
    {
        var (learned, pretrained, ties) = (0, 0, 0);
        foreach (var session in verdicts.GroupBy(v => (v.Query, v.Judge)))
        {
            var credit = session.Where(v => v.IsSimilar).Sum(v => v.Team == SimilarityEmbedding.Learned ? 1 : -1);
            if (credit > 0) learned++;
            else if (credit < 0) pretrained++;
            else ties++;
        }
        return new TeamDraftOutcome(learned, pretrained, ties);
    }

    private sealed record Verdict(long Query, string Judge, SimilarityEmbedding Team, int? PretrainedRank, int? LearnedRank, bool IsSimilar)
    {
        public int? RankIn(SimilarityEmbedding embedding) => embedding == SimilarityEmbedding.Pretrained ? PretrainedRank : LearnedRank;
    }
}
