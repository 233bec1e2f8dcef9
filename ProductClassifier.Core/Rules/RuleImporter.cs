using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Rules;

/// <summary>
/// Makes a catalogue's rules those of a file, matched by rule id: existing rules keep their database ids.
/// A category a rule names but the taxonomy lacks is created (with its ancestors), because a fired rule
/// labels that category and its ancestors; the result lists them, so typos show.
/// </summary>
public static class RuleImporter
{
    /// <summary>Replaces the catalogue's rules with <paramref name="rules"/>, in the caller's transaction if one is open.</summary>
    public static async Task<RuleImportResult> ImportAsync(ClassifierDb db, int catalogueId, IReadOnlyList<RuleDefinition> rules,
        CancellationToken ct = default)
    {
        IReadOnlyDictionary<string, int> known = await db.Categories.Where(c => c.CatalogueId == catalogueId)
            .ToDictionaryAsync(c => c.Path, c => c.Id, StringComparer.Ordinal, ct);
        var missing = new TaxonomyBuilder();
        foreach (var rule in rules.Where(r => !known.ContainsKey(r.CategoryPath)))
            missing.Add(rule.CategoryPath);
        var missingTree = missing.Build();
        var created = missingTree.Nodes.Select(n => n.Path).Where(p => !known.ContainsKey(p)).ToList();
        if (created.Count > 0) known = (await TaxonomyImporter.ImportAsync(db, catalogueId, missingTree, ct)).IdsByPath;

        var existing = await db.Rules.Where(r => r.CatalogueId == catalogueId).ToDictionaryAsync(r => r.Code, StringComparer.Ordinal, ct);
        int added = 0, updated = 0;
        foreach (var definition in rules)
        {
            var categoryId = known[definition.CategoryPath];
            var field = definition.Field.ToName();
            if (existing.Remove(definition.Code, out var rule))
            {
                if (rule.CategoryId == categoryId && rule.Field == field && rule.Terms.SequenceEqual(definition.Terms)) continue;
                (rule.CategoryId, rule.Field, rule.Terms) = (categoryId, field, [.. definition.Terms]);
                updated++;
            }
            else
            {
                db.Rules.Add(new Rule { CatalogueId = catalogueId, Code = definition.Code, CategoryId = categoryId, Field = field, Terms = [.. definition.Terms] });
                added++;
            }
        }
        db.Rules.RemoveRange(existing.Values);
        await db.SaveChangesAsync(ct);
        return new RuleImportResult(added, updated, existing.Count, created);
    }
}
