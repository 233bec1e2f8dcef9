namespace ProductClassifier.Web.Labelling;

/// <summary>The best matches of a search, and how many categories matched in all.</summary>
public sealed record CategorySearchResult(IReadOnlyList<PickerCategory> Hits, int Total)
{
    public static CategorySearchResult Empty { get; } = new([], 0);
}
