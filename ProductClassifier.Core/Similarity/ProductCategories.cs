using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Similarity;

/// <summary>The categories a similarity index stores with each product, and the labels its evaluation scores against.</summary>
public static class ProductCategories
{
    /// <summary>
    /// Per product: the best-known categories (a labeller's latest decision, else reference labels, else the active
    /// model's predictions, else the rules' labels; ancestors included) and the predicted ones on their own.
    /// </summary>
    public static async Task<Dictionary<long, (int[] Known, int[] Predicted)>> ForIndexAsync(ClassifierDb db,
        IReadOnlyCollection<long> productIds, CancellationToken ct = default)
    {
        var ids = productIds.ToArray();
        var decided = await LatestDecisionsAsync(db, ids, ct);
        var reference = await ReferenceAsync(db, ids, ct);
        var predicted = (await db.Predictions.AsNoTracking().Where(p => ids.Contains(p.ProductId))
            .Select(p => new { p.ProductId, p.Categories }).ToListAsync(ct))
            .ToDictionary(p => p.ProductId, p => ParsePredicted(p.Categories));
        var ruled = await RuledAsync(db, ids, ct);
        return ids.Distinct().ToDictionary(id => id, id =>
        {
            var prediction = predicted.GetValueOrDefault(id) ?? [];
            var known = decided.GetValueOrDefault(id) ?? reference.GetValueOrDefault(id)
                ?? (prediction.Length > 0 ? prediction : ruled.GetValueOrDefault(id)) ?? [];
            return (known, prediction);
        });
    }

    /// <summary>
    /// Per product, the categories someone who labels blind may see: the active model's predictions, else the rules'
    /// labels — never a labeller's decision or a reference label (what the labelling card shows, and no more).
    /// </summary>
    public static async Task<Dictionary<long, int[]>> WithoutLabelsAsync(ClassifierDb db, IReadOnlyCollection<long> productIds,
        CancellationToken ct = default)
    {
        var ids = productIds.ToArray();
        var predicted = (await db.Predictions.AsNoTracking().Where(p => ids.Contains(p.ProductId))
            .Select(p => new { p.ProductId, p.Categories }).ToListAsync(ct))
            .ToDictionary(p => p.ProductId, p => ParsePredicted(p.Categories));
        var ruled = await RuledAsync(db, ids, ct);
        return ids.Distinct().ToDictionary(id => id, id =>
            predicted.GetValueOrDefault(id) is { Length: > 0 } prediction ? prediction : ruled.GetValueOrDefault(id) ?? []);
    }

    /// <summary>
    /// The labels to judge neighbours by: reference labels, else labellers' decisions — or, in a catalogue that has
    /// neither, the rules' labels. Returns the labels per product and which source they came from.
    /// </summary>
    public static async Task<(Dictionary<long, int[]> Labels, string Source)> ForEvaluationAsync(ClassifierDb db, int catalogueId,
        CancellationToken ct = default)
    {
        var ids = await db.Products.Where(p => p.CatalogueId == catalogueId && p.GoneAt == null).Select(p => p.Id).ToArrayAsync(ct);
        var labels = await ReferenceAsync(db, ids, ct);
        foreach (var (id, decision) in await LatestDecisionsAsync(db, ids, ct)) labels.TryAdd(id, decision);
        if (labels.Count > 0) return (labels, "reference labels and labellers' decisions");
        return (await RuledAsync(db, ids, ct), "the rules' labels (no reference labels or decisions)");
    }

    /// <summary>
    /// The labels a learned embedding trains on: a labeller's latest decision, else the rules' labels — never reference
    /// labels (which similarity evaluation judges by).
    /// </summary>
    public static async Task<Dictionary<long, int[]>> ForLearningAsync(ClassifierDb db, IReadOnlyCollection<long> productIds,
        CancellationToken ct = default)
    {
        var ids = productIds.ToArray();
        var labels = await LatestDecisionsAsync(db, ids, ct);
        foreach (var (id, ruled) in await RuledAsync(db, ids, ct)) labels.TryAdd(id, ruled);
        return labels;
    }

    /// <summary>Reference labels only: what the learned embedding never saw, so the fair judge of both embeddings.</summary>
    public static Task<Dictionary<long, int[]>> ReferenceOnlyAsync(ClassifierDb db, IReadOnlyCollection<long> productIds,
        CancellationToken ct = default) => ReferenceAsync(db, productIds.ToArray(), ct);

    private static async Task<Dictionary<long, int[]>> RuledAsync(ClassifierDb db, long[] ids, CancellationToken ct) =>
        (await db.RuleLabels.AsNoTracking().Where(l => ids.Contains(l.ProductId))
            .Select(l => new { l.ProductId, l.CategoryId }).Distinct().ToListAsync(ct))
        .GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => g.Select(l => l.CategoryId).Order().ToArray());

    private static async Task<Dictionary<long, int[]>> ReferenceAsync(ClassifierDb db, long[] ids, CancellationToken ct) =>
        (await db.ReferenceLabels.AsNoTracking().Where(l => ids.Contains(l.ProductId))
            .Select(l => new { l.ProductId, l.CategoryId }).ToListAsync(ct))
        .GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => g.Select(l => l.CategoryId).Order().ToArray());

    private static async Task<Dictionary<long, int[]>> LatestDecisionsAsync(ClassifierDb db, long[] ids, CancellationToken ct)
    {
        var decisions = await db.LabelDecisions.AsNoTracking().Where(d => ids.Contains(d.ProductId))
            .OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).Select(d => new { d.ProductId, d.PositiveCategoryIds }).ToListAsync(ct);
        var latest = new Dictionary<long, int[]>();
        foreach (var d in decisions) latest[d.ProductId] = d.PositiveCategoryIds;
        return latest;
    }

    private static int[] ParsePredicted(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind != JsonValueKind.Array ? [] : document.RootElement.EnumerateArray()
            .Select(e => e.TryGetProperty("categoryId", out var id) && id.TryGetInt32(out var value) ? value : 0)
            .Where(id => id > 0).Distinct().Order().ToArray();
    }
}
