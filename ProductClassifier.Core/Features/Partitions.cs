namespace ProductClassifier.Core.Features;

/// <summary>Contiguous ranges of products for parallel loops whose results are joined back in order.</summary>
internal static class Partitions
{
    public static (int Start, int End)[] Of(int count, int parts)
    {
        parts = Math.Clamp(Math.Min(parts, count / 64 + 1), 1, Math.Max(1, count));
        var ranges = new (int, int)[parts];
        for (var p = 0; p < parts; p++) ranges[p] = ((int)((long)count * p / parts), (int)((long)count * (p + 1) / parts));
        return ranges;
    }
}
