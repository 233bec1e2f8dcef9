using ProductClassifier.Core.Rules;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Rules;

public sealed class RuleAuditTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Audit_counts_pairs_once_with_ancestors_over_products_with_reference_labels()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var c = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "A > B", "A > C");
        await RuleImporter.ImportAsync(db, catalogue.Id,
            [new("r1", "A > B", RuleField.Title, ["bee"]), new("r2", "A > C", RuleField.Title, ["sea"]), new("r3", "A > C", RuleField.Title, ["never"])]);
        var p1 = await TestCatalogue.AddProductAsync(db, catalogue.Id, "bee thing");   // predicted {A, B}, truth {A, B}
        var p2 = await TestCatalogue.AddProductAsync(db, catalogue.Id, "bee and sea"); // predicted {A, B, C} (A once), truth {A, C}
        var p3 = await TestCatalogue.AddProductAsync(db, catalogue.Id, "plain");       // predicted {}, truth {A, B} (stored as leaf only)
        await TestCatalogue.AddProductAsync(db, catalogue.Id, "sea");                  // no reference labels: not evaluated
        var gone = await TestCatalogue.AddProductAsync(db, catalogue.Id, "sea", gone: true);
        await TestCatalogue.AddReferenceLabelsAsync(db, p1.Id, c["A"], c["A > B"]);
        await TestCatalogue.AddReferenceLabelsAsync(db, p2.Id, c["A"], c["A > C"]);
        await TestCatalogue.AddReferenceLabelsAsync(db, p3.Id, c["A > B"]);
        await TestCatalogue.AddReferenceLabelsAsync(db, gone.Id, c["A"], c["A > C"]);
        await RuleApplier.ApplyAsync(db, catalogue.Id);

        var report = await RuleAudit.RunAsync(db, catalogue.Id);

        // predicted 2 + 3 = 5 pairs, reference 2 + 2 + 2 = 6, agreeing 2 + 2 = 4
        Assert.Equal((3, 5L, 6L, 4L), (report.Products, report.Predicted, report.Reference, report.Correct));
        Assert.Equal(0.8, report.Precision, 6);
        Assert.Equal(4 / 6.0, report.Recall, 6);
        Assert.Equal(
            [new RuleAuditRow("r1", "A > B", 2, 1, 2), new RuleAuditRow("r2", "A > C", 1, 1, 1), new RuleAuditRow("r3", "A > C", 0, 0, 1)],
            report.Rules);
        Assert.Equal((0.5, 0.5), (report.Rules[0].Precision, report.Rules[0].Recall));
        Assert.Null(report.Rules[2].Precision);
        Assert.Equal(0.0, report.Rules[2].Recall);
    }

    [Fact]
    public async Task Catalogue_without_reference_labels_evaluates_no_products()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        await RuleImporter.ImportAsync(db, catalogue.Id, [new("r1", "A", RuleField.Title, ["a"])]);
        await TestCatalogue.AddProductAsync(db, catalogue.Id, "a");
        await RuleApplier.ApplyAsync(db, catalogue.Id);

        var report = await RuleAudit.RunAsync(db, catalogue.Id);

        Assert.Equal((0, 0.0, 0.0), (report.Products, report.Precision, report.Recall));
        Assert.Equal(0, report.Rules.Single().Fired);
    }
}
