using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Rules;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Tests.Web;

/// <summary>
/// A small kitchen-and-toys catalogue with rules, ground truth (reference labels, and one labeller's decision) and two
/// model versions scored by the real evaluator from chosen probabilities: v1 from training, v2 from round 1 (active),
/// better on Cookware and worse on Puzzles. Each test class builds its own.
/// </summary>
internal sealed record ScoredCatalogue(Catalogue Catalogue, IReadOnlyDictionary<string, int> Categories, IReadOnlyDictionary<string, long> Products,
    ModelVersion V1, ModelVersion V2)
{
    public const string Cookware = "Home > Kitchen > Cookware", Tableware = "Home > Kitchen > Tableware", Puzzles = "Toys > Puzzles";

    /// <summary>Each product's true leaf (null: none, "decided" ones by a labeller), and its probabilities per leaf in v1 and v2.</summary>
    private static readonly (string Title, string? Truth, bool Decided, Dictionary<string, (double V1, double V2)> P)[] Seed =
    [
        ("steel frying pan", Cookware, false, new() { [Cookware] = (0.9, 0.95) }),
        ("cast iron pan", Cookware, false, new() { [Cookware] = (0.3, 0.8) }),
        ("saucepan with lid", Cookware, false, new() { [Cookware] = (0.6, 0.7) }),
        ("pan-shaped cup", Tableware, false, new() { [Cookware] = (0.8, 0.2), [Tableware] = (0.4, 0.7) }),
        ("ceramic cup", Tableware, false, new() { [Tableware] = (0.9, 0.9) }),
        ("tea cup set", Tableware, false, new() { [Tableware] = (0.7, 0.8) }),
        ("wooden puzzle", Puzzles, false, new() { [Puzzles] = (0.9, 0.3) }),
        ("jigsaw", Puzzles, false, new() { [Puzzles] = (0.45, 0.45) }),
        ("puzzle mug", Tableware, false, new() { [Tableware] = (0.2, 0.6), [Puzzles] = (0.55, 0.35) }),
        ("enamel pan", Cookware, true, new() { [Cookware] = (0.7, 0.9) }),
    ];

    public static async Task<ScoredCatalogue> CreateAsync(ClassifierDb db)
    {
        var catalogue = await TestCatalogue.CreateAsync(db);
        var categories = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, Cookware, Tableware, Puzzles);
        await RuleImporter.ImportAsync(db, catalogue.Id,
            [new("r-pan", Cookware, RuleField.Title, ["pan"]), new("r-cup", Tableware, RuleField.Title, ["cup"]), new("r-puzzle", Puzzles, RuleField.Title, ["puzzle"])]);
        var products = new Dictionary<string, long>();
        foreach (var (title, truth, decided, _) in Seed)
        {
            var product = await TestCatalogue.AddProductAsync(db, catalogue.Id, title);
            products[title] = product.Id;
            if (truth is null) continue;
            var lineage = Lineage(truth).Select(p => categories[p]).ToArray();
            if (decided)
            {
                db.LabelDecisions.Add(new LabelDecision { ProductId = product.Id, Labeller = "ann", PositiveCategoryIds = lineage });
                await db.SaveChangesAsync();
            }
            else await TestCatalogue.AddReferenceLabelsAsync(db, product.Id, lineage);
        }
        await RuleApplier.ApplyAsync(db, catalogue.Id);

        var corpus = await CorpusLoader.FromDatabaseAsync(db, catalogue, _ => null);
        var models = new ModelStore(Path.GetTempPath());
        var v1 = await RegisterAsync(db, models, catalogue, corpus, 1, p => p.V1, activate: false);
        var v2 = await RegisterAsync(db, models, catalogue, corpus, 2, p => p.V2, activate: true);
        db.LabellingBatches.Add(new LabellingBatch { CatalogueId = catalogue.Id, Round = 1, PickedWithVersionId = v1.Id, ResultVersionId = v2.Id });
        await db.SaveChangesAsync();
        return new ScoredCatalogue(catalogue, categories, products,
            await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == v1.Id), await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == v2.Id));
    }

    private static async Task<ModelVersion> RegisterAsync(ClassifierDb db, ModelStore models, Catalogue catalogue, Corpus corpus, int number,
        Func<(double V1, double V2), double> pick, bool activate)
    {
        var rows = Enumerable.Range(0, corpus.Products.Count).ToArray();
        var probabilities = new float[rows.Length * corpus.CategoryCount];
        foreach (var row in rows)
        {
            var seed = Seed.Single(s => s.Title == corpus.Products[row].Title);
            foreach (var (leaf, p) in seed.P)
                foreach (var path in Lineage(leaf))
                {
                    var at = row * corpus.CategoryCount + corpus.Categories.Single(c => c.Path == path).Index;
                    probabilities[at] = Math.Max(probabilities[at], (float)pick(p));
                }
        }
        var report = new ModelEvaluator(corpus).Evaluate(new Dictionary<string, float[]>
        {
            ["linear"] = probabilities,
            [ModelEvaluator.Average] = probabilities,
            [ModelEvaluator.Served] = probabilities,
        }, rows, new Dictionary<string, float[]>());
        return await models.RegisterAsync(db, catalogue, new VersionRegistration(number, $"{catalogue.Name}/v{number}", "linear,average",
            report.ToJson(), "cpu")
        { HumanLabels = number - 1, RuleLabels = 9, TestPredictions = report.TestPredictions }, activate, CancellationToken.None);
    }

    public static IEnumerable<string> Lineage(string path)
    {
        var parts = path.Split(ProductClassifier.Core.Taxonomy.Category.PathSeparator);
        return Enumerable.Range(1, parts.Length).Select(n => string.Join(ProductClassifier.Core.Taxonomy.Category.PathSeparator, parts.Take(n)));
    }
}
