namespace ProductClassifier.Core.ActiveLearning;

/// <summary>A product picked for labelling and the probability it had of being picked; its loss weight is the inverse.</summary>
public sealed record BatchPick(int Index, double InclusionProbability)
{
    public double ImportanceWeight => 1 / InclusionProbability;
}
