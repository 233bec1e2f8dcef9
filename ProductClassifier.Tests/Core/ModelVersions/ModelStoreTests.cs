using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.ModelVersions;

public sealed class ModelStoreTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-models-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Trainings_of_one_catalogue_at_once_never_share_a_version_number_or_folder()
    {
        var models = new ModelStore(_folder);
        Catalogue catalogue;
        await using (var db = database.Open()) catalogue = await TestCatalogue.CreateAsync(db);

        // Eight trainings finishing together, each on its own connection, none registered yet.
        var reserved = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var db = database.Open();
            return await models.NextFolderAsync(db, catalogue, CancellationToken.None);
        })));

        Assert.Equal(Enumerable.Range(1, 8), reserved.Select(r => r.Number).Order());
        Assert.Equal(8, reserved.Select(r => r.Folder).Distinct().Count());
        Assert.All(reserved, r => Assert.True(Directory.Exists(Path.Combine(_folder, r.Folder))));
    }

    [Fact]
    public async Task A_worker_whose_job_was_taken_from_it_registers_nothing()
    {
        var models = new ModelStore(_folder);
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var queue = new JobQueue(db);
        var job = await queue.EnqueueAsync(catalogue.Id, "train-" + catalogue.Name);
        await queue.ClaimAsync("first", ["train-" + catalogue.Name]);
        var (number, folder) = await models.NextFolderAsync(db, catalogue, CancellationToken.None);
        // The first worker went quiet; its job was recovered and claimed by another.
        await queue.RecoverStaleAsync(TimeSpan.Zero);
        await queue.ClaimAsync("second", ["train-" + catalogue.Name]);

        await Assert.ThrowsAsync<JobLostException>(() => models.RegisterAsync(db, catalogue,
            new VersionRegistration(number, folder, "linear", "{}", "cpu") { Owner = new JobOwnership(job.Id, "first") }, activate: true,
            CancellationToken.None));
        db.ChangeTracker.Clear();

        Assert.False(await db.ModelVersions.AnyAsync(v => v.CatalogueId == catalogue.Id));
        var kept = await models.RegisterAsync(db, catalogue,
            new VersionRegistration(number, folder, "linear", "{}", "cpu") { Owner = new JobOwnership(job.Id, "second") }, activate: true,
            CancellationToken.None);
        Assert.True(kept.IsActive);
    }
}
