using Microsoft.Extensions.Options;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Core.Similarity.Embedded;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Similarity;

public sealed class SimilarityEvaluationTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private const string Model = "test-model";
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-similarity-").FullName;

    [Fact]
    public async Task Agreement_is_computed_from_reference_labels_over_products_with_an_image_and_a_category()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var c = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "A > B > C", "A > B > D", "E > F > G");
        // Points on two lines far apart (positions along each line set who is whose neighbour with k = 2):
        // C1 0, C2 0.1, C3 0.2, D 0.3 on the first; G1 0, G2 0.1, an unlabelled product 0.5 on the second; and a C
        // product without an image.
        (string? Path, float[]? Vector)[] products =
        [
            ("A > B > C", Point(0, 0)), ("A > B > C", Point(0, 0.1f)), ("A > B > C", Point(0, 0.2f)), ("A > B > D", Point(0, 0.3f)),
            ("E > F > G", Point(1, 0)), ("E > F > G", Point(1, 0.1f)), (null, Point(1, 0.5f)), ("A > B > C", null),
        ];
        var rows = new List<(long, float[])>();
        foreach (var (path, vector) in products)
        {
            var product = await TestCatalogue.AddProductAsync(db, catalogue.Id, path ?? "unlabelled");
            if (path is not null)
            {
                var parts = path.Split(" > ");
                await TestCatalogue.AddReferenceLabelsAsync(db, product.Id, c[parts[0]], c[$"{parts[0]} > {parts[1]}"], c[path]);
            }
            if (vector is not null) rows.Add((product.Id, vector));
        }
        await EmbeddingStore.SaveAsync(db, catalogue.Id, Model, rows);
        var options = Options.Create(new SimilarityOptions { Model = Model });
        using var writer = new EmbeddedSimilarityWriter(_folder, options);
        await new SimilaritySync(db, writer, Model).CatchUpAsync(catalogue.Id);

        var result = await SimilarityEvaluation.RunAsync(db, catalogue.Id, writer, Model, k: 2, exact: true);

        // Queries: the six labelled products with an image. Neighbours: C1 {C2, C3}, C2 {C1, C3}, C3 {D, C2},
        // D {C3, C2}, G1 {G2, unlabelled}, G2 {G1, unlabelled}.
        Assert.Equal(6, result.Queries);
        Assert.Equal(7, result.Embedded);
        Assert.Equal((4 + 0.5 + 0.5) / 6, result.Index.TopLevel, 6);
        Assert.Equal((4 + 0.5 + 0.5) / 6, result.Index.SecondLevel, 6);
        Assert.Equal((1 + 1 + 0.5 + 0 + 0.5 + 0.5) / 6, result.Index.Leaf, 6);
        Assert.Equal(result.Index, result.Exact);
        Assert.Equal(1.0, result.Recall!.Value, 6);
    }

    /// <summary>A unit vector on line <paramref name="line"/> (axis 2·line, direction 2·line + 1) at position t.</summary>
    private static float[] Point(int line, float t)
    {
        var vector = new float[TestVectors.Dimensions];
        (vector[2 * line], vector[2 * line + 1]) = (1, t);
        ExactSearch.Normalize(vector);
        return vector;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
