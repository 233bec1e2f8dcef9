namespace ProductClassifier.Core.Labelling;

/// <summary>
/// Which batch items two labellers decide: those whose product id hashes (Fibonacci hashing, mod 2³²) below the
/// overlap fraction. Stable across runs and processes, and computed the same way in SQL, where the queue claims.
/// </summary>
public static class OverlapSample
{
    private const ulong Multiplier = 2654435761;

    /// <summary>The SQL twin of <see cref="Hash"/> over a column named <c>product_id</c> (numeric, so nothing overflows).</summary>
    internal const string HashSql = "mod(product_id::numeric * 2654435761, 4294967296)";

    /// <summary>The product's hash in [0, 2³²).</summary>
    public static long Hash(long productId) => (uint)unchecked((ulong)productId * Multiplier);

    /// <summary>Hashes below this are overlap items: an integer, so SQL and C# compare exactly the same numbers.</summary>
    public static long Threshold(double fraction) => (long)Math.Ceiling(Math.Clamp(fraction, 0, 1) * 4294967296.0);

    public static bool IsOverlap(long productId, double fraction) => Hash(productId) < Threshold(fraction);

    /// <summary>How many labellers decide the product: 2 for an overlap item, else 1.</summary>
    public static int Slots(long productId, double fraction) => IsOverlap(productId, fraction) ? 2 : 1;
}
