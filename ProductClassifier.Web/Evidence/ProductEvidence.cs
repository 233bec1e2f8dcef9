using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Web.Evidence;

/// <summary>Loads what an error list shows about its products: title, image, true labels and the rules that fired.</summary>
public static class ProductEvidence
{
    /// <summary>The products in the order of <paramref name="productIds"/>, each with its probability when given one.</summary>
    public static async Task<IReadOnlyList<EvidenceProduct>> LoadAsync(ClassifierDb db, int catalogueId, IReadOnlyList<long> productIds,
        IReadOnlyDictionary<long, float>? probabilities, CancellationToken ct)
    {
        if (productIds.Count == 0) return [];
        var ids = productIds.ToArray();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, HasImage = p.ImageRef != null }).ToDictionaryAsync(p => p.Id, ct);
        var paths = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == catalogueId)
            .Select(c => new { c.Id, c.Path }).ToDictionaryAsync(c => c.Id, c => c.Path, ct);
        var references = (await db.ReferenceLabels.AsNoTracking().Where(l => ids.Contains(l.ProductId)).ToListAsync(ct))
            .ToLookup(l => l.ProductId, l => l.CategoryId);
        var decisions = (await db.LabelDecisions.AsNoTracking().Where(d => ids.Contains(d.ProductId)).ToListAsync(ct))
            .ToLookup(d => d.ProductId);
        var rules = (await (
                from l in db.RuleLabels.AsNoTracking()
                join r in db.Rules on l.RuleId equals r.Id
                where ids.Contains(l.ProductId) && l.CategoryId == r.CategoryId
                select new { l.ProductId, r.CategoryId, r.Code }).ToListAsync(ct))
            .ToLookup(r => r.ProductId, r => new RuleHit(r.CategoryId, paths.GetValueOrDefault(r.CategoryId, "?"), r.Code));

        return ids.Where(products.ContainsKey).Select(id =>
        {
            var truth = references[id].Any() ? references[id].ToArray() : HumanLabel.Choose(decisions[id]) ?? [];
            var labelled = truth.Where(paths.ContainsKey).Select(c => paths[c]).ToList();
            return new EvidenceProduct(id, products[id].Title, products[id].HasImage,
                probabilities?.TryGetValue(id, out var p) == true ? p : null, MostSpecific(labelled), [.. rules[id]]);
        }).ToList();
    }

    /// <summary>The paths that are no other path's ancestor: "A > B > C" rather than "A", "A > B", "A > B > C".</summary>
    public static IReadOnlyList<string> MostSpecific(IReadOnlyCollection<string> paths) =>
        paths.Distinct().Where(p => !paths.Any(other => other.StartsWith(p + Core.Taxonomy.Category.PathSeparator, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
}
