using System.Text;

namespace ProductClassifier.Core.Evaluation;

/// <summary>
/// The development/test split: a product is in the test set when a stable hash of its key (FNV-1a 64 of the UTF-8
/// bytes, then a mixing step) falls below the test fraction, so the split is the same on every machine, run and store.
/// </summary>
public static class StableSplit
{
    public const double DefaultTestFraction = 0.1;

    /// <summary>The key's position in [0, 1); uniform over keys. A salt gives an independent split.</summary>
    public static double Position(string key, string salt = "")
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(salt.Length == 0 ? key : salt + "\u0000" + key))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        // FNV's low bits mix poorly for short, similar keys ("1001", "1002"); splitmix64's finaliser spreads them.
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    public static bool IsTest(string key, double testFraction = DefaultTestFraction, string salt = "") => Position(key, salt) < testFraction;

    /// <summary>Splits items into development and test sets by the hash of their keys, keeping their order.</summary>
    public static (List<T> Development, List<T> Test) Split<T>(IEnumerable<T> items, Func<T, string> key, double testFraction = DefaultTestFraction, string salt = "")
    {
        if (testFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(testFraction), "must be between 0 and 1");
        var development = new List<T>();
        var test = new List<T>();
        foreach (var item in items) (IsTest(key(item), testFraction, salt) ? test : development).Add(item);
        return (development, test);
    }
}
