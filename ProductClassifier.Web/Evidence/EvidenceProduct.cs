using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Web.Evidence;

/// <summary>
/// A product as an error list shows it: what it is, the model's probability for the category in question (when there
/// is one), what it truly is (its most specific true categories) and which rules fired on it.
/// </summary>
public sealed record EvidenceProduct(long Id, string? Title, bool HasImage, float? Probability, IReadOnlyList<string> Labels,
    IReadOnlyList<RuleHit> Rules);
