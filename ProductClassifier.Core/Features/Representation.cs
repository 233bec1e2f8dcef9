namespace ProductClassifier.Core.Features;

/// <summary>How one column of a product feeds the models (the <c>as</c> of a preprocessing column).</summary>
public enum Representation
{
    /// <summary>One category column per value (top-k), plus one "other" column.</summary>
    OneHot,

    /// <summary>Several values at once: comma-separated tags, arrays, or an object's key=value pairs.</summary>
    KHot,

    /// <summary>Word (and optionally character) n-grams weighted by tf-idf, in the column's own vocabulary.</summary>
    TfIdf,

    /// <summary>Token ids for embeddings, in one vocabulary shared by all token columns.</summary>
    Tokens,

    /// <summary>A normalised number plus a missing indicator.</summary>
    Numeric,

    /// <summary>Not used (switches off a column that would otherwise be inferred).</summary>
    Ignore,
}
