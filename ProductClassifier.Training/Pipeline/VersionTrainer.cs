using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Learning;

namespace ProductClassifier.Training.Pipeline;

/// <summary>
/// Trains a new model version of a catalogue and registers it: the same steps for `./pc train` and the worker's
/// train jobs. The version only becomes active once everything is saved, so a failed or cancelled training never
/// changes the active model; per-epoch checkpoints in <see cref="TrainRequest.CheckpointFolder"/> let a crashed one resume.
/// </summary>
public sealed class VersionTrainer(ClassifierDb db, ModelStore models, IMetricsSink sink, IPretrainedFeatures? pretrained)
{
    /// <summary>The job training for, when a worker does: the version is registered only while the job is still its own.</summary>
    public JobOwnership? Owner { get; init; }

    public async Task<(ModelVersion Version, EvaluationReport Report, string Served)> TrainAsync(Catalogue catalogue,
        Core.Features.Corpus corpus, TrainRequest request, bool activate, string checkpointFolder, CancellationToken ct)
    {
        var (classifier, report) = await new ClassifierTrainer(sink, pretrained).TrainAsync(corpus,
            request with { CheckpointFolder = checkpointFolder }, ct);
        using (classifier)
        {
            var (number, folder) = await models.NextFolderAsync(db, catalogue, ct);
            ModelVersion version;
            try
            {
                classifier.Save(Path.Combine(models.Root, folder));
                var device = TorchRuntime.ResolveDevice(request.Device).type.ToString().ToLowerInvariant();
                var (human, rules) = LabelCounts(corpus);
                version = await models.RegisterAsync(db, catalogue,
                    new VersionRegistration(number, folder, string.Join(",", classifier.ModelNames), report.ToJson(), device)
                    {
                        HumanLabels = human,
                        RuleLabels = rules,
                        TestPredictions = report.TestPredictions,
                        Owner = Owner,
                    }, activate, ct);
            }
            catch
            {
                models.Discard(folder);
                throw;
            }
            if (Directory.Exists(checkpointFolder)) Directory.Delete(checkpointFolder, recursive: true);
            return (version, report, classifier.Served);
        }
    }

    /// <summary>Development products with a human label, and those the rules labelled instead: what the version learned from.</summary>
    public static (int Human, int Rules) LabelCounts(Core.Features.Corpus corpus)
    {
        var development = CorpusSplit.Of(corpus).Development.ToList();
        var human = development.Count(i => corpus.HumanLabels[i] is not null);
        return (human, development.Count(i => corpus.HumanLabels[i] is null && corpus.Products[i].FiredRules.Length > 0));
    }
}
