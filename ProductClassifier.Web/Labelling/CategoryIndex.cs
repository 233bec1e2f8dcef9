using System.Runtime.CompilerServices;

namespace ProductClassifier.Web.Labelling;

/// <summary>
/// A taxonomy prepared once for the picker: the tree (children, ancestors) and a word index for type-ahead.
/// Each query word must begin a word of the category's path; matches on the category's own name rank first
/// (the whole name, then its start, then its words), then matches only in ancestors, then, for queries of three
/// or more letters, matches inside a word ("phones" finds "Headphones").
/// </summary>
public sealed class CategoryIndex
{
    // One index per category list, shared by every circuit that renders the same list.
    private static readonly ConditionalWeakTable<IReadOnlyList<PickerCategory>, CategoryIndex> Shared = new();

    private readonly PickerCategory[] _items;
    private readonly Dictionary<int, int> _positionOf;
    private readonly int[] _parent;
    private readonly PickerCategory[][] _children;
    private readonly string[] _words;        // every distinct path word, sorted ordinally
    private readonly int[][] _postings;      // per word, the categories whose path has it (ascending positions)
    private readonly string[][] _nameWords;  // per category, the words of its own name
    private readonly string[] _normalName;   // per category, its name's words joined by spaces
    private readonly string[] _normalPath;   // per category, its path's words joined by spaces
    private readonly int[] _tieOrder;        // per category, its place by (depth, path): the order within a rank
    private readonly int[] _byTieOrder;      // the categories in that order

