namespace ProductClassifier.Core.Labelling;

/// <summary>The batch's progress and one labeller's own pace.</summary>
/// <param name="Total">Items in the batch.</param>
/// <param name="Decided">Items at least one labeller decided.</param>
/// <param name="DecidedByMe">Items this labeller decided in the batch.</param>
/// <param name="DecidedByMeToday">Items this labeller decided in the catalogue since midnight in their time zone (any round).</param>
/// <param name="MeanSecondsPerItem">This labeller's mean time from being handed an item to deciding it, today; each item
/// counts at most one lease duration (longer means they were away). Null before their first decision today.</param>
public sealed record LabellingProgress(long BatchId, int Round, int Total, int Decided, int DecidedByMe, int DecidedByMeToday,
    double? MeanSecondsPerItem);
