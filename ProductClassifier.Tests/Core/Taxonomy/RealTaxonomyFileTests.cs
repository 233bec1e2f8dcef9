using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Taxonomy;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Taxonomy;

/// <summary>Google's and Shopify's published taxonomies, when ../shared/data has them (a fresh clone does not).</summary>
public sealed class RealTaxonomyFileTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Google = "google-product-taxonomy-2021-09-21.txt";
    private const string Shopify = "shopify-categories-2025-06.txt";

    [SharedDataFact("taxonomies", Google)]
    public void Google_taxonomy_parses_completely() => ParsesCompletely(Google, TaxonomyFormat.Google, 5595, 7);

    [SharedDataFact("taxonomies", Shopify)]
    public void Shopify_taxonomy_parses_completely() => ParsesCompletely(Shopify, TaxonomyFormat.Shopify, 10595, 8);

    private static void ParsesCompletely(string name, TaxonomyFormat format, int count, int depth)
    {
        var tree = TaxonomyParser.ParseFile(SharedData.PathOf("taxonomies", name));

        Assert.Equal(format, tree.Format);
        Assert.Equal(count, tree.Count);
        Assert.Equal(depth, tree.MaxDepth);
        Assert.All(tree.Nodes, n => Assert.NotNull(n.ExternalId));
    }

    [SharedDataFact("taxonomies", Shopify)]
    public async Task Shopify_taxonomy_imports_in_bulk_and_again_without_change()
    {
        var tree = TaxonomyParser.ParseFile(SharedData.PathOf("taxonomies", Shopify));
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);

        var first = await TaxonomyImporter.ImportAsync(db, catalogue.Id, tree);
        var again = await TaxonomyImporter.ImportAsync(db, catalogue.Id, tree);

        Assert.Equal((tree.Count, tree.Count), (first.Added, first.Total));
        Assert.Equal((0, tree.Count), (again.Added, again.Total));
        Assert.Equal(first.IdsByPath, again.IdsByPath);
        var orphans = await db.Categories.CountAsync(c => c.CatalogueId == catalogue.Id && c.Depth > 1 && c.ParentId == null);
        Assert.Equal(0, orphans);
    }
}
