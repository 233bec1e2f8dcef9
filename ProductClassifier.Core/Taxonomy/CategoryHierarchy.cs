using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Taxonomy;

/// <summary>
/// A catalogue's tree in memory, for the rule "a product labelled with a node is positive for all its
/// ancestors": <see cref="AncestorsAndSelf"/> gives the node and every ancestor up to the top level.
/// </summary>
public sealed class CategoryHierarchy
{
    private readonly Dictionary<int, int[]> _lineage;

    /// <summary>Builds the hierarchy from (id, parent id) pairs; parents missing from the pairs end a lineage.</summary>
    public CategoryHierarchy(IEnumerable<(int Id, int? ParentId)> categories)
    {
        var parents = categories.ToDictionary(c => c.Id, c => c.ParentId);
        _lineage = new Dictionary<int, int[]>(parents.Count);
        foreach (var id in parents.Keys)
        {
            var line = new List<int>();
            for (int? current = id; current is { } c && parents.ContainsKey(c) && line.Count <= parents.Count; current = parents[c])
                line.Add(c);
            _lineage[id] = [.. line];
        }
    }

    /// <summary>Number of categories.</summary>
    public int Count => _lineage.Count;

    /// <summary>The category itself, then its parent, up to the top level.</summary>
    public IReadOnlyList<int> AncestorsAndSelf(int categoryId) =>
        _lineage.TryGetValue(categoryId, out var line) ? line : throw new KeyNotFoundException($"No category {categoryId} in this hierarchy.");

    /// <summary>Loads a catalogue's categories.</summary>
    public static async Task<CategoryHierarchy> LoadAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default)
    {
        var rows = await db.Categories.Where(c => c.CatalogueId == catalogueId)
            .Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
        return new CategoryHierarchy(rows.Select(r => (r.Id, r.ParentId)));
    }
}
