using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Rules;

/// <summary>A catalogue's rules as matcher definitions, in rule-id order (the order models number rule firings in).</summary>
public static class CatalogueRules
{
    public static async Task<IReadOnlyList<(int Id, int CategoryId, RuleDefinition Definition)>> LoadAsync(ClassifierDb db,
        int catalogueId, CancellationToken ct = default)
    {
        var rules = await db.Rules.Where(r => r.CatalogueId == catalogueId).OrderBy(r => r.Id)
            .Join(db.Categories, r => r.CategoryId, c => c.Id, (r, c) => new { r.Id, r.Code, r.CategoryId, r.Field, r.Terms, c.Path })
            .ToListAsync(ct);
        return rules.Select(r => (r.Id, r.CategoryId, new RuleDefinition(r.Code, r.Path, FieldOf(r.Field, r.Code), r.Terms))).ToList();
    }

    private static RuleField FieldOf(string name, string code) =>
        RuleFields.TryParse(name, out var field) ? field
            : throw new UserFacingException($"Rule '{code}' has field '{name}' in the database; expected {RuleFields.Names}. Import its rules file again.");
}
