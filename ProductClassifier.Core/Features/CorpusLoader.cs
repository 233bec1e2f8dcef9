using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Core.Features;

/// <summary>Builds a <see cref="Corpus"/> from a catalogue in the database.</summary>
public static class CorpusLoader
{
    /// <param name="imagePath">Maps a product's image reference to a local file (null: no image).</param>
    public static async Task<Corpus> FromDatabaseAsync(ClassifierDb db, Catalogue catalogue,
        Func<string, string?> imagePath, CancellationToken ct = default)
    {
        var categories = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == catalogue.Id)
            .OrderBy(c => c.Depth).ThenBy(c => c.Path).ToListAsync(ct);
        var categoryIndex = categories.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var corpusCategories = categories.Select((c, i) => new CorpusCategory(i, c.Path,
            c.ParentId is { } parent ? categoryIndex[parent] : -1, c.Depth)).ToList();

        var rules = await db.Rules.AsNoTracking().Where(r => r.CatalogueId == catalogue.Id).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.CategoryId }).ToListAsync(ct);
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var products = await db.Products.AsNoTracking()
            .Where(p => p.CatalogueId == catalogue.Id && p.GoneAt == null).OrderBy(p => p.Id).ToListAsync(ct);
        var productIndex = products.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var fired = GroupByProduct(await (
            from l in db.RuleLabels.AsNoTracking()
            join r in db.Rules on l.RuleId equals r.Id
            where r.CatalogueId == catalogue.Id && l.CategoryId == r.CategoryId
            select new { l.ProductId, Value = l.RuleId }).ToListAsync(ct), x => x.ProductId, x => ruleIndex[x.Value], productIndex);

        var reference = GroupByProduct(await (
            from l in db.ReferenceLabels.AsNoTracking()
            join c in db.Categories on l.CategoryId equals c.Id
            where c.CatalogueId == catalogue.Id
            select new { l.ProductId, l.CategoryId }).ToListAsync(ct), x => x.ProductId, x => categoryIndex[x.CategoryId], productIndex);

        // A resolution, else the labellers' decision when they agree: an unresolved conflict is no label (HumanLabel).
        var decisions = await (
            from d in db.LabelDecisions.AsNoTracking()
            join p in db.Products on d.ProductId equals p.Id
            where p.CatalogueId == catalogue.Id
            select d).ToListAsync(ct);
        var human = new int[]?[products.Count];
        foreach (var product in decisions.GroupBy(d => d.ProductId))
            if (productIndex.TryGetValue(product.Key, out var i) && HumanLabel.Choose(product) is { } label)
                human[i] = label.Where(categoryIndex.ContainsKey).Select(c => categoryIndex[c]).Order().ToArray();

        var records = products.Select((p, i) => new ProductRecord(p.Id, $"{p.Source}:{p.ExternalId}", p.Title, p.Description,
            p.Brand, p.Price is { } price ? (double)price : null, p.ImageRef is null ? null : imagePath(p.ImageRef),
            ParseAttributes(p.Attributes), fired[i] ?? [])).ToList();

        return new Corpus
        {
            Name = catalogue.Name,
            Products = records,
            Categories = corpusCategories,
            RuleCategories = rules.Select(r => categoryIndex[r.CategoryId]).ToList(),
            ReferenceLabels = reference,
            HumanLabels = human,
        };
    }

    private static int[]?[] GroupByProduct<T>(IEnumerable<T> rows, Func<T, long> product, Func<T, int> value,
        IReadOnlyDictionary<long, int> productIndex)
    {
        var lists = new List<int>?[productIndex.Count];
        foreach (var row in rows)
            if (productIndex.TryGetValue(product(row), out var i)) (lists[i] ??= []).Add(value(row));
        return lists.Select(l => l?.Distinct().Order().ToArray()).ToArray();
    }

    internal static IReadOnlyDictionary<string, JsonElement> ParseAttributes(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : new Dictionary<string, JsonElement>();
    }
}
