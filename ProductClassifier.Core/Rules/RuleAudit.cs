using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Rules;

/// <summary>
/// A catalogue's rule labels against its ground truth: each product's reference labels, else its human label (an admin's
/// resolution, else the labellers' agreed decision; <see cref="HumanLabel"/>), closed under ancestors, so a data set
/// that stored only leaves is judged the same way. Gone products are left out: rules are not applied to them.
/// Loaded once, it answers the overall report (<see cref="Report"/>, what <c>./pc rules audit</c> prints), which rules
/// cause each category's errors (<see cref="Categories"/>) and the products behind a rule's figures (<see cref="ProductsOf"/>).
/// </summary>
public sealed class RuleAudit
{
    private readonly HashSet<(long Product, int Category)> _truth;
    private readonly HashSet<long> _evaluated;
    private readonly List<(long Product, int Category, int Rule)> _labels;
    private readonly IReadOnlyList<AuditedRule> _rules;
    private readonly IReadOnlyDictionary<int, string> _paths;

    private RuleAudit(HashSet<(long, int)> truth, HashSet<long> evaluated, List<(long, int, int)> labels, IReadOnlyList<AuditedRule> rules,
        IReadOnlyDictionary<int, string> paths) =>
        (_truth, _evaluated, _labels, _rules, _paths) = (truth, evaluated, labels, rules, paths);

    /// <summary>The catalogue's rules, in import order.</summary>
    public IReadOnlyList<AuditedRule> Rules => _rules;

