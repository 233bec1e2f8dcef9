namespace ProductClassifier.Core.Labelling;

/// <summary>
/// One product as the labelling page shows it: what the product is, what the ensemble and the rules say, and where
/// it sits in the batch.
/// </summary>
/// <param name="Position">1-based position in the batch.</param>
/// <param name="Total">Items in the batch.</param>
/// <param name="Predictions">The active model version's categories above threshold, most probable first (pre-tick these).</param>
/// <param name="ModelVersion">The number of the model version that predicted them; null when it has no prediction.</param>
/// <param name="RuleLabels">Categories the old rules gave the product, ancestors included.</param>
/// <param name="FiredRules">The rules that fired.</param>
/// <param name="PreviousDecision">The categories this labeller last chose for it (after an undo, the decision just
/// removed, so the card can start from it); null when they never decided it.</param>
/// <param name="LeaseExpiresAt">When the item returns to the pool if left undecided; null for a revisited decided item.</param>
public sealed record LabellingItem(
    long BatchId,
    int Round,
    int Position,
    int Total,
    ProductCard Product,
    IReadOnlyList<PredictedCategory> Predictions,
    int? ModelVersion,
    IReadOnlyList<CategoryRef> RuleLabels,
    IReadOnlyList<FiredRule> FiredRules,
    IReadOnlyList<int>? PreviousDecision,
    DateTime? LeaseExpiresAt);

/// <summary>A product's display data.</summary>
/// <param name="ImageRef">Image path relative to the catalogue's image folder, or a URL (the web app serves it by product id).</param>
/// <param name="Attributes">The feed's other columns, as display text.</param>
public sealed record ProductCard(long Id, string? Title, string? Description, string? Brand, string? Merchant,
    decimal? Price, string? Currency, string? ImageRef, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A category the ensemble predicted, with its probability.</summary>
public sealed record PredictedCategory(int CategoryId, string Path, double Probability);

/// <summary>A category by id and full path ("A > B > C").</summary>
public sealed record CategoryRef(int Id, string Path);

/// <summary>A rule of the old categoriser that fired for the product: a term of <see cref="Terms"/> found in <see cref="Field"/>.</summary>
public sealed record FiredRule(string Code, string Field, IReadOnlyList<string> Terms, CategoryRef Category);
