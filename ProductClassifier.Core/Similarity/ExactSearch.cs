using System.Numerics;
using System.Runtime.InteropServices;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Brute-force cosine nearest neighbours over vectors in memory: the yardstick for the HNSW index's recall and speed,
/// and how the embedded index serves a small category.
/// </summary>
public static class ExactSearch
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var sum = Vector<float>.Zero;
        for (var i = 0; i < va.Length; i++) sum += va[i] * vb[i];
        var dot = Vector.Sum(sum);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++) dot += a[i] * b[i];
        return dot;
    }

    /// <summary>1 − cosine similarity (USearch's and this project's distance); 1 when either vector is zero.</summary>
    public static float CosineDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = MathF.Sqrt(Dot(a, a) * Dot(b, b));
        return norms == 0 ? 1 : 1 - Dot(a, b) / norms;
    }

    /// <summary>Scales the vector to unit length in place (a zero vector stays zero).</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = MathF.Sqrt(Dot(vector, vector));
        if (norm > 0) foreach (ref var v in vector) v /= norm;
    }

    /// <summary>
    /// The <paramref name="rows"/> (row-major, <paramref name="dimensions"/> wide, unit length) nearest to the unit-length
    /// <paramref name="query"/>, nearest first, skipping row <paramref name="skip"/>. Returns how many were found.
    /// </summary>
    public static int Nearest(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int dimensions,
        Span<int> indices, Span<float> distances, int skip = -1)
    {
        var count = rows.Length / dimensions;
        var found = 0;
        var k = Math.Min(indices.Length, distances.Length);
        for (var r = 0; r < count; r++)
        {
            if (r == skip) continue;
            var distance = 1 - Dot(query, rows.Slice(r * dimensions, dimensions));
            if (found == k && distance >= distances[k - 1]) continue;
            Insert(indices, distances, ref found, k, r, distance);
        }
        return found;
    }

    /// <summary>Keeps the first <paramref name="found"/> of the lists sorted by distance while adding one candidate.</summary>
    internal static void Insert<T>(Span<T> items, Span<float> distances, ref int found, int k, T item, float distance)
    {
        if (k == 0) return;
        var at = found < k ? found++ : k - 1;
        while (at > 0 && distances[at - 1] > distance)
        {
            items[at] = items[at - 1];
            distances[at] = distances[at - 1];
            at--;
        }
        items[at] = item;
        distances[at] = distance;
    }
}
