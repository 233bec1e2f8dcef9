using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProductClassifier.Core;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Web.Charts;
using ProductClassifier.Web.Grids;
using ProductClassifier.Web.Jobs;
using ProductClassifier.Web.Metrics;

namespace ProductClassifier.Web.ModelVersions;

/// <summary>
/// <c>/models</c>: every version of the catalogue (how it was made, its scores, which is active), activation and roll
/// back for admins, and two versions compared per category (<c>?a=N&amp;b=M</c>). Reloads when a job finishes and shows
/// a running job's progress.
/// </summary>
public sealed partial class ModelsPage
{
    private static readonly IReadOnlyList<GridColumn<ComparisonRow>> BaseComparisonColumns =
    [
        new("path", "Category", r => r.Path),
        GridColumn<ComparisonRow>.Number("support", "n", r => r.Support, "N0") with { Description = "True products in the test set" },
        GridColumn<ComparisonRow>.Number("f1-a", "F1 A", r => r.F1A),
        GridColumn<ComparisonRow>.Number("f1-b", "F1 B", r => r.F1B),
        GridColumn<ComparisonRow>.Number("delta-f1", "Δ F1", r => r.DeltaF1),
        GridColumn<ComparisonRow>.Number("precision-a", "P A", r => r.PrecisionA),
        GridColumn<ComparisonRow>.Number("precision-b", "P B", r => r.PrecisionB),
        GridColumn<ComparisonRow>.Number("delta-precision", "Δ P", r => r.DeltaPrecision),
        GridColumn<ComparisonRow>.Number("recall-a", "R A", r => r.RecallA),
        GridColumn<ComparisonRow>.Number("recall-b", "R B", r => r.RecallB),
        GridColumn<ComparisonRow>.Number("delta-recall", "Δ R", r => r.DeltaRecall),
    ];

    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<GridColumn<VersionRow>> _columns = [];
    private IReadOnlyList<GridColumn<ComparisonRow>> _comparisonColumns = [];
    private IReadOnlyList<VersionRow> _versions = [];
    private IReadOnlyList<LineSeries> _history = [];
    private VersionComparison? _comparison;
    private JobProgressMessage? _running;
    private string? _catalogueName;
    private string? _error;
    private bool _isAdmin;

