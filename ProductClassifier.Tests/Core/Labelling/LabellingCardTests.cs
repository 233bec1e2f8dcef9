using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Rules;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class LabellingCardTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_card_shows_the_product_the_active_models_prediction_and_the_rules_that_fired()
    {
        var round = await TestRound.CreateAsync(database, items: 2);
        var (product, shirts, clothing) = (round.Products[0], round.Categories["Clothing > Shirts"], round.Categories["Clothing"]);
        await using (var db = database.Open())
        {
            var row = await db.Products.FindAsync(product);
            (row!.Brand, row.Merchant, row.Price, row.Currency, row.ImageRef) = ("Acme", "Shop", 19.99m, "EUR", "a/1.jpg");
            row.Attributes = """{"colour": "red", "size": 42}""";
            var active = new ModelVersion { CatalogueId = round.CatalogueId, Number = 3, Folder = "v3", Members = "meta", IsActive = true };
            db.ModelVersions.Add(active);
            var rule = new Rule { CatalogueId = round.CatalogueId, Code = "r7", CategoryId = shirts, Field = "title", Terms = ["shirt", "tee"] };
            db.Rules.Add(rule);
            await db.SaveChangesAsync();
            db.Predictions.Add(new Prediction
            {
                ProductId = product,
                ModelVersionId = active.Id,
                Categories = $$"""[{"categoryId": {{shirts}}, "path": "Clothing > Shirts", "probability": 0.91}]"""
            });
            db.RuleLabels.AddRange(new RuleLabel { ProductId = product, CategoryId = shirts, RuleId = rule.Id },
                new RuleLabel { ProductId = product, CategoryId = clothing, RuleId = rule.Id });
            await db.SaveChangesAsync();
        }

        var item = await round.Queue().NextAsync(round.CatalogueId, "ann");

        Assert.NotNull(item);
        Assert.Equal((product, "item 0", "Acme", "Shop", 19.99m, "EUR", "a/1.jpg"),
            (item.Product.Id, item.Product.Title, item.Product.Brand, item.Product.Merchant, item.Product.Price, item.Product.Currency, item.Product.ImageRef));
        Assert.Equal(new Dictionary<string, string> { ["colour"] = "red", ["size"] = "42" }, item.Product.Attributes);
        Assert.Equal((1, 2, 3), (item.Position, item.Total, item.ModelVersion));
        Assert.Equal(new[] { new PredictedCategory(shirts, "Clothing > Shirts", 0.91) }, item.Predictions);
        Assert.Equal(new[] { clothing, shirts }, item.RuleLabels.Select(l => l.Id));
        var fired = Assert.Single(item.FiredRules);
        Assert.Equal(("r7", "title", shirts), (fired.Code, fired.Field, fired.Category.Id));
        Assert.Equal(new[] { "shirt", "tee" }, fired.Terms);
        Assert.Null(item.PreviousDecision);
    }

    [Fact]
    public async Task Peeking_at_the_next_item_leases_nothing()
    {
        var round = await TestRound.CreateAsync(database, items: 3);
        var queue = round.Queue();
        var current = await queue.NextAsync(round.CatalogueId, "ann");

        var peeked = await queue.PeekNextAsync(round.CatalogueId, "ann");
        var bobs = await queue.NextAsync(round.CatalogueId, "bob");
        await queue.DecideAsync("ann", current!.Product.Id, []);
        var annsNext = await queue.NextAsync(round.CatalogueId, "ann");

        Assert.Equal(round.Products[1], peeked!.Product.Id);
        Assert.Null(peeked.LeaseExpiresAt);
        Assert.Equal(round.Products[1], bobs!.Product.Id);
        Assert.Equal(round.Products[2], annsNext!.Product.Id);
    }
}
