namespace ProductClassifier.Training.Ensemble;

/// <summary>
/// Each member's logits for each row, from the fold model that did not see that row: what the meta-learner learns
/// from, so it weighs members by how they do on products they were not trained on.
/// </summary>
/// <param name="Rows">The rows that were folded (the development set).</param>
/// <param name="Folds">The fold of each of <paramref name="Rows"/>, in the same order.</param>
/// <param name="TrainedOn">Per fold: the rows its models were trained or validated on.</param>
/// <param name="Logits">Per member: logits of <paramref name="Rows"/>, row-major [rows × categories].</param>
public sealed record OutOfFoldPredictions(
    IReadOnlyList<string> Members,
    int Categories,
    int[] Rows,
    int[] Folds,
    IReadOnlyList<int[]> TrainedOn,
    IReadOnlyList<float[]> Logits);
