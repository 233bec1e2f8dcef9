using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.Models;
using ProductClassifier.Training.ActiveLearning;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Worker;

/// <summary>A fine-tune-round job: finishes the open labelling round (fine-tune, evaluate, activate), then opens the next batch.</summary>
public sealed class FineTuneRoundJobHandler(ModelStore models, ImageStore images, Func<string, PretrainedFeatures> pretrained) : IJobHandler
{
    public string Kind => JobKinds.FineTuneRound;

    public sealed class Parameters
    {
        public string Strategy { get; set; } = "uncertainty-disagreement";
        public int BatchSize { get; set; } = 100;
        public int Seed { get; set; } = 1;
    }

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var parameters = context.Parameters<Parameters>();
        var catalogue = await context.Db.Catalogues.SingleAsync(c => c.Id == context.Job.CatalogueId, ct);
        using var features = pretrained(catalogue.Name);
        var rounds = new LabellingRounds(context.Db, models,
            c => CorpusLoader.FromDatabaseAsync(context.Db, c, r => images.PathOf(c.Name, r), ct), _ => features,
            new JobMetricsSink(context, expectedRuns: 6)) { Device = context.Device, Owner = context.Ownership };
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
        context.ReportProgress(0.9, "picking the next batch");
        var next = await rounds.OpenAsync(catalogue, QueryStrategyNames.Parse(parameters.Strategy), parameters.BatchSize, parameters.Seed + batch.Round, ct);
        context.ReportProgress(1, $"round {batch.Round} → model v{version.Number}; round {next.Round} open");
    }
}
