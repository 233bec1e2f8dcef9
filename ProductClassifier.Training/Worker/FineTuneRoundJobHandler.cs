using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Rounds;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// A fine-tune-round job: finishes the open labelling round (fine-tune, evaluate, activate), opens the next one unless
/// told not to, and queues a predict-all job so every product shows the new version's categories.
/// </summary>
public sealed class FineTuneRoundJobHandler(ModelStore models, ImageStore images, Func<string, PretrainedFeatures> pretrained) : IJobHandler
{
    public string Kind => JobKinds.FineTuneRound;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var parameters = context.Parameters<RoundJobParameters>();
        var catalogue = await context.Db.Catalogues.SingleAsync(c => c.Id == context.Job.CatalogueId, ct);
        using var features = pretrained(catalogue.Name);
        var members = await MembersAsync(context, catalogue, ct);
        var rounds = new LabellingRounds(context.Db, models,
            c => CorpusLoader.FromDatabaseAsync(context.Db, c, r => images.PathOf(c.Name, r), ct), _ => features,
            new JobMetricsSink(context, expectedRuns: members))
        { Device = context.Device, Owner = context.Ownership };
        context.ReportProgress(0.01, "fine-tuning on the round's labels");
        LabellingBatch batch;
        ModelVersion version;
        EvaluationReport report;
        try
        {
            (batch, version, report) = await rounds.FinishAsync(catalogue, ct);
        }
        catch (RoundAlreadyFinishedException e)
        {
            // A second finish of the same round (a double click): the first one's result stands.
            context.ReportProgress(1, e.Message);
            return;
        }
        context.Emit(EvaluationEvents.Of(version, report) with { Round = batch.Round });
        var done = $"round {batch.Round} → model v{version.Number}";
        if (parameters.OpenNext)
        {
            context.ReportProgress(0.96, $"{done}; picking the next batch");
            var next = await rounds.OpenAsync(catalogue, QueryStrategyNames.Parse(parameters.Strategy), parameters.BatchSize, parameters.Seed, ct,
                parameters.OverlapFraction);
            done += $"; round {next.Round} open";
        }
        var predict = await new JobQueue(context.Db).EnqueueAsync(catalogue.Id, JobKinds.PredictAll, ct: ct);
        context.ReportProgress(1, $"{done}; predictions in job {predict.Id}");
    }

    /// <summary>How many members the active version fine-tunes, for the progress bar (one training run each).</summary>
    private static async Task<int> MembersAsync(JobContext context, Catalogue catalogue, CancellationToken ct)
    {
        var names = await context.Db.ModelVersions.Where(v => v.CatalogueId == catalogue.Id && v.IsActive).Select(v => v.Members).FirstOrDefaultAsync(ct);
        return Math.Max(1, names?.Split(',').Count(n => n is not ModelEvaluator.Average and not ModelEvaluator.Meta) ?? 1);
    }
}
