namespace ProductClassifier.Core.Features;

/// <summary>Defaults for <see cref="Representation.TfIdf"/> columns; each column may override top-k, min count and n-grams.</summary>
public sealed record TfIdfOptions
{
    /// <summary>Most frequent terms kept per column (by document frequency).</summary>
    public int TopK { get; init; } = 30_000;

    /// <summary>Terms seen in fewer training products are dropped.</summary>
    public int MinCount { get; init; } = 2;

    /// <summary>Longest word n-gram: 1 = words, 2 = words and word pairs.</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Character n-gram lengths inside words as <c>[min, max]</c> (e.g. <c>[3, 5]</c>); null = none.</summary>
    public int[]? CharNgrams { get; init; }

    /// <summary>Term frequency as 1 + ln(tf), so a word repeated in a long description does not dominate.</summary>
    public bool SublinearTf { get; init; } = true;
}
