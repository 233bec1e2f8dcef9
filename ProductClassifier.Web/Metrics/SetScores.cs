using ProductClassifier.Core.Evaluation;

namespace ProductClassifier.Web.Metrics;

/// <summary>A category's scores on one test set.</summary>
public sealed record SetScores(int Support, double Precision, double Recall, double F1, double AveragePrecision)
{
    public static SetScores? Of(CategoryMetrics? metrics) =>
        metrics is null ? null : new(metrics.Support, metrics.Precision, metrics.Recall, metrics.F1, metrics.AveragePrecision);
}
