using ProductClassifier.Core.Jobs;
using ProductClassifier.Web.Charts;

namespace ProductClassifier.Web.Jobs;

/// <summary>
/// A job's learning curves from its epoch and validation events: per member one line, its latest run (a member trains
/// its folds, then on all rows), so the legend lists members, not every fold; the earlier runs can be shown faint.
/// </summary>
public static class TrainingCurves
{
    /// <summary>The member a run belongs to: "fasttext fold 2/3" → "fasttext".</summary>
    public static string MemberOf(string run) => run.IndexOf(" fold ", StringComparison.Ordinal) is var i and >= 0 ? run[..i] : run;

    /// <param name="allRuns">Also the members' earlier runs (folds), drawn faint.</param>
    public static (IReadOnlyList<LineSeries> Loss, IReadOnlyList<LineSeries> Score) From(IEnumerable<JobEventPayload?> events, bool allRuns = false)
    {
        var runs = new List<string>();
        var train = new Dictionary<string, SortedDictionary<int, double>>();
        var validationLoss = new Dictionary<string, SortedDictionary<int, double>>();
        var validationF1 = new Dictionary<string, SortedDictionary<int, double>>();
        foreach (var e in events)
        {
            // A resumed run repeats epochs: the last value of an epoch stands.
            switch (e)
            {
                case EpochEvent epoch:
                    Points(train, epoch.Run)[epoch.Epoch] = epoch.TrainLoss;
                    break;
                case ValidationEvent validation:
                    Points(validationLoss, validation.Run)[validation.Epoch] = validation.Loss;
                    Points(validationF1, validation.Run)[validation.Epoch] = validation.MicroF1;
                    break;
            }
        }
        var latest = runs.GroupBy(MemberOf).ToDictionary(g => g.Key, g => g.Last());
        var shown = runs.Where(r => allRuns || latest[MemberOf(r)] == r).ToList();

        var loss = new List<LineSeries>();
        var score = new List<LineSeries>();
        foreach (var run in shown)
        {
            var faint = latest[MemberOf(run)] != run;
            if (train.TryGetValue(run, out var t)) loss.Add(Line($"{run} training loss", run, t) with { Faint = faint });
            if (validationLoss.TryGetValue(run, out var v)) loss.Add(Line($"{run} validation loss", run, v) with { Dashed = true, Faint = faint });
            if (validationF1.TryGetValue(run, out var f)) score.Add(Line($"{run} validation micro-F1", run, f) with { Faint = faint });
        }
        return (loss, score);

        SortedDictionary<int, double> Points(Dictionary<string, SortedDictionary<int, double>> curves, string run)
        {
            if (!runs.Contains(run)) runs.Add(run);
            return curves.TryGetValue(run, out var points) ? points : curves[run] = [];
        }
    }

    private static LineSeries Line(string name, string run, SortedDictionary<int, double> points) =>
        new(name, MemberOf(run), points.Select(p => new ChartPoint(p.Key, p.Value)).ToList());
}
