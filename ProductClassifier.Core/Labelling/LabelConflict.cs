namespace ProductClassifier.Core.Labelling;

/// <summary>An overlap item its two labellers decided differently, and the admin's resolution once there is one.</summary>
/// <param name="Position">1-based position in the batch.</param>
public sealed record LabelConflict(long ProductId, string? Title, int Position, LabellerChoice First, LabellerChoice Second,
    LabellerChoice? Resolution);

/// <summary>What one person chose for a product (ancestors included).</summary>
public sealed record LabellerChoice(string Labeller, IReadOnlyList<CategoryRef> Categories, DateTime DecidedAt);
