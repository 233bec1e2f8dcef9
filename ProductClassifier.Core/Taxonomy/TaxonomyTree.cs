namespace ProductClassifier.Core.Taxonomy;

/// <summary>A parsed or built category tree: every node's parent precedes it, so it can be stored in order.</summary>
public sealed class TaxonomyTree(IReadOnlyList<TaxonomyNode> nodes, TaxonomyFormat format)
{
    /// <summary>All nodes, parents first (ordered by depth, then by first appearance).</summary>
    public IReadOnlyList<TaxonomyNode> Nodes { get; } = nodes;

    /// <summary>Where the tree came from.</summary>
    public TaxonomyFormat Format { get; } = format;

    public int Count => Nodes.Count;

    /// <summary>Depth of the deepest node; 0 for an empty tree.</summary>
    public int MaxDepth => Nodes.Count == 0 ? 0 : Nodes[^1].Depth;
}
