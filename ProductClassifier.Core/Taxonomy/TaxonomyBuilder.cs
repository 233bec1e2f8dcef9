namespace ProductClassifier.Core.Taxonomy;

/// <summary>
/// Builds a tree from category paths, creating every ancestor a path implies. Use it for the paths a feed
/// or data set carries (one call per product); adding the same path again changes nothing.
/// </summary>
public sealed class TaxonomyBuilder
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Number of distinct nodes so far, implied ancestors included.</summary>
    public int Count => _entries.Count;

    /// <summary>Whether the path (in normal form) is in the tree.</summary>
    public bool Contains(string path) => _entries.ContainsKey(path);

    /// <summary>
    /// Adds a path given as names, root first (elements may themselves hold "A &gt; B"; blank ones are
    /// dropped) and all its ancestors. Returns the node's full path, or null when no name was left.
    /// </summary>
    public string? Add(IEnumerable<string?> names, string? externalId = null) =>
        AddNormalised(CategoryPath.Normalise(names), externalId);

    /// <summary>Adds a path written as "A &gt; B &gt; C"; see <see cref="Add(IEnumerable{string?}, string?)"/>.</summary>
    public string? Add(string path, string? externalId = null) => Add([path], externalId);

    /// <summary>The nodes, parents before children.</summary>
    public TaxonomyTree Build(TaxonomyFormat format = TaxonomyFormat.FeedPaths) =>
        new(_entries.Values.OrderBy(e => e.Depth).ThenBy(e => e.Order)
            .Select(e => new TaxonomyNode(e.Path, e.Name, e.ParentPath, e.Depth, e.ExternalId)).ToList(), format);

    private string? AddNormalised(string[] names, string? externalId)
    {
        if (names.Length == 0) return null;
        string? parent = null;
        for (var depth = 1; depth <= names.Length; depth++)
        {
            var path = parent is null ? names[depth - 1] : parent + Category.PathSeparator + names[depth - 1];
            if (!_entries.TryGetValue(path, out var entry))
            {
                entry = new Entry(path, names[depth - 1], parent, depth, _entries.Count);
                _entries.Add(path, entry);
            }
            if (depth == names.Length && externalId is not null) entry.ExternalId = externalId;
            parent = path;
        }
        return parent;
    }

    private sealed record Entry(string Path, string Name, string? ParentPath, int Depth, int Order)
    {
        public string? ExternalId { get; set; }
    }
}
