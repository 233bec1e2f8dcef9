namespace ProductClassifier.Core.Taxonomy;

/// <summary>The taxonomy file formats <see cref="TaxonomyParser"/> reads.</summary>
public enum TaxonomyFormat
{
    /// <summary><c>A &gt; B &gt; C</c> per line; missing intermediate nodes are created.</summary>
    Plain,

    /// <summary>Google's <c>ID - A &gt; B &gt; C</c>; every parent must have its own line.</summary>
    Google,

    /// <summary>Shopify's <c>gid://shopify/TaxonomyCategory/ID : A &gt; B</c>; every parent must have its own line.</summary>
    Shopify,

    /// <summary>CSV or TSV rows <c>id,parent_id,name</c> (header optional; empty parent = top level).</summary>
    ParentId,

    /// <summary>Built from the category paths products carry, not read from a file.</summary>
    FeedPaths,
}
