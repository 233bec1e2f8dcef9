namespace ProductClassifier.Web.Labelling;

/// <summary>What the product card shows: the product, the ensemble's suggestions and the rules that fired.</summary>
/// <param name="Suggestions">The ensemble's categories with their probabilities, in any order; the card ranks them.</param>
/// <param name="RuleLabels">One entry per (rule, category) a rule labelled the product with.</param>
public sealed record LabelCardModel(
    long ProductId,
    string? Title,
    string? Description,
    string? Brand,
    string? Merchant,
    decimal? Price,
    string? Currency,
    bool HasImage,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<CategorySuggestion> Suggestions,
    IReadOnlyList<RuleHit> RuleLabels)
{
    /// <summary>Keys 1–9 toggle the first nine of <see cref="Ranked"/>.</summary>
    public const int ShortcutCount = 9;

    /// <summary>
    /// Suggestions in the order the card lists them: first those that are not an ancestor of another suggestion,
    /// most probable first (ties by path), which keys 1–9 toggle; then the ancestors they cover, also by
    /// probability. The ensemble scores every level, so without this the parents of its best guess ("Apparel",
    /// "Apparel &gt; Clothing") would take the first keys while being implied by the guess itself.
    /// </summary>
    // Computed on each call rather than stored: a stored list would go stale in a copy made with `with`.
    public IReadOnlyList<CategorySuggestion> Ranked =>
        [.. Suggestions.OrderBy(IsCovered).ThenByDescending(s => s.Probability).ThenBy(s => s.Path, StringComparer.Ordinal)];

    /// <summary>How many of <see cref="Ranked"/> carry a number key (at most 9).</summary>
    public int Numbered => Math.Min(ShortcutCount, Suggestions.Count(s => !IsCovered(s)));

    /// <summary>The categories to tick when the card first shows: the suggestions above their thresholds.</summary>
    public IReadOnlySet<int> PreTicked => Suggestions.Where(s => s.Predicted).Select(s => s.CategoryId).ToHashSet();

    /// <summary>The category shortcut <paramref name="number"/> (1–9) toggles, or null when there is none.</summary>
    public int? CategoryForShortcut(int number) =>
        number >= 1 && number <= Numbered ? Ranked[number - 1].CategoryId : null;

    /// <summary>Whether another suggestion lies below this one (its path continues this one's).</summary>
    private bool IsCovered(CategorySuggestion suggestion) =>
        Suggestions.Any(other => other.Path.Length > suggestion.Path.Length
            && other.Path.StartsWith(suggestion.Path + Core.Taxonomy.Category.PathSeparator, StringComparison.Ordinal));
}
