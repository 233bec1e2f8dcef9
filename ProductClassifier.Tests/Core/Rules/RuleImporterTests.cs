using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Rules;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Rules;

public sealed class RuleImporterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static RuleDefinition Rule(string code, string category, params string[] terms) => new(code, category, RuleField.Title, terms);

    [Fact]
    public async Task Import_creates_categories_the_taxonomy_lacks_with_their_ancestors()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var existing = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "Apparel > Topwear");

        var result = await RuleImporter.ImportAsync(db, catalogue.Id, [Rule("r1", "Apparel > Topwear", "top"), Rule("r2", "Footwear > Shoes", "shoe")]);

        Assert.Equal(["Footwear", "Footwear > Shoes"], result.CreatedCategories);
        Assert.Equal(2, result.Added);
        var rules = await db.Rules.Where(r => r.CatalogueId == catalogue.Id).OrderBy(r => r.Code).ToListAsync();
        Assert.Equal(existing["Apparel > Topwear"], rules[0].CategoryId);
        Assert.Equal("Footwear > Shoes", (await db.Categories.SingleAsync(c => c.Id == rules[1].CategoryId)).Path);
        Assert.Equal("title", rules[1].Field);
        Assert.Equal(["shoe"], rules[1].Terms);
    }

    [Fact]
    public async Task Reimport_keeps_ids_updates_changed_rules_and_removes_dropped_ones()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        await RuleImporter.ImportAsync(db, catalogue.Id, [Rule("r1", "A", "a"), Rule("r2", "B", "b"), Rule("r3", "C", "c")]);
        var idsBefore = await db.Rules.AsNoTracking().Where(r => r.CatalogueId == catalogue.Id).ToDictionaryAsync(r => r.Code, r => r.Id);

        var same = await RuleImporter.ImportAsync(db, catalogue.Id, [Rule("r1", "A", "a"), Rule("r2", "B", "b"), Rule("r3", "C", "c")]);
        var changed = await RuleImporter.ImportAsync(db, catalogue.Id, [Rule("r1", "A", "a"), Rule("r2", "B", "b", "bb")]);

        Assert.Equal((0, 0, 0), (same.Added, same.Updated, same.Removed));
        Assert.Equal((0, 1, 1), (changed.Added, changed.Updated, changed.Removed));
        var after = await db.Rules.AsNoTracking().Where(r => r.CatalogueId == catalogue.Id).OrderBy(r => r.Code).ToListAsync();
        Assert.Equal(["r1", "r2"], after.Select(r => r.Code));
        Assert.Equal([idsBefore["r1"], idsBefore["r2"]], after.Select(r => r.Id));
        Assert.Equal(["b", "bb"], after[1].Terms);
    }
}
