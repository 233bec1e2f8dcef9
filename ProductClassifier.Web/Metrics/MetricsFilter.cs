namespace ProductClassifier.Web.Metrics;

/// <summary>
/// Which categories the metrics grid shows: a subtree (paths beginning with the text, in any case: "apparel > shoes" is
/// Shoes and everything below it), a level, a minimum support.
/// </summary>
/// <param name="MinimumSupport">Least ground-truth support (true products in the test set).</param>
public sealed record MetricsFilter(string? Subtree = null, int? Level = null, int MinimumSupport = 0)
{
    public bool Matches(CategoryMetricsRow row) =>
        (string.IsNullOrWhiteSpace(Subtree) || row.Path.StartsWith(Subtree.Trim(), StringComparison.OrdinalIgnoreCase))
        && (Level is not { } level || row.Level == level)
        && (MinimumSupport <= 0 || (row.GroundTruth?.Support ?? 0) >= MinimumSupport);

    public IReadOnlyList<CategoryMetricsRow> Apply(IReadOnlyList<CategoryMetricsRow> rows) =>
        this == new MetricsFilter() ? rows : rows.Where(Matches).ToList();
}
