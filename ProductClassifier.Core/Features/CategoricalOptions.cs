namespace ProductClassifier.Core.Features;

/// <summary>Defaults for <see cref="Representation.OneHot"/> and <see cref="Representation.KHot"/> columns.</summary>
public sealed record CategoricalOptions
{
    /// <summary>Most frequent values kept per column; the rest share the column's "other" slot.</summary>
    public int TopK { get; init; } = 1_000;

    /// <summary>Values seen in fewer training products go to "other".</summary>
    public int MinCount { get; init; } = 3;

    /// <summary>Separator of multi-valued strings ("Sports Wear,Sale").</summary>
    public string Separator { get; init; } = ",";
}
