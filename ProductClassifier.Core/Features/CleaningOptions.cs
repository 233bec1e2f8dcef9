namespace ProductClassifier.Core.Features;

/// <summary>Text cleaning applied to every text and category value before it is counted or looked up.</summary>
public sealed record CleaningOptions
{
    /// <summary>Removes HTML tags and decodes entities (<c>&amp;amp;</c> → <c>&amp;</c>).</summary>
    public bool StripHtml { get; init; } = true;

    /// <summary>Unicode NFKC normalisation, so full-width letters, ligatures and composed accents compare equal.</summary>
    public bool NormalizeUnicode { get; init; } = true;

    public bool Lowercase { get; init; } = true;
    public bool CollapseWhitespace { get; init; } = true;
}
