using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>Unit vectors in clusters (like image embeddings of a catalogue's product types), reproducible by seed.</summary>
internal static class TestVectors
{
    public const int Dimensions = 512;

    public static float[][] Clustered(int count, int clusters = 40, int seed = 1, float spread = 0.6f)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Random(random, 1f)).ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var noise = Random(random, spread);
            var vector = centres[i % clusters].Zip(noise, (c, n) => c + n).ToArray();
            ExactSearch.Normalize(vector);
            return vector;
        }).ToArray();
    }

    /// <summary>The ids of the exact k nearest vectors (ids are 1 + position), the query's own id left out.</summary>
    public static long[] ExactNearest(float[][] vectors, float[] query, int k, Func<long, bool>? accept = null, long? exclude = null) =>
        vectors.Select((v, i) => (Id: (long)i + 1, Distance: ExactSearch.CosineDistance(query, v)))
            .Where(x => x.Id != exclude && (accept?.Invoke(x.Id) ?? true))
            .OrderBy(x => x.Distance).Take(k).Select(x => x.Id).ToArray();

    private static float[] Random(Random random, float scale) =>
        Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
}
