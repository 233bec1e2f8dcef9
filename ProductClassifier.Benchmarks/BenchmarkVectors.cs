using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// Vectors for the similarity benchmark: the real ResNet18 features of a data set from its feature cache, topped up
/// to the wanted count with jittered copies (Gaussian noise of a set norm, re-normalised: near their original, never
/// equal to it); or, when no features are cached, synthetic clustered unit vectors.
/// </summary>
internal sealed class BenchmarkVectors(float[] values, int dimensions, string source)
{
    public float[] Values { get; } = values;
    public int Dimensions { get; } = dimensions;
    public int Count => Values.Length / Dimensions;
    public string Source { get; } = source;

    public ReadOnlySpan<float> Row(int i) => Values.AsSpan(i * Dimensions, Dimensions);

    /// <summary>The data set's cached image rows (those with a usable image), or null when none are cached.</summary>
    public static async Task<float[][]?> CachedFeaturesAsync(string dataset, string cacheFolder, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(dataset, "dataset.json"))) return null;
        using var featurizer = new ImageFeaturizer();
        var path = new FeatureCache(cacheFolder).PathFor(featurizer);
        if (!File.Exists(path)) return null;
        var file = FeatureCacheFile.Open(path, ImageFeaturizer.Model, ImageFeaturizer.Dimensions);
        var corpus = await DatasetCorpusLoader.LoadAsync(dataset, ct);
        var rows = new List<float[]>();
        foreach (var product in corpus.Products)
            if (file.TryGet(product.Key, null, out var row, out var present) && present) rows.Add(row.ToArray());
        return rows.Count > 0 ? rows.ToArray() : null;
    }

    /// <summary><paramref name="count"/> vectors: the bases first, then jittered copies of them in turn.</summary>
    public static BenchmarkVectors Expand(float[][] bases, int count, float jitter, int seed, string source)
    {
        var dimensions = bases[0].Length;
        var values = new float[(long)count * dimensions];
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var row = values.AsSpan(i * dimensions, dimensions);
            bases[i % bases.Length].CopyTo(row);
            if (i >= bases.Length) AddNoise(row, jitter, random);
            ExactSearch.Normalize(row);
        }
        return new BenchmarkVectors(values, dimensions, source);
    }

    /// <summary>Unit vectors around <paramref name="clusters"/> random centres (for when no real features are cached).</summary>
    public static float[][] Synthetic(int count, int dimensions, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Gaussian(random, dimensions, 1f)).ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var row = (float[])centres[random.Next(clusters)].Clone();
            AddNoise(row, 0.9f, random);
            ExactSearch.Normalize(row);
            return row;
        }).ToArray();
    }

    // Noise of norm `scale` relative to a unit vector.
    private static void AddNoise(Span<float> row, float scale, Random random)
    {
        var noise = Gaussian(random, row.Length, scale / MathF.Sqrt(row.Length));
        var norm = MathF.Sqrt(ExactSearch.Dot(row, row));
        for (var d = 0; d < row.Length; d++) row[d] += noise[d] * norm;
    }

    // Box-Muller.
    private static float[] Gaussian(Random random, int length, float sigma) =>
        Enumerable.Range(0, length).Select(_ =>
            (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()) * sigma)).ToArray();
}
