using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
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

public sealed class LabellingRoundsTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-rounds-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_round_resumes_after_a_restart_and_finishing_it_activates_a_fine_tuned_version()
    {
        await using var db = database.Open();
        var (catalogue, models) = await CatalogueWithActiveModelAsync(db);
        LabellingRounds Restarted() => new(db, models, c => CorpusLoader.FromDatabaseAsync(db, c, _ => null), _ => null, new NullMetricsSink());

        var first = await Restarted().OpenAsync(catalogue, QueryStrategy.UncertaintyDisagreement, 12, seed: 3, CancellationToken.None);
        var resumed = await Restarted().OpenAsync(catalogue, QueryStrategy.Random, 30, seed: 9, CancellationToken.None);

        Assert.Equal(first.Id, resumed.Id);
        var items = await db.BatchItems.Where(i => i.BatchId == first.Id).ToListAsync();
        Assert.Equal(12, items.Count);
        Assert.All(items, i => Assert.InRange(i.InclusionProbability, 1e-9, 1));
        await Assert.ThrowsAsync<UserFacingException>(() => Restarted().FinishAsync(catalogue, CancellationToken.None));

        await LabelFromReferenceAsync(db, first, items);
        var (finished, version, report) = await Restarted().FinishAsync(catalogue, CancellationToken.None);

        Assert.Equal(first.Id, finished.Id);
        Assert.True(version.IsActive);
        Assert.Equal(2, version.Number);
        Assert.Contains(report.Models, m => m.Model == "ensemble");
        Assert.False(await db.ModelVersions.AnyAsync(v => v.CatalogueId == catalogue.Id && v.IsActive && v.Id != version.Id));

        var second = await Restarted().OpenAsync(catalogue, QueryStrategy.Uncertainty, 12, seed: 3, CancellationToken.None);
        Assert.Equal(2, second.Round);
        var secondProducts = await db.BatchItems.Where(i => i.BatchId == second.Id).Select(i => i.ProductId).ToListAsync();
        Assert.Empty(secondProducts.Intersect(items.Select(i => i.ProductId)));
    }

    [Fact]
    public async Task Finishing_a_round_twice_at_once_registers_one_version_and_the_second_changes_nothing()
    {
        await using var db = database.Open();
        var (catalogue, models) = await CatalogueWithActiveModelAsync(db);
        var round = await new LabellingRounds(db, models, c => CorpusLoader.FromDatabaseAsync(db, c, _ => null), _ => null, new NullMetricsSink())
            .OpenAsync(catalogue, QueryStrategy.Uncertainty, 12, seed: 3, CancellationToken.None);
        await LabelFromReferenceAsync(db, round, await db.BatchItems.Where(i => i.BatchId == round.Id).ToListAsync());

        // Two workers (or a double click) finish the same round, each with its own connection.
        var finishes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var own = database.Open();
            try
            {
                var (_, version, _) = await new LabellingRounds(own, models, c => CorpusLoader.FromDatabaseAsync(own, c, _ => null), _ => null,
                    new NullMetricsSink()).FinishAsync(catalogue, CancellationToken.None);
                return (Version: (ModelVersion?)version, Refused: (UserFacingException?)null);
            }
            catch (UserFacingException e) // RoundAlreadyFinishedException, or no open round left when the other was far ahead
            {
                return (Version: null, Refused: e);
            }
        })));

        var winner = Assert.Single(finishes, f => f.Version is not null).Version!;
        Assert.Single(finishes, f => f.Refused is not null);
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.CatalogueId == catalogue.Id).ToListAsync();
        Assert.Equal(2, versions.Count); // the first model and the round's
        Assert.Equal(winner.Id, (await db.LabellingBatches.AsNoTracking().SingleAsync(b => b.Id == round.Id)).ResultVersionId);
        Assert.True(versions.Single(v => v.Id == winner.Id).IsActive);
        // The refused finish left no folder behind: only the two registered versions' folders exist.
        Assert.Equal(versions.Select(v => Path.GetFileName(v.Folder)).Order(),
            Directory.GetDirectories(Path.Combine(models.Root, catalogue.Name)).Select(Path.GetFileName).Order());
    }

    private async Task<(Catalogue, ModelStore)> CatalogueWithActiveModelAsync(ClassifierDb db)
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, "data"), new DemoDatasetOptions(300, Seed: 4));
        var imported = await new DatasetImporter(db, new ImageStore(Path.Combine(_folder, "images")))
            .ImportAsync(summary.Folder, groundTruth: true, "rounds");
        var corpus = await CorpusLoader.FromDatabaseAsync(db, imported.Catalogue, _ => null);
        var request = new TrainRequest(PreprocessingConfig.Defaults()) { Models = ["linear", "wide-deep"], Folds = 0, Epochs = 3 };
        var (classifier, report) = await new ClassifierTrainer(new NullMetricsSink()).TrainAsync(corpus, request, CancellationToken.None);
        var models = new ModelStore(Path.Combine(_folder, "models"));
        using (classifier)
        {
            var (number, folder) = await models.NextFolderAsync(db, imported.Catalogue, CancellationToken.None);
            classifier.Save(Path.Combine(models.Root, folder));
            await models.RegisterAsync(db, imported.Catalogue, new VersionRegistration(number, folder, "linear,wide-deep", report.ToJson(), "cpu"),
                true, CancellationToken.None);
        }
        return (imported.Catalogue, models);
    }

    private static async Task LabelFromReferenceAsync(ClassifierDb db, LabellingBatch batch, List<BatchItem> items)
    {
        foreach (var item in items)
        {
            var truth = await db.ReferenceLabels.Where(l => l.ProductId == item.ProductId).Select(l => l.CategoryId).ToArrayAsync();
            db.LabelDecisions.Add(new LabelDecision { ProductId = item.ProductId, Labeller = "test", PositiveCategoryIds = truth, BatchId = batch.Id });
        }
        await db.SaveChangesAsync();
    }
}
