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

    /// <summary>
    /// Unit vectors of low intrinsic dimension, like image embeddings (which vary along far fewer directions than they
    /// have dimensions): Gaussian points in a <paramref name="rank"/>-dimensional subspace plus a little noise.
    /// </summary>
    public static float[][] LowRank(int count, int rank = 24, int seed = 1, int basisSeed = 100)
    {
        var basisRandom = new Random(basisSeed);
        var basis = Enumerable.Range(0, rank).Select(_ => Random(basisRandom, 1f)).ToArray();
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var vector = Random(random, 0.05f);
            for (var r = 0; r < rank; r++)
            {
                var weight = (float)(random.NextDouble() * 2 - 1);
                for (var d = 0; d < Dimensions; d++) vector[d] += weight * basis[r][d];
            }
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
