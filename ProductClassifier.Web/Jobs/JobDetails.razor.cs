using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Web.Jobs;

/// <summary>One job's learning curves (loss, validation micro-F1 per epoch and run), evaluation and event log.</summary>
public sealed partial class JobDetails
{
    private List<ChartSeries<double>> _loss = [], _validation = [];
    private string[] _lossLabels = [], _validationLabels = [];
    private EvaluationEvent? _evaluation;
    private List<CategoryRow> _categories = [];

    [Parameter, EditorRequired] public JobRow Job { get; set; } = default!;
    [Parameter, EditorRequired] public IReadOnlyList<JobEventMessage> Events { get; set; } = [];

    protected override void OnParametersSet()
    {
        var events = Events.Select(e => e.Read()).ToList();
        (_loss, _lossLabels) = Curves(events.OfType<EpochEvent>().Select(e => (e.Run, e.Epoch, (double)e.TrainLoss)));
        (_validation, _validationLabels) = Curves(events.OfType<ValidationEvent>().Select(e => (e.Run, e.Epoch, (double)e.MicroF1)));
        _evaluation = events.OfType<EvaluationEvent>().LastOrDefault();
        _categories = _evaluation?.Categories.Select(c => new CategoryRow(c.Category, c.Precision, c.Recall, c.F1, c.Support)).ToList() ?? [];
    }

    /// <summary>One series per training run (a member, a fold): its values by epoch.</summary>
    private static (List<ChartSeries<double>>, string[]) Curves(IEnumerable<(string Run, int Epoch, double Value)> values)
    {
        var points = values.ToList();
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

    private static string Number(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Summary(JobEventMessage e)
    {
        if (e.Read() is { } payload) return payload.Describe();
        var text = e.Payload.GetRawText();
        return text.Length > 160 ? text[..160] + "…" : text;
    }
}

/// <summary>A category's ground-truth metrics in a job's evaluation.</summary>
public sealed record CategoryRow(string Category, double Precision, double Recall, double F1, int Support);
