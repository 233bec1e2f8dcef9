using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductClassifier.Core;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Training.Worker;
using ProductClassifier.Web.Similarity;

namespace ProductClassifier.Tests.Web.Similarity;

/// <summary>
/// Choosing the embedding at run time: the choice queues an index-similarity job, which builds the chosen embedding's
/// index as a worker would, and the running web app answers from it after the job, with no restart.
/// </summary>
public sealed class EmbeddingSwitchTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-images-");
    private readonly PublishedIndex _index = new();

    public void Dispose()
    {
        _images.Delete(recursive: true);
        _index.Dispose();
    }

    [Fact]
    public async Task Choosing_an_embedding_queues_its_index_and_the_running_app_searches_it_once_the_job_published_it()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var titles = new[] { "query", "a", "b", "c" };
        var ids = new List<long>();
        foreach (var title in titles) ids.Add((await TestCatalogue.AddProductAsync(db, catalogue.Id, title)).Id);
        // The pretrained embedding puts a, b, c in that order from the query; the learned one the other way round.
        double[] pretrainedAngles = [0, 0.1, 0.5, 0.9], learnedAngles = [0, 0.9, 0.5, 0.1];
        await EmbeddingStore.SaveAsync(db, catalogue.Id, ImageFeaturizer.Model,
            ids.Select((id, i) => (id, PublishedIndex.AtAngle(pretrainedAngles[i], i + 1))).ToList());
        using var worker = new SimilarityIndexes(Options.Create(new SimilarityOptions { Folder = _index.Folder }));
        await RunQueuedAsync(db, await new JobQueue(db).EnqueueAsync(catalogue.Id, JobKinds.IndexSimilarity), worker);
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName, _index.Settings());
        using var admin = await app.SignedInClientAsync(Roles.Admin);
        Assert.Equal(("a b c", "pretrained"), await NeighboursAsync(admin, ids[0]));

        // A head was trained meanwhile (its vectors are in Postgres, its index not built yet); an admin chooses it.
        await EmbeddingStore.SaveAsync(db, catalogue.Id, LearnedEmbedding.Model,
            ids.Select((id, i) => (id, Learned(learnedAngles[i], i + 1))).ToList());
        var job = await EmbeddingChoice.ChooseAsync(db, catalogue, SimilarityEmbedding.Learned, "admin");

        Assert.Equal((JobKinds.IndexSimilarity, JobStatus.Queued), (job.Kind, job.Status));
        Assert.Equal(job.Id, (await db.Jobs.AsNoTracking().SingleAsync(j => j.CatalogueId == catalogue.Id && j.Status == JobStatus.Queued)).Id);
        Assert.Equal(("a b c", "pretrained"), await NeighboursAsync(admin, ids[0])); // until its index is published

        await RunQueuedAsync(db, job, worker);

        Assert.Equal(("c b a", "learned"), await NeighboursAsync(admin, ids[0]));
        Assert.Equal(4, await worker.Reader(catalogue.Name, SimilarityEmbedding.Learned).CountAsync());

        // And back: the pretrained index was kept up to date, so the switch back is one more job.
        await RunQueuedAsync(db, await EmbeddingChoice.ChooseAsync(db, catalogue, SimilarityEmbedding.Pretrained, "admin"), worker);
        Assert.Equal(("a b c", "pretrained"), await NeighboursAsync(admin, ids[0]));

        async Task<(string, string)> NeighboursAsync(HttpClient client, long product)
        {
            var response = (await client.GetFromJsonAsync<SimilarResponse>($"/api/products/{product}/similar?k=3", JsonSerializerOptions.Web))!;
            return (string.Join(' ', response.Products.Select(p => p.Title)), response.Embedding);
        }
    }

    [Fact]
    public async Task The_learned_embedding_cannot_be_chosen_before_one_was_trained()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);

        var error = await Assert.ThrowsAsync<UserFacingException>(() => EmbeddingChoice.ChooseAsync(db, catalogue, SimilarityEmbedding.Learned, "admin"));

        Assert.Contains(catalogue.Name, error.Message);
        Assert.False(await db.Jobs.AnyAsync(j => j.CatalogueId == catalogue.Id));
        Assert.Equal(SimilarityEmbedding.Pretrained, (await EmbeddingChoice.StateAsync(db, catalogue.Id, SimilarityEmbedding.Pretrained)).Chosen);
    }

    /// <summary>Runs a queued index-similarity job as a worker does: claimed, handled, finished.</summary>
    private static async Task RunQueuedAsync(ClassifierDb db, Job job, SimilarityIndexes indexes)
    {
        var queue = new JobQueue(db);
        var claimed = await queue.ClaimAsync("test-worker", [JobKinds.IndexSimilarity]);
        Assert.Equal(job.Id, claimed?.Id);
        await new IndexSimilarityJobHandler(indexes).RunAsync(new JobContext(claimed!, db, Path.GetTempPath(), null), CancellationToken.None);
        Assert.True(await queue.FinishAsync(claimed!.Id, "test-worker", JobStatus.Succeeded));
    }

    /// <summary>A learned-width unit vector at <paramref name="angle"/> radians from the first axis, towards <paramref name="axis"/>.</summary>
    private static float[] Learned(double angle, int axis)
    {
        var vector = new float[LearnedEmbedding.Dimensions];
        vector[0] = (float)Math.Cos(angle);
        vector[axis] += (float)Math.Sin(angle);
        return vector;
    }
}
