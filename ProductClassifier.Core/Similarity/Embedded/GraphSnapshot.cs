namespace ProductClassifier.Core.Similarity.Embedded;

/// <summary>
/// A graph and the categories of its products, and how a query is answered from them. Reference-counted: a reader
/// swapping in a newer file frees the old graph only when the last search on it has finished.
/// </summary>
internal sealed class GraphSnapshot(HnswGraph graph, Dictionary<long, int[]> categories, int exactCategoryLimit)
{
    private Dictionary<int, long[]>? _members;
    private int _references = 1;

    public HnswGraph Graph { get; } = graph;
    public Dictionary<long, int[]> Categories { get; } = categories;

    public IReadOnlyList<SimilarProduct> Search(SimilarityQuery query)
    {
        if (query.K <= 0) return [];
        if (query.CategoryId is not { } category) return Unfiltered(query);
        var members = Members().GetValueOrDefault(category) ?? [];
        return members.Length <= exactCategoryLimit ? Exact(query, members) : Filtered(query, category);
    }

    /// <summary>Drops the category lists after the writer changed <see cref="Categories"/>.</summary>
    public void CategoriesChanged() => _members = null;

    public bool TryAcquire()
    {
        for (var seen = Volatile.Read(ref _references); seen > 0; seen = Volatile.Read(ref _references))
            if (Interlocked.CompareExchange(ref _references, seen + 1, seen) == seen) return true;
        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0) Graph.Dispose();
    }

    private List<SimilarProduct> Unfiltered(SimilarityQuery query)
    {
        var wanted = query.K + (query.ExcludeProductId is null ? 0 : 1);
        var (keys, distances) = (new long[wanted], new float[wanted]);
        var found = Graph.Search(query.Vector, keys, distances);
        return Enumerable.Range(0, found).Where(i => keys[i] != query.ExcludeProductId)
            .Select(i => new SimilarProduct(keys[i], distances[i])).Take(query.K).ToList();
    }

    // A graph walk that only admits the category's members: USearch keeps exploring until it has found k of them.
    private List<SimilarProduct> Filtered(SimilarityQuery query, int category)
    {
        var (keys, distances) = (new long[query.K], new float[query.K]);
        var found = Graph.Search(query.Vector,
            key => key != query.ExcludeProductId && Categories.TryGetValue(key, out var ids) && Array.IndexOf(ids, category) >= 0,
            keys, distances);
        return Enumerable.Range(0, found).Select(i => new SimilarProduct(keys[i], distances[i])).ToList();
    }

    // A small category: a filtered walk could starve (too few members near the entry points), and scanning is cheap.
    private List<SimilarProduct> Exact(SimilarityQuery query, long[] members)
    {
        var (keys, distances, found) = (new long[query.K], new float[query.K], 0);
        var vector = new float[Graph.Dimensions];
        foreach (var key in members)
        {
            if (key == query.ExcludeProductId || !Graph.TryGet(key, vector)) continue;
            ExactSearch.Insert(keys.AsSpan(), distances, ref found, query.K, key, ExactSearch.CosineDistance(query.Vector, vector));
        }
        return Enumerable.Range(0, found).Select(i => new SimilarProduct(keys[i], distances[i])).ToList();
    }

    private Dictionary<int, long[]> Members()
    {
        var members = Volatile.Read(ref _members);
        if (members is not null) return members;
        members = Categories.SelectMany(e => e.Value.Select(c => (Category: c, Key: e.Key)))
            .GroupBy(x => x.Category).ToDictionary(g => g.Key, g => g.Select(x => x.Key).ToArray());
        Volatile.Write(ref _members, members);
        return members;
    }
}
