namespace ProductClassifier.Web.Labelling;

/// <summary>A category the ensemble suggests.</summary>
/// <param name="Probability">0–1.</param>
/// <param name="Predicted">Above the category's threshold, so ticked before the labeller acts; false for a
/// weaker candidate shown so that it is one key away.</param>
public sealed record CategorySuggestion(int CategoryId, string Path, double Probability, bool Predicted = true);
