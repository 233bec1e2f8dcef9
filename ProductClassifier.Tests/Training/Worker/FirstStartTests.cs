using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Training.Worker;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Training.Worker;

/// <summary>
/// A freshly imported demo catalogue and nothing but a worker: the first-start chain leaves it featurized, indexed for
/// similarity, with an active model, predictions and an open round — no command typed.
/// </summary>
public sealed class FirstStartTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-first-start-").FullName;

    private readonly string _name = "first-start-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        // The worker caches pretrained features under the project's .data, by catalogue name.
        var features = ProjectRoot.DataFolder("features", _name);
        if (Directory.Exists(features)) Directory.Delete(features, recursive: true);
    }

    [Fact]
    public async Task The_first_start_jobs_leave_the_demo_ready_to_label_with_neighbours_and_an_active_model()
    {
        var name = _name;
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, "data"), new DemoDatasetOptions(120, Seed: 8));
        await using var db = database.Open();
        var catalogue = (await new DatasetImporter(db, new ImageStore(Path.Combine(_folder, "images"))).ImportAsync(summary.Folder, true, name)).Catalogue;
        var first = await JobChain.QueueAsync(db, catalogue.Id, FirstStartJobs.Steps());

        await using var worker = await TestWorker.StartAsync(database, _folder,
            new Dictionary<string, string?> { ["Similarity:Folder"] = Path.Combine(_folder, "similarity") });
        var batch = await WaitForOpenRoundAsync(db, catalogue.Id);
        await worker.StopAsync();

        var jobs = await db.Jobs.AsNoTracking().Where(j => j.CatalogueId == catalogue.Id).OrderBy(j => j.Id).ToListAsync();
        Assert.All(jobs, j => Assert.True(j.Status == JobStatus.Succeeded, $"{j.Kind}: {j.Status} {j.Error}"));
        Assert.Equal([JobKinds.Featurize, JobKinds.IndexSimilarity, JobKinds.Train, JobKinds.PredictAll, JobKinds.OpenRound], jobs.Select(j => j.Kind));
        Assert.Equal(first.Id, jobs[0].Id);

        var withImage = await db.Products.CountAsync(p => p.CatalogueId == catalogue.Id && p.ImageRef != null);
        Assert.Equal(withImage, await db.ProductEmbeddings.CountAsync(e => e.Vector != null && db.Products.Any(p => p.Id == e.ProductId && p.CatalogueId == catalogue.Id)));
        Assert.True(File.Exists(Path.Combine(_folder, "similarity", name, "manifest.json")), "the similarity index was published");

        var version = await db.ModelVersions.SingleAsync(v => v.CatalogueId == catalogue.Id);
        Assert.True(version.IsActive);
        Assert.Equal(string.Join(",", FirstStartJobs.Members) + ",average", version.Members);
        Assert.Equal(120, await db.Predictions.CountAsync(p => p.ModelVersionId == version.Id));

        Assert.Equal(1, batch.Round);
        Assert.Equal(version.Id, batch.PickedWithVersionId);
        Assert.Equal(FirstStartJobs.Round.BatchSize, await db.BatchItems.CountAsync(i => i.BatchId == batch.Id));
    }

    private static async Task<LabellingBatch> WaitForOpenRoundAsync(ClassifierDb db, int catalogueId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            // The batch row is written before the open-round job records its success: wait for the job, the chain's last step.
            if (await db.Jobs.AsNoTracking().AnyAsync(j => j.CatalogueId == catalogueId && j.Kind == JobKinds.OpenRound && j.Status == JobStatus.Succeeded))
                return await db.LabellingBatches.AsNoTracking().SingleAsync(b => b.CatalogueId == catalogueId);
            var failed = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.CatalogueId == catalogueId && (j.Status == JobStatus.Failed || j.Status == JobStatus.Cancelled));
            Assert.True(failed is null, $"job {failed?.Id} ({failed?.Kind}) {failed?.Status}: {failed?.Error}");
            Assert.True(DateTime.UtcNow < deadline, "no round opened within 5 minutes");
            await Task.Delay(300);
        }
    }
}
