using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ProductClassifier.Web.Jobs;

/// <summary>One job's learning curves (loss, validation micro-F1 per epoch and run), evaluation and event log.</summary>
public sealed partial class JobDetails
{
    private List<ChartSeries<double>> _loss = [], _validation = [];
    private string[] _lossLabels = [], _validationLabels = [];
    private JsonElement? _evaluation;
    private List<CategoryRow> _categories = [];

    [Parameter, EditorRequired] public JobRow Job { get; set; } = default!;
    [Parameter, EditorRequired] public IReadOnlyList<JobEventMessage> Events { get; set; } = [];

    protected override void OnParametersSet()
    {
        (_loss, _lossLabels) = Curves("epoch", "trainLoss");
        (_validation, _validationLabels) = Curves("validation", "microF1");
        _evaluation = Events.LastOrDefault(e => e.Type == "evaluation")?.Payload;
        _categories = _evaluation is { } evaluation && evaluation.TryGetProperty("categories", out var categories)
            ? categories.EnumerateArray().Select(c => new CategoryRow(c.GetProperty("category").GetString()!, c.GetProperty("precision").GetDouble(),
                c.GetProperty("recall").GetDouble(), c.GetProperty("f1").GetDouble(), c.GetProperty("support").GetInt32())).ToList()
            : [];
    }

    /// <summary>One series per training run (a member, a fold): <paramref name="field"/> of the events of <paramref name="type"/> by epoch.</summary>
    private (List<ChartSeries<double>>, string[]) Curves(string type, string field)
    {
        var points = Events.Where(e => e.Type == type)
            .Select(e => (Run: e.Payload.GetProperty("run").GetString()!, Epoch: e.Payload.GetProperty("epoch").GetInt32(), Value: e.Payload.GetProperty(field).GetDouble()))
            .ToList();
        if (points.Count == 0) return ([], []);
        var epochs = points.Max(p => p.Epoch);
        var series = points.GroupBy(p => p.Run).Select(run =>
        {
            // A run that stopped early has a shorter line; a resumed run's repeated epochs keep their last value.
            var values = run.GroupBy(p => p.Epoch).OrderBy(g => g.Key).Select(g => g.Last().Value).ToArray();
            return new ChartSeries<double> { Name = run.Key, Data = values };
        }).ToList();
        return (series, Enumerable.Range(1, epochs).Select(e => e.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    private static string Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("F3", CultureInfo.InvariantCulture) : "–";

    private static string Summary(JobEventMessage e)
    {
        var text = e.Payload.GetRawText();
        return text.Length > 160 ? text[..160] + "…" : text;
    }
}

/// <summary>A category's ground-truth metrics in a job's evaluation.</summary>
public sealed record CategoryRow(string Category, double Precision, double Recall, double F1, int Support);