    /// <summary>Audits the catalogue's current rule labels; <see cref="RuleAuditReport.Products"/> is 0 without ground truth.</summary>
    public static async Task<RuleAuditReport> RunAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default) =>
        (await LoadAsync(db, catalogueId, ct)).Report();

    public static async Task<RuleAudit> LoadAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default)
    {
        // Counted in memory: a few hundred thousand pairs load in a moment, and set arithmetic here does not
        // depend on the planner having statistics for freshly loaded tables.
        var categories = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == catalogueId)
            .Select(c => new { c.Id, c.ParentId, c.Path }).ToListAsync(ct);
        var hierarchy = new CategoryHierarchy(categories.Select(c => (c.Id, c.ParentId)));
        var references = await (
            from r in db.ReferenceLabels
            join p in db.Products on r.ProductId equals p.Id
            where p.CatalogueId == catalogueId && p.GoneAt == null
            select new { r.ProductId, r.CategoryId }).ToListAsync(ct);
        var decisions = await (
            from d in db.LabelDecisions.AsNoTracking()
            join p in db.Products on d.ProductId equals p.Id
            where p.CatalogueId == catalogueId && p.GoneAt == null
            select d).ToListAsync(ct);
        var labels = await (
            from l in db.RuleLabels
            join ru in db.Rules on l.RuleId equals ru.Id
            where ru.CatalogueId == catalogueId
            select new { l.ProductId, l.CategoryId, l.RuleId }).ToListAsync(ct);
        var rules = await db.Rules.AsNoTracking().Where(r => r.CatalogueId == catalogueId).OrderBy(r => r.Id)
            .Join(db.Categories, r => r.CategoryId, c => c.Id, (r, c) => new AuditedRule(r.Id, r.Code, r.CategoryId, c.Path, r.Field, r.Terms))
            .ToListAsync(ct);

        var truth = new HashSet<(long Product, int Category)>();
        var known = categories.Select(c => c.Id).ToHashSet();
        void Add(long product, IEnumerable<int> positives)
        {
            foreach (var label in positives.Where(known.Contains))
                foreach (var category in hierarchy.AncestorsAndSelf(label)) truth.Add((product, category));
        }
        foreach (var product in references.GroupBy(r => r.ProductId)) Add(product.Key, product.Select(r => r.CategoryId));
        var referenced = references.Select(r => r.ProductId).ToHashSet();
        var evaluated = referenced.ToHashSet();
        foreach (var product in decisions.Where(d => !referenced.Contains(d.ProductId)).GroupBy(d => d.ProductId))
            if (HumanLabel.Choose(product) is { } human)
            {
                evaluated.Add(product.Key);
                Add(product.Key, human);
            }
        return new RuleAudit(truth, evaluated,
            labels.Where(l => evaluated.Contains(l.ProductId)).Select(l => (l.ProductId, l.CategoryId, l.RuleId)).ToList(),
            rules, categories.ToDictionary(c => c.Id, c => c.Path));
    }

    /// <summary>Overall micro precision and recall of the rules, and one row per rule.</summary>
    public RuleAuditReport Report()
    {
        var predicted = _labels.Select(l => (l.Product, l.Category)).ToHashSet();
        var correct = predicted.Count(_truth.Contains);
        var referenceCount = _truth.CountBy(t => t.Category).ToDictionary();
        var rows = _rules.Select(rule =>
        {
            var fired = FiredOn(rule);
            return new RuleAuditRow(rule.Code, rule.CategoryPath, fired.Count, fired.Count(p => _truth.Contains((p, rule.CategoryId))),
                referenceCount.GetValueOrDefault(rule.CategoryId));
        }).ToList();
        return new RuleAuditReport(_evaluated.Count, predicted.Count, _truth.Count, correct, rows);
    }

    /// <summary>
    /// Per category with any rule label or true product, the rules' false positives and negatives there, and which rules
    /// made the false positives (a pair two rules made counts for both); most errors first.
    /// </summary>
    public IReadOnlyList<RuleCategoryErrors> Categories()
    {
        var codes = _rules.ToDictionary(r => r.Id, r => r.Code);
        var labelled = _labels.GroupBy(l => l.Category).ToDictionary(g => g.Key, g => g.ToList());
        var reference = _truth.CountBy(t => t.Category).ToDictionary();
        return labelled.Keys.Union(reference.Keys).Select(category =>
        {
            var labels = labelled.GetValueOrDefault(category) ?? [];
            var products = labels.Select(l => l.Product).ToHashSet();
            var correct = products.Count(p => _truth.Contains((p, category)));
            var causes = labels.Where(l => !_truth.Contains((l.Product, category)))
                .GroupBy(l => l.Rule).Select(g => new RuleErrorShare(codes.GetValueOrDefault(g.Key, "?"), g.Select(l => l.Product).Distinct().Count()))
                .OrderByDescending(s => s.FalsePositives).ThenBy(s => s.Rule, StringComparer.Ordinal).ToList();
            return new RuleCategoryErrors(_paths.GetValueOrDefault(category, "?"), products.Count - correct,
                reference.GetValueOrDefault(category) - correct, correct, causes);
        }).OrderByDescending(c => c.FalsePositives + c.FalseNegatives).ThenBy(c => c.CategoryPath, StringComparer.Ordinal).ToList();
    }

    /// <summary>The products where <paramref name="ruleCode"/> fired wrongly and those of its category it missed.</summary>
    public RuleProducts ProductsOf(string ruleCode)
    {
        var rule = _rules.FirstOrDefault(r => r.Code == ruleCode)
            ?? throw new UserFacingException($"No rule '{ruleCode}' in this catalogue.");
        var fired = FiredOn(rule);
        var wrong = fired.Where(p => !_truth.Contains((p, rule.CategoryId))).Order().ToList();
        var missed = _truth.Where(t => t.Category == rule.CategoryId && !fired.Contains(t.Product)).Select(t => t.Product).Order().ToList();
        return new RuleProducts(rule, wrong, missed);
    }

    // A rule fired for a product when it labelled the product with the rule's own category (the rest are its ancestors).
    private HashSet<long> FiredOn(AuditedRule rule) =>
        _labels.Where(l => l.Rule == rule.Id && l.Category == rule.CategoryId).Select(l => l.Product).ToHashSet();
}
