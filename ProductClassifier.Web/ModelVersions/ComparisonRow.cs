namespace ProductClassifier.Web.ModelVersions;

/// <summary>One category scored by two versions (A, the older, and B): each one's F1, precision and recall, and the change.</summary>
/// <param name="Support">True products of the category in the test set (as B saw it).</param>
public sealed record ComparisonRow(string Path, int Support, double F1A, double F1B, double PrecisionA, double PrecisionB,
    double RecallA, double RecallB)
{
    public double DeltaF1 => F1B - F1A;
    public double DeltaPrecision => PrecisionB - PrecisionA;
    public double DeltaRecall => RecallB - RecallA;

    /// <summary>How much F1 changed either way: the order the comparison is read in.</summary>
    public double Change => Math.Abs(DeltaF1);
}