    [Inject] private IDbContextFactory<ClassifierDb> Dbs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private JobNotifier Notifier { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    [SupplyParameterFromQuery(Name = "catalogue")] public string? Catalogue { get; set; }
    [SupplyParameterFromQuery(Name = "a")] public int? A { get; set; }
    [SupplyParameterFromQuery(Name = "b")] public int? B { get; set; }
    [SupplyParameterFromQuery(Name = "set")] public string? Set { get; set; }

    private ErrorSet SetChosen => Set == "rules" ? ErrorSet.RuleTest : ErrorSet.GroundTruth;

    private int? ActiveNumber => _versions.FirstOrDefault(v => v.IsActive)?.Number;

    /// <summary>B: as asked, else the active version, else the newest. A: as asked, else the version before B.</summary>
    private int NumberB => B ?? ActiveNumber ?? _versions.FirstOrDefault()?.Number ?? 0;

    private int NumberA => A ?? _versions.Where(v => v.Number < NumberB).Select(v => v.Number).FirstOrDefault(
        _versions.FirstOrDefault(v => v.Number != NumberB)?.Number ?? 0);

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = Authentication is not null && (await Authentication).User.IsInRole(Roles.Admin);
        _columns =
        [
            GridColumn<VersionRow>.Number("number", "Version", v => v.Number, "'v'0"),
            new("created", "Created", v => v.CreatedAt) { Format = "yyyy-MM-dd HH:mm" },
            new("origin", "Made by", v => v.Origin),
            GridColumn<VersionRow>.Number("human", "Human labels", v => v.HumanLabels, "N0"),
            GridColumn<VersionRow>.Number("rules", "Rule labels", v => v.RuleLabels, "N0"),
            GridColumn<VersionRow>.Number("gt-macro", "GT macro-F1", v => v.Scores.GroundTruthMacroF1),
            GridColumn<VersionRow>.Number("gt-micro", "GT micro-F1", v => v.Scores.GroundTruthMicroF1),
            GridColumn<VersionRow>.Number("rt-macro", "RT macro-F1", v => v.Scores.RuleTestMacroF1),
            GridColumn<VersionRow>.Number("rt-micro", "RT micro-F1", v => v.Scores.RuleTestMicroF1),
            // Comma and space, so a long member list wraps instead of widening the table past the window.
            new("members", "Members", v => v.Members.Replace(",", ", ", StringComparison.Ordinal)),
            new("device", "Device", v => v.Device),
            new("state", "", v => v.IsActive ? "active" : "") { Template = StateCell },
        ];
        _comparisonColumns = BaseComparisonColumns.Select(c => c.Key.StartsWith("delta-", StringComparison.Ordinal) ? DeltaColumn(c) : c).ToList();
        Notifier.Received += OnJobEvent;
    }

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            await LoadAsync(_disposed.Token);
            _error = null;
        }
        catch (UserFacingException e)
        {
            _error = e.Message;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await Dbs.CreateDbContextAsync(ct);
        var catalogue = await CatalogueStore.ResolveAsync(db, Catalogue, ct);
        _catalogueName = catalogue.Name;
        _versions = await VersionList.LoadAsync(db, catalogue.Id, ct);
        if (_versions.Count == 0) throw new UserFacingException($"Catalogue '{catalogue.Name}' has no model yet: train one on the jobs page.");
        _history = History(_versions);
        _comparison = null;
        if (_versions.Count < 2) return;
        var a = await ModelStore.ResolveAsync(db, catalogue, NumberA, ct);
        var b = await ModelStore.ResolveAsync(db, catalogue, NumberB, ct);
        _comparison = await VersionComparison.LoadAsync(db, a, b, SetChosen, ct);
    }

    private async Task ActivateAsync(int number)
    {
        // The button shows for admins only; the check here is what keeps anyone else from activating.
        if (!_isAdmin) return;
        await using (var db = await Dbs.CreateDbContextAsync(_disposed.Token))
        {
            var catalogue = await CatalogueStore.ResolveAsync(db, _catalogueName, _disposed.Token);
            var version = await ModelStore.ResolveAsync(db, catalogue, number, _disposed.Token);
            await ModelStore.ActivateAsync(db, version, _disposed.Token);
        }
        Snackbar.Add($"Model v{number} is now active.", Severity.Success);
        await LoadAsync(_disposed.Token);
    }

    // A change reads with its sign and is coloured when it exceeds a point; the CSV gets the same signed text.
    private static GridColumn<ComparisonRow> DeltaColumn(GridColumn<ComparisonRow> column)
    {
        var signed = column with { Format = DeltaFormat };
        return signed with { Template = r => Delta(((double)signed.Value(r)!, signed.Text(r))) };
    }

    private void Navigate(Dictionary<string, object?> changes) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(changes), replace: true);

    // A running job's progress shows in the header; a finished one may have made a new version.
    private void OnJobEvent(JobEventMessage message) => _ = InvokeAsync(async () =>
    {
        switch (message.Read())
        {
            case ProgressEvent progress when progress.Progress < 1:
                _running = message.ToProgress();
                break;
            case StatusEvent { Status: not JobStatus.Queued and not JobStatus.Running }:
                if (_running?.JobId == message.JobId) _running = null;
                await LoadAsync(_disposed.Token);
                break;
            default:
                return;
        }
        StateHasChanged();
    });

    private static IReadOnlyList<LineSeries> History(IReadOnlyList<VersionRow> versions)
    {
        var ordered = versions.OrderBy(v => v.Number).ToList();
        LineSeries Line(string name, Func<VersionScores, double?> score) =>
            new(name, name, ordered.Where(v => score(v.Scores) is not null).Select(v => new ChartPoint(v.Number, score(v.Scores)!.Value)).ToList());
        return new[]
        {
            Line("ground-truth macro-F1", s => s.GroundTruthMacroF1), Line("ground-truth micro-F1", s => s.GroundTruthMicroF1),
            Line("rule-test macro-F1", s => s.RuleTestMacroF1), Line("rule-test micro-F1", s => s.RuleTestMicroF1),
        }.Where(l => l.Points.Count > 0).ToList();
    }

    private static string SummaryText(VersionComparison c)
    {
        var s = c.Summary;
        return string.Create(CultureInfo.InvariantCulture,
            $"v{c.NumberB} against v{c.NumberA}: {s.Better} categories better by more than a point of F1, {s.Worse} worse, {s.Same} within a point; " +
            $"macro-F1 {s.MacroF1A:F3} → {s.MacroF1B:F3} ({DeltaText(s.MacroF1B - s.MacroF1A)}), micro-F1 {s.MicroF1A:F3} → {s.MicroF1B:F3} ({DeltaText(s.MicroF1B - s.MicroF1A)}).");
    }

    // A plain hyphen for the minus sign, so that the CSV export (which writes the same text) reads back as numbers.
    private const string DeltaFormat = "+0.000;-0.000;0.000";

    private static string DeltaText(double delta) => delta.ToString(DeltaFormat, CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Notifier.Received -= OnJobEvent;
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
