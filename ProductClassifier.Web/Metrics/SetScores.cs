using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Web.Metrics;

/// <summary>A category's scores on one test set.</summary>
public sealed record SetScores(int Support, double Precision, double Recall, double F1, double AveragePrecision)
{
    public static SetScores Of(CategoryScore score) => new(score.Support, score.Precision, score.Recall, score.F1, score.AveragePrecision);
}
