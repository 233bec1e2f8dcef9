using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// Agreement on overlap items and the admins' review of conflicts. A resolution is the product's ground truth (see
/// <see cref="HumanLabel"/>). Callers check the admin role; this service trusts the name it is given. Thread-safe.
/// </summary>
public sealed class LabelReview(IDbContextFactory<ClassifierDb> databases, TimeProvider clock)
{
    /// <summary>Per-category Cohen's κ over the batch's overlap items decided by two labellers so far.</summary>
    /// <param name="batchId">A batch of the catalogue; default its latest round, open or finished.</param>
    /// <returns>Null when the catalogue has no labelling round.</returns>
    public async Task<AgreementReport?> AgreementAsync(int catalogueId, long? batchId = null, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await BatchAsync(db, catalogueId, batchId, ct) is not { } batch) return null;
        var pairs = await OverlapPair.LoadAsync(db, batch.Id, ct);
        var seen = pairs.SelectMany(p => p.First.PositiveCategoryIds.Concat(p.Second.PositiveCategoryIds)).ToHashSet();
        var paths = await PathsAsync(db, seen, ct);
        var categories = seen.Select(c =>
        {
            int both = 0, first = 0, second = 0;
            foreach (var p in pairs)
                switch ((p.First.PositiveCategoryIds.Contains(c), p.Second.PositiveCategoryIds.Contains(c)))
                {
                    case (true, true): both++; break;
                    case (true, false): first++; break;
                    case (false, true): second++; break;
                }
            var neither = pairs.Count - both - first - second;
            return new CategoryAgreement(paths.GetValueOrDefault(c) ?? new CategoryRef(c, $"#{c}"), both, first, second, neither, CohensKappa.Compute(both, first, second, neither));
        }).OrderBy(a => a.Kappa ?? double.MaxValue).ThenBy(a => a.Category.Path).ToList();
        var kappas = categories.Where(a => a.Kappa is not null).Select(a => a.Kappa!.Value).ToList();
        return new AgreementReport(batch.Id, batch.Round, pairs.Count, pairs.Count(p => p.Agree),
            kappas.Count > 0 ? kappas.Average() : null, categories);
    }

    /// <summary>The batch's overlap items whose two labellers disagree, unresolved first, then by position.</summary>
    /// <param name="batchId">A batch of the catalogue; default its latest round, open or finished.</param>
    public async Task<IReadOnlyList<LabelConflict>> ConflictsAsync(int catalogueId, long? batchId = null, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await BatchAsync(db, catalogueId, batchId, ct) is not { } batch) return [];
        var conflicts = (await OverlapPair.LoadAsync(db, batch.Id, ct)).Where(p => !p.Agree).ToList();
        var products = conflicts.Select(p => p.ProductId).ToList();
        var resolutions = (await db.LabelDecisions.AsNoTracking().Where(d => d.IsResolution && products.Contains(d.ProductId)).ToListAsync(ct))
            .GroupBy(d => d.ProductId).ToDictionary(g => g.Key, g => g.MaxBy(d => (d.DecidedAt, d.Id))!);
        var paths = await PathsAsync(db, conflicts.SelectMany(p => p.First.PositiveCategoryIds.Concat(p.Second.PositiveCategoryIds))
            .Concat(resolutions.Values.SelectMany(r => r.PositiveCategoryIds)), ct);
        LabellerChoice Choice(LabelDecision d) =>
            new(d.Labeller, d.PositiveCategoryIds.Where(paths.ContainsKey).Select(c => paths[c]).OrderBy(c => c.Path).ToList(), d.DecidedAt);
        return conflicts.Select(p => new LabelConflict(p.ProductId, p.Title, p.Position, Choice(p.First), Choice(p.Second),
                resolutions.TryGetValue(p.ProductId, out var r) ? Choice(r) : null))
            .OrderBy(c => c.Resolution is not null).ThenBy(c => c.Position).ToList();
    }

    /// <summary>
    /// Stores an admin's decision on a product as its ground truth (ancestors implied), replacing any earlier resolution.
    /// </summary>
    /// <exception cref="UserFacingException">No such product, or a category is not in its catalogue's taxonomy.</exception>
    public async Task<SavedDecision> ResolveAsync(string admin, long productId, IReadOnlyCollection<int> categoryIds,
        CancellationToken ct = default)
    {
        await using var session = await QueueSession.OpenAsync(databases, ct);
        await session.BeginAsync(admin, ct);
        var db = session.Db;
        var catalogue = await db.Products.Where(p => p.Id == productId).Select(p => (int?)p.CatalogueId).FirstOrDefaultAsync(ct)
            ?? throw new UserFacingException($"There is no product {productId}.");
        var batch = await db.BatchItems.Where(i => i.ProductId == productId).OrderByDescending(i => i.BatchId)
            .Select(i => (long?)i.BatchId).FirstOrDefaultAsync(ct);
        var categories = await CategoryAncestry.ExpandAsync(session, catalogue, categoryIds, ct);
        var saved = await DecisionStore.SaveAsync(session, batch, productId, admin, categories, resolution: true,
            clock.GetUtcNow().UtcDateTime, ct);
        await session.CommitAsync(ct);
        return saved;
    }

    private static async Task<(long Id, int Round)?> BatchAsync(ClassifierDb db, int catalogueId, long? batchId, CancellationToken ct)
    {
        var batch = await db.LabellingBatches.Where(b => b.CatalogueId == catalogueId && (batchId == null || b.Id == batchId))
            .OrderByDescending(b => b.Round).Select(b => new { b.Id, b.Round }).FirstOrDefaultAsync(ct);
        return batch is null ? null : (batch.Id, batch.Round);
    }

    private static async Task<Dictionary<int, CategoryRef>> PathsAsync(ClassifierDb db, IEnumerable<int> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Categories.Where(c => wanted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => new CategoryRef(c.Id, c.Path), ct);
    }
}
