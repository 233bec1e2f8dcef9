namespace ProductClassifier.Training.Ensemble;

/// <summary>Assigns rows to k folds of (nearly) equal size at random, reproducibly.</summary>
public static class KFold
{
    /// <returns>The fold of each of <paramref name="rows"/>, in the same order.</returns>
    public static int[] Assign(int rows, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "k-fold needs at least 2 folds.");
        if (rows < folds) throw new ArgumentException($"{rows} rows cannot fill {folds} folds.", nameof(rows));
        var order = Enumerable.Range(0, rows).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[rows];
        for (var i = 0; i < rows; i++) fold[order[i]] = i % folds;
        return fold;
    }
}
