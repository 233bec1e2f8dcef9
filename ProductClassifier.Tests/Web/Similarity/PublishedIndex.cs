using Microsoft.Extensions.Options;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Tests.Web.Similarity;

/// <summary>
/// A similarity index folder of a test's own, written as the CLI and the worker write it (embeddings in Postgres, then a
/// catch-up that publishes), and the web app's settings that point it there.
/// </summary>
internal sealed class PublishedIndex : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("pc-web-similarity-").FullName;

    public IReadOnlyDictionary<string, string> Settings(long? maxUploadBytes = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Similarity:Folder"] = Folder,
            ["Similarity:ReloadCheckInterval"] = "00:00:00",
            ["SimilaritySearch:FeaturizerSessions"] = "1",
        };
        if (maxUploadBytes is { } max) settings["SimilaritySearch:MaxUploadBytes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>Stores the products' embeddings (of the default model) and brings the catalogue's index up to date with them.</summary>
    public async Task PublishAsync(ClassifierDb db, int catalogueId, string catalogue, IReadOnlyList<(long ProductId, float[] Vector)> vectors)
    {
        var options = Options.Create(new SimilarityOptions { Folder = Folder });
        await EmbeddingStore.SaveAsync(db, catalogueId, options.Value.Model, vectors, vectors.Select(v => v.ProductId).ToHashSet());
        using var indexes = new SimilarityIndexes(options);
        using var writer = indexes.OpenWriter(catalogue);
        await new SimilaritySync(db, writer, options.Value.Model).CatchUpAsync(catalogueId);
    }

    /// <summary>A unit vector at <paramref name="angle"/> radians from the first axis, turned towards axis <paramref name="axis"/>: its cosine distance to the first axis is 1 − cos(angle).</summary>
    public static float[] AtAngle(double angle, int axis)
    {
        var vector = new float[ImageFeaturizer.Dimensions];
        vector[0] = (float)Math.Cos(angle);
        vector[axis] += (float)Math.Sin(angle);
        return vector;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
