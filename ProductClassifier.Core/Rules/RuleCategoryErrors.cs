namespace ProductClassifier.Core.Rules;

/// <summary>The rules' errors on one category, over the products with ground truth.</summary>
/// <param name="FalsePositives">Products the rules labelled with the category that do not belong to it.</param>
/// <param name="FalseNegatives">Products that belong to the category and no rule labelled with it.</param>
/// <param name="Causes">The rules whose labels made the false positives, most first.</param>
public sealed record RuleCategoryErrors(string CategoryPath, int FalsePositives, int FalseNegatives, int Correct,
    IReadOnlyList<RuleErrorShare> Causes);
