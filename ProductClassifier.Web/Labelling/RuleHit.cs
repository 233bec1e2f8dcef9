namespace ProductClassifier.Web.Labelling;

/// <summary>Rule <see cref="RuleName"/> fired for the product and labelled it <see cref="Path"/>.</summary>
public sealed record RuleHit(int CategoryId, string Path, string RuleName);
