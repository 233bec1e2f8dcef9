namespace ProductClassifier.Core.Labelling;

/// <summary>Cohen's κ of two raters' yes/no answers: their agreement beyond what their own rates of "yes" explain.</summary>
public static class CohensKappa
{
    /// <summary>κ = (p₀ − pₑ) / (1 − pₑ) from the 2×2 table of the two raters' answers.</summary>
    /// <returns>Null when it is undefined: no items, or both raters gave one answer throughout (pₑ = 1).</returns>
    public static double? Compute(int bothYes, int firstOnly, int secondOnly, int bothNo)
    {
        double n = bothYes + firstOnly + secondOnly + bothNo;
        if (n == 0) return null;
        var observed = (bothYes + bothNo) / n;
        var (first, second) = ((bothYes + firstOnly) / n, (bothYes + secondOnly) / n);
        var chance = first * second + (1 - first) * (1 - second);
        return chance >= 1 ? null : (observed - chance) / (1 - chance);
    }
}
