using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Training.Worker;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>Embeddings in Postgres, and indexes catching up with them.</summary>
public sealed class SimilaritySyncTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private const string Model = "test-model";
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-similarity-").FullName;

    private IOptions<SimilarityOptions> Options() => Microsoft.Extensions.Options.Options.Create(
        new SimilarityOptions { Model = Model, Folder = _folder, ReloadCheckInterval = TimeSpan.Zero });

    [Fact]
    public async Task Saving_writes_changed_vectors_only_and_tombstones_products_that_lost_their_image()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var products = new List<long>();
        for (var i = 0; i < 3; i++) products.Add((await TestCatalogue.AddProductAsync(db, catalogue.Id, $"p{i}")).Id);
        var vectors = TestVectors.Clustered(4);

        var first = await EmbeddingStore.SaveAsync(db, catalogue.Id, Model, products.Select((p, i) => (p, vectors[i])).ToList());
        var revisions = await Revisions(db);
        var second = await EmbeddingStore.SaveAsync(db, catalogue.Id, Model, [(products[0], vectors[0]), (products[1], vectors[3])]);

        Assert.Equal(new EmbeddingWrite(3, 0, 0), first);
        Assert.Equal(new EmbeddingWrite(1, 1, 1), second);
        var rows = await db.ProductEmbeddings.AsNoTracking().ToDictionaryAsync(e => e.ProductId);
        Assert.Equal(revisions[products[0]], rows[products[0]].Revision); // unchanged: not rewritten
        Assert.True(rows[products[1]].Revision > revisions.Values.Max());
        Assert.Equal(vectors[3], rows[products[1]].Vector);
        Assert.Null(rows[products[2]].Vector);
        Assert.Equal(vectors[0], await EmbeddingStore.VectorAsync(db, products[0], Model));
    }

    [Fact]
    public async Task An_index_catches_up_with_new_changed_and_removed_embeddings_and_publishes()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var categories = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "Apparel > Tshirts", "Footwear");
        var ids = new List<long>();
        for (var i = 0; i < 50; i++) ids.Add((await TestCatalogue.AddProductAsync(db, catalogue.Id, $"p{i}")).Id);
        await TestCatalogue.AddReferenceLabelsAsync(db, ids[0], categories["Apparel"], categories["Apparel > Tshirts"]);
        var vectors = TestVectors.Clustered(60);
        await EmbeddingStore.SaveAsync(db, catalogue.Id, Model, ids.Take(40).Select((p, i) => (p, vectors[i])).ToList());

        var indexes = new SimilarityIndexes(Options());
        using (var writer = indexes.OpenWriter(catalogue.Name))
        {
            var built = await new SimilaritySync(db, writer, Model, batchSize: 16).RebuildAsync(catalogue.Id);
            Assert.Equal((40, 0, 40L), (built.Added, built.Removed, built.Count));
        }
        var reader = indexes.Reader(catalogue.Name);
        Assert.Equal(40, await reader.CountAsync());
        var tshirts = await reader.SearchAsync(new SimilarityQuery(vectors[5], 10, categories["Apparel > Tshirts"]));
        Assert.Equal([ids[0]], tshirts.Select(n => n.ProductId));

        // Ten more featurised, one lost its image, one image changed.
        var now = ids.Select((p, i) => (p, i == 7 ? vectors[55] : vectors[i])).Where(x => x.p != ids[3]).ToList();
        await EmbeddingStore.SaveAsync(db, catalogue.Id, Model, now);
        using (var writer = indexes.OpenWriter(catalogue.Name))
        {
            var caught = await new SimilaritySync(db, writer, Model).CatchUpAsync(catalogue.Id);
            Assert.Equal((11, 1, 49L), (caught.Added, caught.Removed, caught.Count));
            var again = await new SimilaritySync(db, writer, Model).CatchUpAsync(catalogue.Id);
            Assert.Equal((0, 0), (again.Added, again.Removed));
        }
        Assert.Equal(49, await reader.CountAsync());
        Assert.Equal(ids[45], (await reader.SearchAsync(new SimilarityQuery(vectors[45], 1))).Single().ProductId);
        Assert.Equal(ids[7], (await reader.SearchAsync(new SimilarityQuery(vectors[55], 1))).Single().ProductId);
        var nearThree = await new SimilarProducts(indexes).LikeProductAsync(db, ids[3], 10);
        Assert.Null(nearThree); // no embedding any more
        var nearFour = await new SimilarProducts(indexes).LikeProductAsync(db, ids[4], 5);
        Assert.Equal(5, nearFour!.Count);
        Assert.DoesNotContain(ids[4], nearFour.Select(n => n.ProductId));
        indexes.Dispose();
    }

    [Fact]
    public async Task A_replaced_catalogue_gets_an_index_of_its_own_products_only()
    {
        await using var db = database.Open();
        var name = "replaced-" + Guid.NewGuid().ToString("N")[..8];
        var vectors = TestVectors.Clustered(60);
        var old = await CatalogueWithEmbeddingsAsync(db, name, vectors[..40]);
        var indexes = new SimilarityIndexes(Options());
        using (var writer = indexes.OpenWriter(name))
            Assert.Equal(40L, (await new SimilaritySync(db, writer, Model).CatchUpAsync(old.Catalogue.Id)).Count);

        // Imported again (replaced: deleted and created anew under the same name), with fewer products.
        await CatalogueStore.DeleteAsync(db, name);
        var replaced = await CatalogueWithEmbeddingsAsync(db, name, vectors[40..]);
        using (var writer = indexes.OpenWriter(name))
        {
            var caught = await new SimilaritySync(db, writer, Model).CatchUpAsync(replaced.Catalogue.Id);
            Assert.Equal((20, 20L), (caught.Added, caught.Count));
        }

        var reader = indexes.Reader(name);
        Assert.Equal(20, await reader.CountAsync());
        var near = await reader.SearchAsync(new SimilarityQuery(vectors[5], 20));
        Assert.Equal(replaced.Ids.Order(), near.Select(n => n.ProductId).Order());

        // Deleting the catalogue deletes its index; a reader opened afterwards finds nothing.
        await indexes.DeleteAsync(name);
        Assert.False(Directory.Exists(Options().Value.FolderFor(name)));
        Assert.Equal(0, await indexes.Reader(name).CountAsync());
        indexes.Dispose();
    }

    private static async Task<(Catalogue Catalogue, List<long> Ids)> CatalogueWithEmbeddingsAsync(
        ProductClassifier.Core.Data.ClassifierDb db, string name, float[][] vectors)
    {
        var catalogue = await CatalogueStore.GetOrCreateAsync(db, name);
        var ids = new List<long>();
        for (var i = 0; i < vectors.Length; i++) ids.Add((await TestCatalogue.AddProductAsync(db, catalogue.Id, $"p{i}")).Id);
        await EmbeddingStore.SaveAsync(db, catalogue.Id, Model, ids.Select((p, i) => (p, vectors[i])).ToList());
        return (catalogue, ids);
    }

    [Fact]
    public async Task The_index_similarity_job_adds_newly_featurised_products()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var ids = new List<long>();
        for (var i = 0; i < 20; i++) ids.Add((await TestCatalogue.AddProductAsync(db, catalogue.Id, $"p{i}")).Id);
        var vectors = TestVectors.Clustered(20);
        await EmbeddingStore.SaveAsync(db, catalogue.Id, Model, ids.Select((p, i) => (p, vectors[i])).ToList());
        var job = await JobKinds.QueueSimilarityIndexAsync(db, catalogue);
        Assert.NotNull(job);
        Assert.Null(await JobKinds.QueueSimilarityIndexAsync(db, catalogue)); // one waiting is enough

        using var indexes = new SimilarityIndexes(Options());
        var context = new JobContext(job!, db, _folder, null);
        await new IndexSimilarityJobHandler(indexes).RunAsync(context, CancellationToken.None);

        Assert.Equal(20, await indexes.Reader(catalogue.Name).CountAsync());
        Assert.Equal(1, context.Progress);
    }

    private static async Task<Dictionary<long, long>> Revisions(ProductClassifier.Core.Data.ClassifierDb db) =>
        await db.ProductEmbeddings.AsNoTracking().ToDictionaryAsync(e => e.ProductId, e => e.Revision);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
