namespace ProductClassifier.Core.Labelling;

/// <summary>How well the labellers agree on a batch's overlap items (each decided by two labellers).</summary>
/// <param name="Items">Overlap items two labellers have decided so far.</param>
/// <param name="Agreed">Those where both chose exactly the same categories.</param>
/// <param name="MeanKappa">The mean of the defined per-category κ; null when none is.</param>
/// <param name="Categories">κ per category seen (ticked by either labeller on some item), lowest κ first.</param>
public sealed record AgreementReport(long BatchId, int Round, int Items, int Agreed, double? MeanKappa,
    IReadOnlyList<CategoryAgreement> Categories);

/// <summary>
/// One category's 2×2 table over the overlap items, the first labeller to decide an item against the second, and its
/// Cohen's κ (null when undefined: both ticked it on every item).
/// </summary>
public sealed record CategoryAgreement(CategoryRef Category, int BothPositive, int FirstOnly, int SecondOnly, int Neither,
    double? Kappa);
