using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Rounds;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Worker;

/// <summary>An open-round job: picks the batch of the catalogue's next labelling round with the active model (or leaves the open one).</summary>
public sealed class OpenRoundJobHandler(ModelStore models, ImageStore images, Func<string, PretrainedFeatures> pretrained) : IJobHandler
{
    public string Kind => JobKinds.OpenRound;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var parameters = context.Parameters<RoundJobParameters>();
        var catalogue = await context.Db.Catalogues.SingleAsync(c => c.Id == context.Job.CatalogueId, ct);
        using var features = pretrained(catalogue.Name);
        var rounds = new LabellingRounds(context.Db, models,
            c => CorpusLoader.FromDatabaseAsync(context.Db, c, r => images.PathOf(c.Name, r), ct), _ => features, NullMetricsSink.Instance)
        { Device = context.Device };
        context.ReportProgress(0.05, $"picking {parameters.BatchSize} products ({parameters.Strategy})");
        var batch = await rounds.OpenAsync(catalogue, QueryStrategyNames.Parse(parameters.Strategy), parameters.BatchSize, parameters.Seed, ct,
            parameters.OverlapFraction);
        var items = await context.Db.BatchItems.CountAsync(i => i.BatchId == batch.Id, ct);
        context.Emit(new RoundOpenedEvent(batch.Round, batch.Id, items, batch.Strategy));
        context.ReportProgress(1, $"round {batch.Round} is open: {items} products to label");
    }
}
