using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Training.Worker;

namespace ProductClassifier.Tests.Training.Learning;

/// <summary>The learned image embedding: trained by a worker job on labellers' decisions, versioned, indexed when chosen.</summary>
public sealed class EmbeddingLearningTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-embedding-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_train_embedding_job_trains_and_versions_the_head_which_puts_same_leaf_products_closer_than_the_pretrained_features()
    {
        await using var db = database.Open();
        var (catalogue, products) = await NuisanceCatalogueAsync(db);
        var models = new ModelStore(Path.Combine(_folder, "models"));
        var handler = new TrainEmbeddingJobHandler(models);

        await RunAsync(db, handler, catalogue.Id, """{"epochs": 40}""");

        var version = Assert.Single(LearnedEmbedding.Versions(models.Root, catalogue.Name));
        Assert.Equal(1, version.Number);
        var head = LearnedEmbedding.Load(version.Folder);
        Assert.Equal((512, LearnedEmbedding.Dimensions), (head.InputDimensions, head.OutputDimensions));
        var info = LearnedEmbedding.ReadInfo(version.Folder)!;
        // Trained on decisions of the development split only: not the test split, not the products with reference labels alone.
        Assert.Equal(products.Count(p => p.Decided && !p.Test), info.Products);
        Assert.True(info.FinalLoss < info.FirstLoss - 0.05, $"loss {info.FirstLoss} -> {info.FinalLoss}");

        var ids = products.Select(p => p.Id).ToList();
        var learned = await db.ProductEmbeddings.AsNoTracking().Where(e => e.Model == LearnedEmbedding.Model && ids.Contains(e.ProductId))
            .ToDictionaryAsync(e => e.ProductId);
        Assert.Equal(products.Count, learned.Count); // every product with a pretrained embedding, test split included
        var sample = products[7];
        Assert.Equal(head.Apply(sample.Vector), learned[sample.Id].Vector);
        Assert.Equal(1f, ExactSearch.Dot(learned[sample.Id].Vector, learned[sample.Id].Vector), 3);
        Assert.True(await db.Jobs.AnyAsync(j => j.CatalogueId == catalogue.Id && j.Kind == JobKinds.IndexSimilarity && j.Status == JobStatus.Queued));

        // Judged on reference labels of test-split products, which training never saw.
        var comparison = await SimilarityEvaluation.CompareAsync(db, catalogue.Id, [ImageFeaturizer.Model, LearnedEmbedding.Model], k: 5);
        var (pretrained, learnedScore) = (comparison.Scores[0].Agreement, comparison.Scores[1].Agreement);
        Assert.Equal(products.Count(p => p.Test), comparison.Queries);
        Assert.True(pretrained.Leaf < 0.4, $"pretrained leaf agreement {pretrained.Leaf}: the nuisance directions should dominate");
        Assert.True(learnedScore.Leaf > pretrained.Leaf + 0.3, $"learned leaf {learnedScore.Leaf} vs pretrained {pretrained.Leaf}");
        Assert.True(learnedScore.TopLevel >= learnedScore.SecondLevel && learnedScore.SecondLevel >= learnedScore.Leaf);

        // A second run is a new version beside the first, and rewrites the learned rows.
        await RunAsync(db, handler, catalogue.Id, """{"epochs": 2, "seed": 5}""");
        Assert.Equal([1, 2], LearnedEmbedding.Versions(models.Root, catalogue.Name).Select(v => v.Number));
        var second = LearnedEmbedding.Load(LearnedEmbedding.Versions(models.Root, catalogue.Name)[1].Folder);
        Assert.Equal(second.Apply(sample.Vector), await EmbeddingStore.VectorAsync(db, sample.Id, LearnedEmbedding.Model));

        // With the learned embedding chosen, its index is built, and an upload's pretrained features go through the
        // newest head: the product's own image finds the product.
        var options = Options.Create(new SimilarityOptions
        {
            Folder = Path.Combine(_folder, "similarity"),
            Embedding = SimilarityEmbedding.Learned,
            ReloadCheckInterval = TimeSpan.Zero,
        });
        using var indexes = new SimilarityIndexes(options);
        await RunAsync(db, new IndexSimilarityJobHandler(indexes), catalogue.Id);
        var found = await new SimilarProducts(indexes, new LearnedEmbeddings(models.Root)).LikeVectorAsync(catalogue.Name, sample.Vector, SimilarityEmbedding.Learned, 1);
        Assert.Equal(sample.Id, found.Single().ProductId);
        Assert.Equal(0, found.Single().Distance, 3);
    }

    [Fact]
    public async Task The_index_similarity_job_indexes_the_embedding_that_Similarity_Embedding_chooses()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var ids = new List<long>();
        for (var i = 0; i < 30; i++) ids.Add((await TestCatalogue.AddProductAsync(db, catalogue.Id, $"p{i}")).Id);
        var pretrained = Unit(30, 512, seed: 1);
        var learned = Unit(20, LearnedEmbedding.Dimensions, seed: 2);
        await EmbeddingStore.SaveAsync(db, catalogue.Id, ImageFeaturizer.Model, ids.Select((id, i) => (id, pretrained[i])).ToList());
        await EmbeddingStore.SaveAsync(db, catalogue.Id, LearnedEmbedding.Model, ids.Take(20).Select((id, i) => (id, learned[i])).ToList());

        foreach (var embedding in new[] { SimilarityEmbedding.Learned, SimilarityEmbedding.Pretrained })
        {
            var options = Options.Create(new SimilarityOptions { Folder = _folder, Embedding = embedding, ReloadCheckInterval = TimeSpan.Zero });
            using var indexes = new SimilarityIndexes(options);
            await RunAsync(db, new IndexSimilarityJobHandler(indexes), catalogue.Id);

            var reader = indexes.Reader(catalogue.Name);
            var (count, vectors) = embedding == SimilarityEmbedding.Learned ? (20, learned) : (30, pretrained);
            Assert.Equal(count, await reader.CountAsync());
            Assert.Equal(ids[13], (await reader.SearchAsync(new SimilarityQuery(vectors[13], 1))).Single().ProductId);
            // A product's neighbours are looked up by its vector of the chosen embedding (the other one's width would not fit).
            var like = await new SimilarProducts(indexes).LikeProductAsync(db, ids[5], 30);
            Assert.Equal(count - 1, like!.Count);
        }
        Assert.True(Directory.Exists(Path.Combine(_folder, SimilarityOptions.SafeName(catalogue.Name) + ".learned")));
        Assert.True(Directory.Exists(Path.Combine(_folder, SimilarityOptions.SafeName(catalogue.Name))));
    }

    [Fact]
    public void A_damaged_head_file_is_refused_with_its_path()
    {
        var head = new LearnedEmbedding([[1f, 0f], [0f, 1f]], [0f, 0f], [[1f, 1f]], [0f]);
        var folder = Path.Combine(_folder, "v1");
        head.Save(folder, new LearnedEmbeddingInfo(1, DateTime.UtcNow, "test", 0, 0, 0, 0, "none"));
        Assert.Equal(head.Apply([3f, 4f]), LearnedEmbedding.Load(folder).Apply([3f, 4f]));

        var path = Path.Combine(folder, "head.bin");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^4]);
        var error = Assert.Throws<ProductClassifier.Core.UserFacingException>(() => LearnedEmbedding.Load(folder));
        Assert.Contains(path, error.Message);
    }

    private static async Task RunAsync(ProductClassifier.Core.Data.ClassifierDb db, IJobHandler handler, int catalogueId, string parameters = "{}")
    {
        var job = await new JobQueue(db).EnqueueAsync(catalogueId, handler.Kind, parameters);
        await handler.RunAsync(new JobContext(job, db, Path.GetTempPath(), null), CancellationToken.None);
    }

    private sealed record Item(long Id, float[] Vector, bool Test, bool Decided);

    /// <summary>
    /// 8 leaves (2 top-level × 2 level-2 × 2 leaves), 36 products each, whose pretrained-like features vary most along
    /// 16 nuisance directions (think colour, pose, background) unrelated to the category, with a weaker direction per
    /// top-level, level-2 and leaf category. Every fifth product has reference labels only; the rest a labeller's decision too.
    /// </summary>
    private static async Task<(ProductClassifier.Core.Catalog.Catalogue, List<Item>)> NuisanceCatalogueAsync(ProductClassifier.Core.Data.ClassifierDb db)
    {
        var catalogue = await TestCatalogue.CreateAsync(db);
        var leaves = (from t in new[] { "T0", "T1" } from m in new[] { "M0", "M1" } from l in new[] { "L0", "L1" } select $"{t} > {t}{m} > {t}{m}{l}").ToArray();
        var c = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, leaves);
        var random = new Random(3);
        var nuisance = Unit(16, 512, seed: 4);
        var directions = c.Keys.ToDictionary(path => path, path => Unit(1, 512, seed: 100 + c[path])[0]);
        var items = new List<Item>();
        var rows = new List<(long, float[])>();
        for (var i = 0; i < leaves.Length * 36; i++)
        {
            var leaf = leaves[i % leaves.Length];
            var parts = leaf.Split(" > ");
            var (top, middle) = (parts[0], $"{parts[0]} > {parts[1]}");
            var product = await TestCatalogue.AddProductAsync(db, catalogue.Id, $"p{i}");
            var vector = new float[512];
            foreach (var direction in nuisance)
            {
                var amount = 0.5f * Gaussian(random);
                for (var d = 0; d < 512; d++) vector[d] += amount * direction[d];
            }
            for (var d = 0; d < 512; d++)
                vector[d] += 0.35f * (directions[top][d] + directions[middle][d] + directions[leaf][d]) + 0.04f * (float)(random.NextDouble() * 2 - 1);
            ExactSearch.Normalize(vector);
            await TestCatalogue.AddReferenceLabelsAsync(db, product.Id, c[top], c[middle], c[leaf]);
            var decided = i % 5 != 0;
            if (decided) db.LabelDecisions.Add(new LabelDecision { ProductId = product.Id, Labeller = "ann", PositiveCategoryIds = [c[leaf]] });
            items.Add(new Item(product.Id, vector, StableSplit.IsTest($"{product.Source}:{product.ExternalId}"), decided));
            rows.Add((product.Id, vector));
        }
        await db.SaveChangesAsync();
        await EmbeddingStore.SaveAsync(db, catalogue.Id, ImageFeaturizer.Model, rows);
        return (catalogue, items);
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    private static float[][] Unit(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var vector = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            ExactSearch.Normalize(vector);
            return vector;
        }).ToArray();
    }
}
