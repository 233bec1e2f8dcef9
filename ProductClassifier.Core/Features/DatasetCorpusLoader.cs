using ProductClassifier.Core.Catalog.Ingest;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Rules;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Features;

/// <summary>
/// Builds a <see cref="Corpus"/> straight from a data set folder, with no database: products through the same
/// feed reader and mapping as an import, the tree from their category paths, the rules matched in memory, and
/// the category paths as reference labels. Rejected rows are skipped, as an import skips them.
/// </summary>
public static class DatasetCorpusLoader
{
    public static async Task<Corpus> LoadAsync(string folder, CancellationToken ct = default)
    {
        var dataset = DatasetDescriptor.Load(folder);
        var rules = dataset.RulesPath is { } rulesPath ? RuleFile.Load(rulesPath) : [];
        var rows = new List<StagedProduct>();
        using (var reader = FeedReader.Open(dataset.ProductsPath, dataset.ToFeedMapping()))
        {
            await foreach (var batch in reader.ReadBatchesAsync(ct))
                rows.AddRange(batch.Rows.Where(r => r.Product is not null).Select(r => r.Product!));
        }

        var builder = new TaxonomyBuilder();
        var leaves = rows.Select(r => r.FeedCategory is { } path ? builder.Add(path) : null).ToList();
        var ruleLeaves = rules.Select(r => builder.Add(r.CategoryPath)).ToList();
        var nodes = builder.Build().Nodes.OrderBy(n => n.Depth).ThenBy(n => n.Path, StringComparer.Ordinal).ToList();
        var index = nodes.Select((n, i) => (n.Path, i)).ToDictionary(x => x.Path, x => x.i, StringComparer.Ordinal);
        var categories = nodes.Select((n, i) => new CorpusCategory(i, n.Path, n.ParentPath is null ? -1 : index[n.ParentPath], n.Depth)).ToList();

        var matcher = new RuleMatcher(rules);
        var products = new ProductRecord[rows.Count];
        var reference = new int[]?[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            var row = rows[i];
            products[i] = new ProductRecord(i, $"{dataset.Source}:{row.ExternalId}", row.Title, row.Description, row.Brand,
                row.Price is { } price ? (double)price : null,
                row.ImageRef is { } image ? Path.GetFullPath(Path.Combine(dataset.Folder, image)) : null,
                CorpusLoader.ParseAttributes(row.Attributes), matcher.Match(row.Title, row.Description, row.Brand));
        });

        var corpus = new Corpus
        {
            Name = dataset.Name,
            Products = products,
            Categories = categories,
            RuleCategories = ruleLeaves.Select(path => index[path!]).ToList(),
            ReferenceLabels = reference,
            HumanLabels = new int[]?[rows.Count],
        };
        for (var i = 0; i < rows.Count; i++)
            if (leaves[i] is { } leaf) reference[i] = [.. corpus.WithAncestors(index[leaf]).Order()];
        return corpus;
    }
}
