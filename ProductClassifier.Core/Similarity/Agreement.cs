namespace ProductClassifier.Core.Similarity;

/// <summary>Mean fraction of neighbours sharing the query's category at each level.</summary>
public sealed record Agreement(double TopLevel, double SecondLevel, double Leaf);
