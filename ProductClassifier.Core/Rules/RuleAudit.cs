using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Rules;

/// <summary>
/// Measures a catalogue's rule labels against its reference labels (see <see cref="RuleAuditReport"/>).
/// Reference labels are closed under ancestors here too, so a data set that stored only leaves is judged
/// the same way. Gone products are left out: rules are not applied to them.
/// </summary>
public static class RuleAudit
{
    /// <summary>Audits the catalogue's current rule labels; <see cref="RuleAuditReport.Products"/> is 0 without reference labels.</summary>
    public static async Task<RuleAuditReport> RunAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default)
    {
        // Counted in memory: a few hundred thousand pairs load in a moment, and set arithmetic here does not
        // depend on the planner having statistics for freshly loaded tables.
        var hierarchy = await CategoryHierarchy.LoadAsync(db, catalogueId, ct);
        var references = await (
            from r in db.ReferenceLabels
            join p in db.Products on r.ProductId equals p.Id
            where p.CatalogueId == catalogueId && p.GoneAt == null
            select new { r.ProductId, r.CategoryId }).ToListAsync(ct);
        var ruleLabels = await (
            from l in db.RuleLabels
            join ru in db.Rules on l.RuleId equals ru.Id
            where ru.CatalogueId == catalogueId
            select new { l.ProductId, l.CategoryId, l.RuleId }).ToListAsync(ct);
        var rules = await db.Rules.Where(r => r.CatalogueId == catalogueId).OrderBy(r => r.Id)
            .Join(db.Categories, r => r.CategoryId, c => c.Id, (r, c) => new { r.Id, r.Code, r.CategoryId, c.Path })
            .ToListAsync(ct);

        var truth = new HashSet<(long Product, int Category)>();
        foreach (var label in references)
            foreach (var category in hierarchy.AncestorsAndSelf(label.CategoryId))
                truth.Add((label.ProductId, category));
        var evaluated = references.Select(r => r.ProductId).ToHashSet();
        var predicted = ruleLabels.Where(l => evaluated.Contains(l.ProductId)).Select(l => (l.ProductId, l.CategoryId)).ToHashSet();
        var correct = predicted.Count(truth.Contains);

        var referenceCount = truth.CountBy(t => t.Category).ToDictionary();
        var categoryOfRule = rules.ToDictionary(r => r.Id, r => r.CategoryId);
        // A rule fired for a product when it labelled the product with the rule's own category.
        var firedOn = ruleLabels
            .Where(l => evaluated.Contains(l.ProductId) && categoryOfRule.GetValueOrDefault(l.RuleId) == l.CategoryId)
            .ToLookup(l => l.RuleId, l => l.ProductId);
        var rows = rules.Select(rule =>
        {
            var fired = firedOn[rule.Id].Distinct().ToList();
            return new RuleAuditRow(rule.Code, rule.Path, fired.Count, fired.Count(p => truth.Contains((p, rule.CategoryId))),
                referenceCount.GetValueOrDefault(rule.CategoryId));
        }).ToList();
        return new RuleAuditReport(evaluated.Count, predicted.Count, truth.Count, correct, rows);
    }
}
