using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Web.Grids;
using ProductClassifier.Web.Jobs;

namespace ProductClassifier.Web.Metrics;

/// <summary>
/// <c>/metrics</c>: a version's served ensemble per category (the active one unless <c>?version=N</c>), filtered by
/// subtree, level and support, one page of rows at a time; a category's worst errors below. Follows a new active version
/// when a job finishes.
/// </summary>
public sealed partial class MetricsPage
{
    /// <summary>Products per error list.</summary>
    public const int ErrorLimit = 10;

    private static readonly IReadOnlyList<GridColumn<CategoryMetricsRow>> Columns =
    [
        new("path", "Category", r => r.Path),
        GridColumn<CategoryMetricsRow>.Number("level", "Level", r => r.Level, "0"),
        GridColumn<CategoryMetricsRow>.Number("gt-support", "GT n", r => r.GroundTruth?.Support, "N0") with { Description = "Ground-truth support" },
        GridColumn<CategoryMetricsRow>.Number("gt-precision", "GT P", r => r.GroundTruth?.Precision) with { Description = "Ground-truth precision" },
        GridColumn<CategoryMetricsRow>.Number("gt-recall", "GT R", r => r.GroundTruth?.Recall) with { Description = "Ground-truth recall" },
        GridColumn<CategoryMetricsRow>.Number("gt-f1", "GT F1", r => r.GroundTruth?.F1) with { Description = "Ground-truth F1" },
        GridColumn<CategoryMetricsRow>.Number("gt-ap", "GT AP", r => r.GroundTruth?.AveragePrecision) with { Description = "Ground-truth average precision" },
        GridColumn<CategoryMetricsRow>.Number("rt-support", "RT n", r => r.RuleTest?.Support, "N0") with { Description = "Rule-test support" },
        GridColumn<CategoryMetricsRow>.Number("rt-precision", "RT P", r => r.RuleTest?.Precision) with { Description = "Rule-test precision" },
        GridColumn<CategoryMetricsRow>.Number("rt-recall", "RT R", r => r.RuleTest?.Recall) with { Description = "Rule-test recall" },
        GridColumn<CategoryMetricsRow>.Number("rt-f1", "RT F1", r => r.RuleTest?.F1) with { Description = "Rule-test F1" },
        GridColumn<CategoryMetricsRow>.Number("rt-ap", "RT AP", r => r.RuleTest?.AveragePrecision) with { Description = "Rule-test average precision" },
    ];

    private readonly CancellationTokenSource _disposed = new();
    private (string?, int?) _loadedFor = ("", -1);
    private string? _catalogueName;
    private List<ModelVersion> _versions = [];
    private VersionMetrics? _metrics;
    private IReadOnlyList<CategoryMetricsRow> _rows = [];
    private MetricsFilter _filter = new();
    private CategoryMetricsRow? _selected;
    private CategoryErrors? _errors;
    private string? _error;

    [Inject] private IDbContextFactory<ClassifierDb> Dbs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private JobNotifier Notifier { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "catalogue")] public string? Catalogue { get; set; }
    [SupplyParameterFromQuery(Name = "version")] public int? Version { get; set; }
    [SupplyParameterFromQuery(Name = "category")] public int? Category { get; set; }
    [SupplyParameterFromQuery(Name = "set")] public string? Set { get; set; }

    private ErrorSet ErrorSetChosen => Set == "rules" ? ErrorSet.RuleTest : ErrorSet.GroundTruth;

    protected override void OnInitialized() => Notifier.Received += OnJobEvent;

    // The address holds the version, the chosen category and the error set; the metrics load again only for another version.
    protected override async Task OnParametersSetAsync()
    {
        var ct = _disposed.Token;
        try
        {
            if (_loadedFor != (Catalogue, Version)) await LoadAsync(ct);
            _error = null;
            _selected = _metrics?.Rows.FirstOrDefault(r => r.CategoryId == Category);
            _errors = null;
            if (_selected is not null && _metrics is not null)
            {
                await using var db = await Dbs.CreateDbContextAsync(ct);
                _errors = await CategoryErrors.LoadAsync(db, _metrics.Version, _selected.CategoryId, ErrorSetChosen, ErrorLimit, ct);
            }
        }
        catch (UserFacingException e)
        {
            (_error, _metrics) = (e.Message, null);
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await Dbs.CreateDbContextAsync(ct);
        var catalogue = await CatalogueStore.ResolveAsync(db, Catalogue, ct);
        _catalogueName = catalogue.Name;
        _versions = await db.ModelVersions.AsNoTracking().Where(v => v.CatalogueId == catalogue.Id).OrderByDescending(v => v.Number).ToListAsync(ct);
        _loadedFor = (Catalogue, Version);
        if (_versions.Count == 0) throw new UserFacingException($"Catalogue '{catalogue.Name}' has no model yet: train one on the jobs page.");
        var version = await ModelStore.ResolveAsync(db, catalogue, Version, ct);
        _metrics = await VersionMetrics.LoadAsync(db, version, ct);
        _rows = _filter.Apply(_metrics.Rows);
    }

    private void Filter(MetricsFilter filter)
    {
        _filter = filter;
        _rows = _metrics is null ? [] : filter.Apply(_metrics.Rows);
    }

    private void SubtreeChanged(string? subtree) => Filter(_filter with { Subtree = string.IsNullOrWhiteSpace(subtree) ? null : subtree });

    private void LevelChanged(int? level) => Filter(_filter with { Level = level });

    private void MinimumSupportChanged(int support) => Filter(_filter with { MinimumSupport = Math.Max(0, support) });

    private void Select(CategoryMetricsRow row) => Navigate(new() { ["category"] = row.CategoryId });

    private void ChooseVersion(int number) =>
        Navigate(new() { ["version"] = _versions.FirstOrDefault(v => v.Number == number)?.IsActive == true ? null : number, ["category"] = null });

    private void SetChanged(ErrorSet set) => Navigate(new() { ["set"] = set == ErrorSet.RuleTest ? "rules" : null });

    private void Navigate(Dictionary<string, object?> changes) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(changes), replace: true);

    // A job that finishes may have activated a new version: follow it unless a version was chosen.
    private void OnJobEvent(JobEventMessage message)
    {
        if (Version is not null || message.Read() is not StatusEvent { Status: JobStatus.Succeeded }) return;
        _ = InvokeAsync(async () =>
        {
            _loadedFor = ("", -1);
            await OnParametersSetAsync();
            StateHasChanged();
        });
    }

    private string CountsText(CategoryErrors errors) => string.Create(CultureInfo.InvariantCulture,
        $"{errors.FalsePositiveCount:N0} false positives and {errors.FalseNegativeCount:N0} false negatives on the " +
        $"{(ErrorSetChosen == ErrorSet.GroundTruth ? "ground-truth" : "rule-labelled")} test set");

    private static string Score(double? value) => value?.ToString("F3", CultureInfo.InvariantCulture) ?? "–";

    public void Dispose()
    {
        Notifier.Received -= OnJobEvent;
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