    public CategoryIndex(IReadOnlyList<PickerCategory> categories)
    {
        _items = [.. categories];
        _positionOf = new Dictionary<int, int>(_items.Length);
        for (var i = 0; i < _items.Length; i++) _positionOf.Add(_items[i].Id, i);

        _parent = [.. _items.Select(c => c.ParentId is { } p && _positionOf.TryGetValue(p, out var at) ? at : -1)];
        var children = new List<PickerCategory>[_items.Length];
        var roots = new List<PickerCategory>();
        for (var i = 0; i < _items.Length; i++)
        {
            if (_parent[i] < 0) roots.Add(_items[i]);
            else (children[_parent[i]] ??= []).Add(_items[i]);
        }
        _children = [.. children.Select(c => c is null ? [] : Sorted(c))];
        Roots = Sorted(roots);

        _nameWords = [.. _items.Select(c => SearchText.Tokens(c.Name))];
        _normalName = [.. _nameWords.Select(w => string.Join(' ', w))];
        var pathWords = _items.Select(c => SearchText.Tokens(c.Path)).ToArray();
        _normalPath = [.. pathWords.Select(w => string.Join(' ', w))];

        _byTieOrder = [.. Enumerable.Range(0, _items.Length).OrderBy(i => _items[i].Depth).ThenBy(i => _items[i].Path, StringComparer.Ordinal)];
        _tieOrder = new int[_items.Length];
        for (var place = 0; place < _byTieOrder.Length; place++) _tieOrder[_byTieOrder[place]] = place;

        var postings = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _items.Length; i++)
            foreach (var word in pathWords[i].Distinct())
            {
                if (!postings.TryGetValue(word, out var list)) postings.Add(word, list = []);
                list.Add(i);
            }
        _words = [.. postings.Keys];
        _postings = [.. postings.Values.Select(l => l.ToArray())];
    }

    /// <summary>The index of <paramref name="categories"/>, built on first use and kept while the list lives.</summary>
    public static CategoryIndex For(IReadOnlyList<PickerCategory> categories) =>
        Shared.GetValue(categories, c => new CategoryIndex(c));

    public int Count => _items.Length;

    /// <summary>Top-level categories (and any whose parent is missing), by name.</summary>
    public IReadOnlyList<PickerCategory> Roots { get; }

    public PickerCategory? Find(int id) => _positionOf.TryGetValue(id, out var at) ? _items[at] : null;

    /// <summary>The children of <paramref name="id"/>, by name.</summary>
    public IReadOnlyList<PickerCategory> ChildrenOf(int id) => _positionOf.TryGetValue(id, out var at) ? _children[at] : [];

    /// <summary>The parent of <paramref name="id"/>, its parent, … up to the top level.</summary>
    public IEnumerable<int> AncestorsOf(int id)
    {
        if (!_positionOf.TryGetValue(id, out var at)) yield break;
        // The bound guards against a cycle in data that did not come through the taxonomy parser.
        for (int p = _parent[at], steps = 0; p >= 0 && steps < _items.Length; p = _parent[p], steps++)
            yield return _items[p].Id;
    }

    /// <summary>The categories a selection implies: every ancestor of a selected category. A selected category is
    /// in it too when something selected lies below it.</summary>
    public HashSet<int> Implied(IEnumerable<int> selected)
    {
        var implied = new HashSet<int>();
        foreach (var id in selected)
            foreach (var ancestor in AncestorsOf(id))
                if (!implied.Add(ancestor)) break; // the rest of this line is in already
        return implied;
    }

    /// <summary>The full set of positive categories a selection stands for: the selection and its ancestors.</summary>
    public HashSet<int> WithAncestors(IEnumerable<int> selected)
    {
        var all = selected.Where(_positionOf.ContainsKey).ToHashSet();
        all.UnionWith(Implied(all));
        return all;
    }

    /// <summary>The best <paramref name="limit"/> matches of <paramref name="query"/>, best first.</summary>
    public CategorySearchResult Search(string? query, int limit = 50)
    {
        var queryWords = SearchText.Tokens(query ?? "").Distinct().ToArray();
        if (queryWords.Length == 0) return CategorySearchResult.Empty;
        var phrase = string.Join(' ', queryWords);

        // matched[i] counts the query words found so far in category i's path; a category stays in the running
        // only while it has matched every earlier word, so each query word costs one pass over its postings.
        var matched = new int[_items.Length];
        for (var q = 0; q < queryWords.Length; q++)
            for (var w = FirstWordStartingWith(queryWords[q]); w < _words.Length && _words[w].StartsWith(queryWords[q], StringComparison.Ordinal); w++)
                foreach (var i in _postings[w])
                    if (matched[i] == q) matched[i] = q + 1;

        // Sort keys pack (rank, place by depth and path) into one long: a broad query ("a") matches thousands.
        var keys = new List<long>();
        for (var i = 0; i < _items.Length; i++)
        {
            if (matched[i] == queryWords.Length) keys.Add(Key(RankOf(i, queryWords, phrase), i));
            else if (phrase.Length >= 3 && _normalPath[i].Contains(phrase, StringComparison.Ordinal)) keys.Add(Key(4, i));
        }
        keys.Sort();
        var best = keys.Take(limit).Select(k => _items[Position(k)]).ToList();
        return new CategorySearchResult(best, keys.Count);
    }

    private long Key(int rank, int position) => (long)rank << 32 | (uint)_tieOrder[position];

    private int Position(long key) => _byTieOrder[(int)(key & uint.MaxValue)];

    private int RankOf(int i, string[] queryWords, string phrase)
    {
        if (_normalName[i] == phrase) return 0;
        if (_normalName[i].StartsWith(phrase, StringComparison.Ordinal)) return 1;
        foreach (var query in queryWords)
            if (!StartsAWord(_nameWords[i], query)) return 3;
        return 2;
    }

    private static bool StartsAWord(string[] words, string prefix)
    {
        foreach (var word in words)
            if (word.StartsWith(prefix, StringComparison.Ordinal)) return true;
        return false;
    }

    private int FirstWordStartingWith(string prefix)
    {
        var at = Array.BinarySearch(_words, prefix, StringComparer.Ordinal);
        return at >= 0 ? at : ~at;
    }

    private static PickerCategory[] Sorted(IEnumerable<PickerCategory> categories) =>
        [.. categories.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
}
