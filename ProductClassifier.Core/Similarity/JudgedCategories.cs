using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// The categories a judged query product counts under in precision tables: its best-known categories (as the index
/// stores them) at a depth (1 = top level), or with no depth its most specific ones; <see cref="None"/> when it has none.
/// </summary>
internal sealed class JudgedCategories
{
    public const int None = 0; // category ids start at 1
    private readonly Dictionary<long, int[]> _byQuery;
    private readonly Dictionary<int, string> _paths;

    private JudgedCategories(Dictionary<long, int[]> byQuery, Dictionary<int, string> paths) => (_byQuery, _paths) = (byQuery, paths);

    public static async Task<JudgedCategories> LoadAsync(ClassifierDb db, int catalogueId, IReadOnlyCollection<long> queryIds, int? depth,
        CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == catalogueId)
            .ToDictionaryAsync(c => c.Id, c => new { c.Path, c.Depth, c.ParentId }, ct);
        var known = await ProductCategories.ForIndexAsync(db, queryIds.ToArray(), ct);
        var byQuery = queryIds.Distinct().ToDictionary(q => q, q =>
        {
            var labels = known[q].Known.Where(categories.ContainsKey).ToArray();
            var parents = labels.Select(c => categories[c].ParentId).OfType<int>().ToHashSet();
            var chosen = depth is { } d ? labels.Where(c => categories[c].Depth == d) : labels.Where(c => !parents.Contains(c));
            return chosen.DefaultIfEmpty(None).ToArray();
        });
        return new JudgedCategories(byQuery, categories.ToDictionary(c => c.Key, c => c.Value.Path));
    }

    /// <summary>The categories <paramref name="queryId"/> counts under (<see cref="None"/> alone when it has none).</summary>
    public IReadOnlyList<int> Of(long queryId) => _byQuery[queryId];

    public string PathOf(int category) => category == None ? "(no category)" : _paths[category];

    /// <summary>Rows in table order: categories by path, "(no category)" last.</summary>
    public IEnumerable<int> Ordered(IEnumerable<int> categories) =>
        categories.OrderBy(c => c == None).ThenBy(PathOf, StringComparer.Ordinal);
}
