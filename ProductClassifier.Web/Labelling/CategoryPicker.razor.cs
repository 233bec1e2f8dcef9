using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MudBlazor.Extensions;

namespace ProductClassifier.Web.Labelling;

/// <summary>
/// Ticks categories by type-ahead search or by browsing the tree, with recent and frequent categories one click
/// away. A selected category implies all its ancestors: they show ticked and greyed, and cannot be unticked
/// while something below them is selected (untick that instead) — a label that kept a leaf but dropped its
/// parent would contradict the tree, and silently dropping the leaf would lose work.
/// </summary>
public sealed partial class CategoryPicker
{
    private CategoryIndex _index = null!;
    private readonly HashSet<int> _seenSelected = [];
    private HashSet<int> _implied = [];
    private readonly HashSet<int> _expanded = [];
    private MudTextField<string> _searchField = null!;
    private string _query = "";
    private CategorySearchResult _result = CategorySearchResult.Empty;
    private int _highlight;

    /// <summary>Selects the search box in the page, for <see cref="LabellingShortcuts.SearchBox"/>.</summary>
    public const string SearchBoxSelector = "input[data-picker-search]";

    /// <summary>The whole taxonomy. Pass the same list instance on every render: the search index is built once per list.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<PickerCategory> Categories { get; set; } = [];

    /// <summary>The categories the labeller chose (ancestors they imply need not be in it).</summary>
    [Parameter] public IReadOnlySet<int> Selected { get; set; } = new HashSet<int>();

    /// <summary>Raised with the new selection (a new set) after each toggle; with <see cref="Selected"/> it allows <c>@bind-Selected</c>.</summary>
    [Parameter] public EventCallback<IReadOnlySet<int>> SelectedChanged { get; set; }

    /// <summary>Raised with the category the labeller ticked or unticked (never an implied one).</summary>
    [Parameter] public EventCallback<int> OnToggle { get; set; }

    /// <summary>Categories the labeller chose lately, most recent first; shown as chips.</summary>
    [Parameter] public IReadOnlyList<int> Recent { get; set; } = [];

    /// <summary>Categories the labeller chooses most, most frequent first; shown as chips.</summary>
    [Parameter] public IReadOnlyList<int> Frequent { get; set; } = [];

    /// <summary>The most search results shown at once; the rest are counted, not rendered.</summary>
    [Parameter] public int MaxResults { get; set; } = 50;

    /// <summary>Milliseconds of quiet typing before the search runs (each search is a round trip).</summary>
    [Parameter] public int SearchDebounceMs { get; set; } = 120;

    /// <summary>CSS height of the scrolling list of results or tree.</summary>
    [Parameter] public string ListHeight { get; set; } = "22rem";

    /// <summary>Moves the keyboard focus to the search box and selects its text (for the "/" shortcut).</summary>
    public async Task FocusSearchAsync()
    {
        await _searchField.FocusAsync();
        await _searchField.SelectAsync();
    }

    protected override void OnParametersSet()
    {
        var index = CategoryIndex.For(Categories);
        if (!ReferenceEquals(index, _index))
        {
            _index = index;
            _expanded.Clear();
            _seenSelected.Clear();
            _result = _index.Search(_query, MaxResults);
        }
        // The tree opens onto each newly selected category, wherever it was chosen (the card, a chip, the next
        // product's suggestions); it never closes what the labeller opened. Sets are compared by content, not
        // reference, because a caller may change its set in place.
        foreach (var id in Selected)
            if (_seenSelected.Add(id)) _expanded.UnionWith(_index.AncestorsOf(id));
        _seenSelected.IntersectWith(Selected);
        _implied = _index.Implied(Selected);
    }

    private bool IsTicked(int id) => Selected.Contains(id) || _implied.Contains(id);

    private async Task ToggleAsync(int id)
    {
        if (_implied.Contains(id) || _index.Find(id) is null) return;
        var next = new HashSet<int>(Selected);
        if (!next.Remove(id)) next.Add(id);
        await OnToggle.InvokeAsync(id);
        await SelectedChanged.InvokeAsync(next);
    }

    private void Search(string? text)
    {
        _query = text ?? "";
        _result = _index.Search(_query, MaxResults);
        _highlight = 0;
    }

    private async Task SearchKeyDownAsync(KeyboardEventArgs e)
    {
        // The debounced value can trail the typed text by a few milliseconds; Enter acts on what is typed.
        if (e.Key is "Enter" or "ArrowDown" or "ArrowUp" && _searchField.GetState(f => f.Text) is var typed && (typed ?? "") != _query)
            Search(typed);
        switch (e.Key)
        {
            case "ArrowDown": _highlight = Math.Min(_highlight + 1, Math.Max(_result.Hits.Count - 1, 0)); break;
            case "ArrowUp": _highlight = Math.Max(_highlight - 1, 0); break;
            case "Enter" when _highlight < _result.Hits.Count: await ToggleAsync(_result.Hits[_highlight].Id); break;
            case "Escape": await _searchField.ClearAsync(); Search(""); break;
        }
    }

    private void ToggleExpanded(int id)
    {
        if (!_expanded.Remove(id)) _expanded.Add(id);
    }

    /// <summary>The tree's visible rows: the roots, and the children of every expanded row, in order.</summary>
    private List<PickerCategory> VisibleRows()
    {
        var rows = new List<PickerCategory>();
        void Add(IReadOnlyList<PickerCategory> level)
        {
            foreach (var category in level)
            {
                rows.Add(category);
                if (_expanded.Contains(category.Id)) Add(_index.ChildrenOf(category.Id));
            }
        }
        Add(_index.Roots);
        return rows;
    }

    private List<PickerCategory> Chips(IReadOnlyList<int> ids) =>
        [.. ids.Distinct().Select(_index.Find).OfType<PickerCategory>()];

    /// <summary>A short name that still tells "Cases" of phones from "Cases" of cameras: parent › name.</summary>
    private static string ShortName(PickerCategory category)
    {
        var parent = Core.Taxonomy.CategoryPath.ParentOf(category.Path);
        if (parent is null) return category.Name;
        var cut = parent.LastIndexOf(Core.Taxonomy.Category.PathSeparator, StringComparison.Ordinal);
        return $"{(cut < 0 ? parent : parent[(cut + Core.Taxonomy.Category.PathSeparator.Length)..])} › {category.Name}";
    }

    private static string? ParentPath(PickerCategory category) =>
        Core.Taxonomy.CategoryPath.ParentOf(category.Path)?.Replace(Core.Taxonomy.Category.PathSeparator, " › ");
}
