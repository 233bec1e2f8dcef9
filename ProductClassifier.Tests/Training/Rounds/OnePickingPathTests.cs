using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Rounds;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Pipeline;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Training.Rounds;

/// <summary>
/// The app's labelling rounds pick their batches on the very path the simulation measured: given the same model, pool,
/// human labels and seed, an app round (through the database) and a simulated round (in memory) pick the same products
/// in the same order with the same inclusion probabilities.
/// </summary>
public sealed class OnePickingPathTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private const int Pool = 150, Batch = 15, Seed = 5;
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-picking-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(QueryStrategy.UncertaintyDisagreement)]
    [InlineData(QueryStrategy.Random)]
    public async Task An_app_round_and_a_simulated_round_pick_the_same_products_with_the_same_inclusion_probabilities(QueryStrategy strategy)
    {
        await using var db = database.Open();
        var (catalogue, models, version) = await CatalogueWithActiveModelAsync(db, strategy.ToName());
        var labelled = await LabelSomeOfThePoolAsync(db, catalogue);

        var rounds = new LabellingRounds(db, models, c => CorpusLoader.FromDatabaseAsync(db, c, _ => null), _ => null, NullMetricsSink.Instance)
        { Pool = Pool };
        var batch = await rounds.OpenAsync(catalogue, strategy, Batch, Seed, CancellationToken.None);
        var app = await db.BatchItems.Where(i => i.BatchId == batch.Id).OrderBy(i => i.Position)
            .Select(i => new { i.ProductId, i.InclusionProbability }).ToListAsync();

        var corpus = await CorpusLoader.FromDatabaseAsync(db, catalogue, _ => null);
        using var classifier = TrainedClassifier.Load(models.PathOf(version));
        var features = await classifier.FeaturesAsync(corpus.Products, null, CancellationToken.None);
        var split = CorpusSplit.Of(corpus);
        // Not disposed: the setup's ensemble is the classifier's, which the using above disposes.
        var setup = new SimulationSetup(corpus, features, split, RoundPool.Candidates(corpus, split.Development, Pool,
            i => corpus.ReferenceLabels[i] is not null), classifier.Ensemble, 0, TimeSpan.Zero, null);
        using var run = new SimulationRun(setup, new SimulationOptions { BatchSize = Batch, Pool = Pool }, strategy, Seed);
        var simulated = run.PickBatch(round: 1).Select(p => new { ProductId = corpus.Products[p.Index].Id, p.InclusionProbability }).ToList();

        Assert.Equal(Batch, app.Count);
        Assert.Equal(simulated.Select(p => p.ProductId), app.Select(p => p.ProductId));
        Assert.Equal(simulated.Select(p => p.InclusionProbability), app.Select(p => p.InclusionProbability));
        Assert.Empty(app.Select(p => p.ProductId).Intersect(labelled));
        if (strategy == QueryStrategy.Random) Assert.All(app, p => Assert.Equal((double)Batch / (Pool - labelled.Count), p.InclusionProbability, 12));
        else Assert.True(app.Select(p => p.InclusionProbability).Distinct().Count() > 1, "scored picks carry their own probabilities");
    }

    private async Task<(Catalogue, ModelStore, ModelVersion)> CatalogueWithActiveModelAsync(ClassifierDb db, string name)
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, name, "data"), new DemoDatasetOptions(300, Seed: 6));
        var imported = await new DatasetImporter(db, new ImageStore(Path.Combine(_folder, name, "images")))
            .ImportAsync(summary.Folder, groundTruth: true, "picking-" + name);
        var corpus = await CorpusLoader.FromDatabaseAsync(db, imported.Catalogue, _ => null);
        var request = new TrainRequest(PreprocessingConfig.Defaults()) { Models = ["linear", "wide-deep"], Folds = 0, Epochs = 2 };
        var models = new ModelStore(Path.Combine(_folder, name, "models"));
        var (version, _, _) = await new VersionTrainer(db, models, NullMetricsSink.Instance, null)
            .TrainAsync(imported.Catalogue, corpus, request, true, Path.Combine(_folder, name, "checkpoints"), CancellationToken.None);
        return (imported.Catalogue, models, version);
    }

    /// <summary>A labeller's decisions, outside any round, on a sixth of the pool: both paths must pass over them.</summary>
    private static async Task<List<long>> LabelSomeOfThePoolAsync(ClassifierDb db, Catalogue catalogue)
    {
        var corpus = await CorpusLoader.FromDatabaseAsync(db, catalogue, _ => null);
        var pool = RoundPool.Candidates(corpus, CorpusSplit.Of(corpus).Development, Pool);
        var labelled = pool.Where((_, i) => i % 6 == 0).Select(i => corpus.Products[i].Id).ToList();
        foreach (var product in labelled)
            db.LabelDecisions.Add(new LabelDecision
            {
                ProductId = product,
                Labeller = "earlier",
                PositiveCategoryIds = await db.ReferenceLabels.Where(l => l.ProductId == product).Select(l => l.CategoryId).ToArrayAsync(),
            });
        await db.SaveChangesAsync();
        return labelled;
    }
}
