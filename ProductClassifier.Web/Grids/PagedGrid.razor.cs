using System.Globalization;
using Microsoft.AspNetCore.Components;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Grids;

/// <summary>Sorting, paging and CSV export of an in-memory list; the caller filters it.</summary>
public sealed partial class PagedGrid<T>
{
    private IReadOnlyList<T>? _items;
    private List<T> _sorted = [];
    private GridColumn<T>? _sortColumn;
    private bool _descending;
    private int _page = 1;
    private bool _sortChosen;

    [Inject] private Downloads Downloads { get; set; } = default!;

    [Parameter, EditorRequired] public IReadOnlyList<T> Items { get; set; } = [];
    [Parameter, EditorRequired] public IReadOnlyList<GridColumn<T>> Columns { get; set; } = [];

    /// <summary>The column sorted by at first (its <see cref="GridColumn{T}.Key"/>); none: the order given.</summary>
    [Parameter] public string? SortKey { get; set; }
    [Parameter] public bool SortDescending { get; set; }
    [Parameter] public int PageSize { get; set; } = 50;
    [Parameter] public EventCallback<T> OnRowClick { get; set; }
    [Parameter] public Func<T, bool>? IsSelected { get; set; }

    /// <summary>A row's <c>data-row</c> attribute, for tests and links.</summary>
    [Parameter] public Func<T, string>? RowKey { get; set; }

    /// <summary>The CSV file's name, without extension.</summary>
    [Parameter] public string ExportName { get; set; } = "grid";
    [Parameter] public string? TestId { get; set; }
    [Parameter] public RenderFragment? ToolBarContent { get; set; }
    [Parameter] public string EmptyText { get; set; } = "Nothing to show.";

    private int PageCount => Math.Max(1, (Items.Count + PageSize - 1) / PageSize);

    private IEnumerable<T> PageItems => _sorted.Skip((_page - 1) * PageSize).Take(PageSize);

    private string RangeText => Items.Count == 0 ? "0 rows"
        : string.Create(CultureInfo.InvariantCulture, $"{(_page - 1) * PageSize + 1:N0}–{Math.Min(_page * PageSize, Items.Count):N0} of {Items.Count:N0}");

    protected override void OnParametersSet()
    {
        if (!_sortChosen)
        {
            _sortColumn = Columns.FirstOrDefault(c => c.Key == SortKey);
            _descending = SortDescending;
        }
        if (!ReferenceEquals(_items, Items))
        {
            _items = Items;
            _page = 1;
            Resort();
        }
        _page = Math.Min(_page, PageCount);
    }

    private void Sort(GridColumn<T> column)
    {
        _descending = column == _sortColumn ? !_descending : column.Numeric;
        _sortColumn = column;
        _sortChosen = true;
        _page = 1;
        Resort();
    }

    private void Resort()
    {
        if (_sortColumn is not { } column)
        {
            _sorted = [.. Items];
            return;
        }
        var comparer = new GridValueComparer(_descending);
        _sorted = [.. Items.OrderBy(column.Value, comparer)];
    }

    private string Arrow(GridColumn<T> column) => column != _sortColumn ? "" : _descending ? " ▼" : " ▲";

    private string RowClass(T item) =>
        (IsSelected?.Invoke(item) == true ? "grid-selected " : "") + (OnRowClick.HasDelegate ? "grid-clickable" : "");

    private Task ExportAsync()
    {
        var rows = _sorted.Select(item => (IReadOnlyList<string>)Columns.Select(c => c.Text(item)).ToArray())
            .Prepend(Columns.Select(c => c.Title).ToArray());
        return Downloads.SaveAsync($"{ExportName}.csv", "text/csv", Csv.Write(rows));
    }
}
