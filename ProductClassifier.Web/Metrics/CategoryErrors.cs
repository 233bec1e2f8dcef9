using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Web.Evidence;

namespace ProductClassifier.Web.Metrics;

/// <summary>
/// A category's worst errors for a version, from its stored test predictions: the false positives it was surest of and
/// the false negatives it was least sure of, on the ground-truth or the rule-labelled test set.
/// </summary>
/// <param name="Stored">Whether the version has stored test predictions at all (versions from before they were kept do not).</param>
public sealed record CategoryErrors(bool Stored, int FalsePositiveCount, int FalseNegativeCount,
    IReadOnlyList<EvidenceProduct> FalsePositives, IReadOnlyList<EvidenceProduct> FalseNegatives)
{
    public static async Task<CategoryErrors> LoadAsync(ClassifierDb db, ModelVersion version, int categoryId, ErrorSet set, int limit,
        CancellationToken ct)
    {
        var stored = await db.TestPredictions.AnyAsync(p => p.ModelVersionId == version.Id, ct);
        if (!stored) return new CategoryErrors(false, 0, 0, [], []);
        var rows = db.TestPredictions.AsNoTracking().Where(p => p.ModelVersionId == version.Id && p.CategoryId == categoryId);
        var falsePositives = set == ErrorSet.GroundTruth ? rows.Where(p => p.Predicted && p.GroundTruth == false) : rows.Where(p => p.Predicted && !p.RuleLabel);
        var falseNegatives = set == ErrorSet.GroundTruth ? rows.Where(p => !p.Predicted && p.GroundTruth == true) : rows.Where(p => !p.Predicted && p.RuleLabel);
        var worstPositives = await falsePositives.OrderByDescending(p => p.Probability).ThenBy(p => p.ProductId).Take(limit)
            .Select(p => new { p.ProductId, p.Probability }).ToListAsync(ct);
        var worstNegatives = await falseNegatives.OrderBy(p => p.Probability).ThenBy(p => p.ProductId).Take(limit)
            .Select(p => new { p.ProductId, p.Probability }).ToListAsync(ct);
        var probabilities = worstPositives.Concat(worstNegatives).ToDictionary(p => p.ProductId, p => p.Probability);
        return new CategoryErrors(true, await falsePositives.CountAsync(ct), await falseNegatives.CountAsync(ct),
            await ProductEvidence.LoadAsync(db, version.CatalogueId, worstPositives.Select(p => p.ProductId).ToList(), probabilities, ct),
            await ProductEvidence.LoadAsync(db, version.CatalogueId, worstNegatives.Select(p => p.ProductId).ToList(), probabilities, ct));
    }
}
