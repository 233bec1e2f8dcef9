using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Rules;

/// <summary>
/// Runs a catalogue's rules over its products (gone ones excepted) and replaces its rule labels: for each
/// rule that fires, its category and every ancestor, with the rule's id, so a false positive traces to its rule.
/// </summary>
public static class RuleApplier
{
    private const int PageSize = 10_000;

    /// <summary>Applies every rule of the catalogue; labels are written with binary COPY in one transaction.</summary>
    public static async Task<RuleApplyResult> ApplyAsync(ClassifierDb db, int catalogueId,
        IProgress<RuleApplyProgress>? progress = null, CancellationToken ct = default)
    {
        var rules = await CatalogueRules.LoadAsync(db, catalogueId, ct);
        var definitions = rules.Select(r => r.Definition).ToList();
        var matcher = new RuleMatcher(definitions);
        var hierarchy = await CategoryHierarchy.LoadAsync(db, catalogueId, ct);
        var categoriesOfRule = rules.Select(r => hierarchy.AncestorsAndSelf(r.CategoryId)).ToArray();
        var readDescriptions = definitions.Any(d => d.Field is RuleField.Description or RuleField.Any);
        var readBrands = definitions.Any(d => d.Field is RuleField.Brand or RuleField.Any);

        var live = db.Products.AsNoTracking().Where(p => p.CatalogueId == catalogueId && p.GoneAt == null);
        var total = await live.CountAsync(ct);
        var labels = new List<(long Product, int Category, int Rule)>();
        int done = 0, labelled = 0;
        for (long after = 0; ;)
        {
            // Keyset pages keep memory flat for large catalogues; descriptions are only read when a rule needs them.
            var page = await live.Where(p => p.Id > after).OrderBy(p => p.Id).Take(PageSize)
                .Select(p => new { p.Id, p.Title, Description = readDescriptions ? p.Description : null, Brand = readBrands ? p.Brand : null })
                .ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var product in page)
            {
                var fired = matcher.Match(product.Title, product.Description, product.Brand);
                if (fired.Length > 0) labelled++;
                foreach (var rule in fired)
                    foreach (var category in categoriesOfRule[rule])
                        labels.Add((product.Id, category, rules[rule].Id));
            }
            after = page[^1].Id;
            done += page.Count;
            progress?.Report(new RuleApplyProgress("matching", done, total));
        }
        await ReplaceLabelsAsync(db, catalogueId, labels, progress, ct);
        return new RuleApplyResult(rules.Count, done, labelled, labels.Count);
    }

    private static async Task ReplaceLabelsAsync(ClassifierDb db, int catalogueId, List<(long Product, int Category, int Rule)> labels,
        IProgress<RuleApplyProgress>? progress, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await using (var delete = new NpgsqlCommand(
                "DELETE FROM rule_labels l USING rules r WHERE l.rule_id = r.id AND r.catalogue_id = @catalogue", connection))
            {
                delete.CommandTimeout = 600;
                delete.Parameters.AddWithValue("catalogue", catalogueId);
                await delete.ExecuteNonQueryAsync(ct);
            }
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY rule_labels (product_id, category_id, rule_id) FROM STDIN (FORMAT BINARY)", ct))
            {
                for (var i = 0; i < labels.Count; i++)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(labels[i].Product, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(labels[i].Category, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(labels[i].Rule, NpgsqlDbType.Integer, ct);
                    if ((i + 1) % 50_000 == 0) progress?.Report(new RuleApplyProgress("writing", i + 1, labels.Count));
                }
                await writer.CompleteAsync(ct);
            }
            progress?.Report(new RuleApplyProgress("writing", labels.Count, labels.Count));
            if (owned is not null) await owned.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
