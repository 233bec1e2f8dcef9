using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Rules;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Rules;

public sealed class RuleApplierTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Fired_rule_labels_its_category_and_every_ancestor_with_its_id()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        await RuleImporter.ImportAsync(db, catalogue.Id,
            [new("r1", "Apparel > Topwear > Tshirts", RuleField.Title, ["tshirt"]), new("r2", "Apparel > Topwear", RuleField.Description, ["cotton top"])]);
        var ids = await db.Categories.Where(c => c.CatalogueId == catalogue.Id).ToDictionaryAsync(c => c.Path, c => c.Id);
        var rules = await db.Rules.Where(r => r.CatalogueId == catalogue.Id).ToDictionaryAsync(r => r.Code, r => r.Id);
        var both = await TestCatalogue.AddProductAsync(db, catalogue.Id, "Men Tshirt", "a cotton top");
        var none = await TestCatalogue.AddProductAsync(db, catalogue.Id, "Men Shirt", "a cotton shirt");
        var gone = await TestCatalogue.AddProductAsync(db, catalogue.Id, "Old Tshirt", gone: true);

        var result = await RuleApplier.ApplyAsync(db, catalogue.Id);

        var labels = await db.RuleLabels.Where(l => l.ProductId == both.Id || l.ProductId == none.Id || l.ProductId == gone.Id)
            .Select(l => new { l.ProductId, l.CategoryId, l.RuleId }).ToListAsync();
        Assert.Equal(new[]
            {
                (ids["Apparel"], rules["r1"]), (ids["Apparel > Topwear"], rules["r1"]), (ids["Apparel > Topwear > Tshirts"], rules["r1"]),
                (ids["Apparel"], rules["r2"]), (ids["Apparel > Topwear"], rules["r2"]),
            }.OrderBy(x => x).ToList(),
            labels.Where(l => l.ProductId == both.Id).Select(l => (l.CategoryId, l.RuleId)).OrderBy(x => x).ToList());
        Assert.DoesNotContain(labels, l => l.ProductId == none.Id || l.ProductId == gone.Id);
        Assert.Equal(new RuleApplyResult(2, 2, 1, 5), result);
    }

    [Fact]
    public async Task Applying_again_replaces_the_catalogues_labels()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var other = await TestCatalogue.CreateAsync(db);
        await RuleImporter.ImportAsync(db, catalogue.Id, [new("r1", "Bags", RuleField.Title, ["bag"])]);
        await RuleImporter.ImportAsync(db, other.Id, [new("r1", "Bags", RuleField.Title, ["bag"])]);
        var product = await TestCatalogue.AddProductAsync(db, catalogue.Id, "Laptop Bag");
        var otherProduct = await TestCatalogue.AddProductAsync(db, other.Id, "Laptop Bag");
        await RuleApplier.ApplyAsync(db, catalogue.Id);
        await RuleApplier.ApplyAsync(db, other.Id);

        await RuleImporter.ImportAsync(db, catalogue.Id, [new("r1", "Bags", RuleField.Title, ["backpack"])]);
        var again = await RuleApplier.ApplyAsync(db, catalogue.Id);

        Assert.Equal(0, again.Labels);
        Assert.Equal(0, await db.RuleLabels.CountAsync(l => l.ProductId == product.Id));
        Assert.Equal(1, await db.RuleLabels.CountAsync(l => l.ProductId == otherProduct.Id));
    }
}
