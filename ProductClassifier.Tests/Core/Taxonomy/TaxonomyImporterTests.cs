using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Taxonomy;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Taxonomy;

public sealed class TaxonomyImporterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static TaxonomyTree Google(string text) => TaxonomyParser.Parse(new StringReader(text), "google.txt");

    [Fact]
    public async Task Import_stores_parent_path_depth_and_external_id()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);

        var result = await TaxonomyImporter.ImportAsync(db, catalogue.Id, Google("1 - Animals\n2 - Animals > Pet Supplies\n3 - Animals > Pet Supplies > Bird Supplies\n"));

        var stored = await db.Categories.Where(c => c.CatalogueId == catalogue.Id).OrderBy(c => c.Depth).ToListAsync();
        Assert.Equal(3, result.Added);
        Assert.Equal([1, 2, 3], stored.Select(c => c.Depth));
        Assert.Equal([null, stored[0].Id, stored[1].Id], stored.Select(c => c.ParentId));
        Assert.Equal("Animals > Pet Supplies > Bird Supplies", stored[2].Path);
        Assert.Equal("Bird Supplies", stored[2].Name);
        Assert.Equal(["1", "2", "3"], stored.Select(c => c.ExternalId));
        Assert.Equal(stored[2].Id, result.IdsByPath["Animals > Pet Supplies > Bird Supplies"]);
    }

    [Fact]
    public async Task Merge_keeps_existing_ids_and_labels_adds_new_nodes_fills_external_ids()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var before = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "Animals > Pet Supplies");
        var product = await TestCatalogue.AddProductAsync(db, catalogue.Id, "bird seed");
        await TestCatalogue.AddReferenceLabelsAsync(db, product.Id, before["Animals > Pet Supplies"]);

        var result = await TaxonomyImporter.ImportAsync(db, catalogue.Id, Google("1 - Animals\n2 - Animals > Pet Supplies\n3 - Animals > Pet Supplies > Bird Supplies\n"));

        Assert.Equal((1, 3), (result.Added, result.Total));
        Assert.Equal(before["Animals"], result.IdsByPath["Animals"]);
        Assert.Equal(before["Animals > Pet Supplies"], result.IdsByPath["Animals > Pet Supplies"]);
        Assert.Equal("2", (await db.Categories.AsNoTracking().SingleAsync(c => c.Id == before["Animals > Pet Supplies"])).ExternalId);
        Assert.Equal(1, await db.ReferenceLabels.CountAsync(l => l.ProductId == product.Id));
    }

    [Fact]
    public async Task Catalogues_have_separate_trees()
    {
        await using var db = database.Open();
        var first = await TestCatalogue.CreateAsync(db);
        var second = await TestCatalogue.CreateAsync(db);

        var a = await TestCatalogue.AddCategoriesAsync(db, first.Id, "Apparel > Topwear");
        var b = await TestCatalogue.AddCategoriesAsync(db, second.Id, "Apparel > Topwear");

        Assert.Equal(2, b.Count);
        Assert.NotEqual(a["Apparel > Topwear"], b["Apparel > Topwear"]);
    }

    [Fact]
    public async Task Import_joins_the_callers_transaction()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var inside = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "Apparel > Topwear");
            Assert.Equal(2, inside.Count);
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await db.Categories.CountAsync(c => c.CatalogueId == catalogue.Id));
    }
}
