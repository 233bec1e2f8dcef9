using System.Globalization;
using Microsoft.AspNetCore.Components;
using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Web.Charts;
using ProductClassifier.Web.Grids;

namespace ProductClassifier.Web.Jobs;

/// <summary>
/// One job: its learning curves (loss and validation micro-F1 per epoch, one line per member), its evaluation and
/// per-category grid, and its events in words. The same whether the events come from history or arrive live.
/// </summary>
public sealed partial class JobDetails
{
    private static readonly IReadOnlyList<GridColumn<CategoryMetrics>> CategoryColumns =
    [
        new("category", "Category", c => c.Category),
        GridColumn<CategoryMetrics>.Number("f1", "F1", c => c.F1),
        GridColumn<CategoryMetrics>.Number("precision", "Precision", c => c.Precision),
        GridColumn<CategoryMetrics>.Number("recall", "Recall", c => c.Recall),
        GridColumn<CategoryMetrics>.Number("ap", "AP", c => c.AveragePrecision),
        GridColumn<CategoryMetrics>.Number("support", "Support", c => c.Support, "N0"),
    ];

    private IReadOnlyList<LineSeries> _loss = [], _score = [];
    private EvaluationEvent? _evaluation;
    private IReadOnlyList<CategoryMetrics> _categories = [];
    private List<JobEventPayload?> _payloads = [];
    private bool _allRuns, _hasFolds;

    [Parameter, EditorRequired] public JobRow Job { get; set; } = default!;
    [Parameter, EditorRequired] public IReadOnlyList<JobEventMessage> Events { get; set; } = [];

    protected override void OnParametersSet()
    {
        _payloads = Events.Select(e => e.Read()).ToList();
        _hasFolds = _payloads.OfType<EpochEvent>().Any(e => TrainingCurves.MemberOf(e.Run) != e.Run);
        Draw();
        _evaluation = _payloads.OfType<EvaluationEvent>().LastOrDefault();
        _categories = _evaluation?.Categories ?? [];
    }

    private void ShowAllRuns(bool value)
    {
        _allRuns = value;
        Draw();
    }

    private void Draw() => (_loss, _score) = TrainingCurves.From(_payloads, _allRuns);

    private static string EpochLabel(double epoch) => "epoch " + epoch.ToString("0", CultureInfo.InvariantCulture);
}
