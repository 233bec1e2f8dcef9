using ProductClassifier.Core.Features;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Training.Ensemble;

/// <summary>
/// Trains an ensemble: each member on k−1 folds to predict the held-out fold (out-of-fold logits for every row), the
/// meta-learner on those, and finally each member on all rows. With <see cref="StackingOptions.Folds"/> below 2 only the
/// final members are trained and the ensemble averages.
/// </summary>
public sealed class StackingTrainer(IMetricsSink sink)
{
    private readonly ModelTrainer trainer = new(sink);

    public EnsembleModel Train(IReadOnlyList<ModelSpec> members, FeatureSet features, LabelMatrix labels,
        StackingOptions options, CancellationToken ct)
    {
        EnsureDistinct(members);
        var rows = options.Rows?.ToArray() ?? Enumerable.Range(0, labels.Count).ToArray();
        TrainedModel? meta = null;
        if (options.Folds >= 2)
        {
            var outOfFold = OutOfFold(members, features, labels, options, ct);
            var metaFeatures = MetaFeatures.Build(features, outOfFold.Rows, outOfFold.Logits, labels.Categories);
            var metaLabels = SliceLabels(labels, outOfFold.Rows);
            meta = trainer.Train(ModelRegistry.Spec(MetaLearner.Architecture), TrainingData.All(metaFeatures, metaLabels),
                options.Meta with { CheckpointFolder = Subfolder(options.Meta, MetaLearner.Architecture) }, ct);
        }

        var trained = new List<TrainedModel>();
        foreach (var spec in members)
            trained.Add(trainer.Train(spec, new TrainingData(features, labels, rows),
                options.Members with { Run = spec.Name, CheckpointFolder = Subfolder(options.Members, spec.Name, "all") }, ct));
        return new EnsembleModel(trained, meta);
    }

    /// <summary>
    /// Fine-tunes a copy of every member on new labels (see <see cref="ModelTrainer.FineTune"/>); the given ensemble is
    /// left as it was. The meta-learner is copied unchanged: retraining it on the tuned members' in-sample logits would
    /// teach it to trust them more than they deserve on new products.
    /// </summary>
    /// <param name="memberData">Each member's own training data, built just before it is tuned; null: <paramref name="data"/> for all.</param>
    public EnsembleModel FineTune(EnsembleModel ensemble, TrainingData data, TrainingOptions options, CancellationToken ct,
        Func<TrainedModel, TrainingData>? memberData = null)
    {
        var tuned = new List<TrainedModel>();
        try
        {
            foreach (var member in ensemble.Members)
                tuned.Add(trainer.FineTune(member, memberData?.Invoke(member) ?? data, options with
                {
                    Run = member.Spec.Name,
                    CheckpointFolder = Subfolder(options, member.Spec.Name)
                }, ct));
        }
        catch
        {
            foreach (var model in tuned) model.Dispose();
            throw;
        }
        return new EnsembleModel(tuned, ensemble.Meta?.Clone());
    }

    /// <summary>Each member's logits for every development row from a model trained without that row's fold.</summary>
    public OutOfFoldPredictions OutOfFold(IReadOnlyList<ModelSpec> members, FeatureSet features, LabelMatrix labels,
        StackingOptions options, CancellationToken ct)
    {
        EnsureDistinct(members);
        var rows = options.Rows?.ToArray() ?? Enumerable.Range(0, labels.Count).ToArray();
        var folds = KFold.Assign(rows.Length, options.Folds, options.Members.Seed);
        var logits = members.Select(_ => new float[rows.Length * labels.Categories]).ToList();
        var trainedOn = new List<int[]>();
        for (var fold = 0; fold < options.Folds; fold++)
        {
            var heldOut = Enumerable.Range(0, rows.Length).Where(i => folds[i] == fold).ToArray();
            var train = Enumerable.Range(0, rows.Length).Where(i => folds[i] != fold).Select(i => rows[i]).ToArray();
            trainedOn.Add(train);
            var heldRows = heldOut.Select(i => rows[i]).ToArray();
            for (var m = 0; m < members.Count; m++)
            {
                var spec = members[m];
                var run = $"{spec.Name} fold {fold + 1}/{options.Folds}";
                using var model = trainer.Train(spec, new TrainingData(features, labels, train), options.Members with
                {
                    Run = run,
                    CheckpointFolder = Subfolder(options.Members, spec.Name, $"fold-{fold + 1}"),
                }, ct);
                var predicted = model.PredictLogits(features, heldRows);
                for (var k = 0; k < heldOut.Length; k++)
                    predicted.AsSpan(k * labels.Categories, labels.Categories)
                        .CopyTo(logits[m].AsSpan(heldOut[k] * labels.Categories));
            }
        }
        return new OutOfFoldPredictions(members.Select(s => s.Name).ToArray(), labels.Categories, rows, folds, trainedOn, logits);
    }

    private static string? Subfolder(TrainingOptions options, params string[] parts) =>
        options.CheckpointFolder is { } root ? Path.Combine([root, .. parts]) : null;

    private static void EnsureDistinct(IReadOnlyList<ModelSpec> members)
    {
        if (members.Count == 0) throw new ArgumentException("An ensemble needs at least one member.");
        if (members.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Two members are named '{twice.Key}'; member names must differ.");
    }

    private static LabelMatrix SliceLabels(LabelMatrix labels, IReadOnlyList<int> rows)
    {
        var c = labels.Categories;
        var targets = new float[rows.Count * c];
        var mask = new float[rows.Count * c];
        for (var r = 0; r < rows.Count; r++)
        {
            labels.Targets.AsSpan(rows[r] * c, c).CopyTo(targets.AsSpan(r * c));
            labels.Mask.AsSpan(rows[r] * c, c).CopyTo(mask.AsSpan(r * c));
        }
        return new LabelMatrix(c, targets, mask, rows.Select(r => labels.RowWeights[r]).ToArray());
    }
}
