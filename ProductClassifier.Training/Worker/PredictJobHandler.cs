using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// A predict-all job: scores the catalogue's products (or the listed ones) with the active model and writes their
/// categories above threshold, top N, to <c>predictions</c> in chunks, pausing between chunks so the database keeps
/// serving the UI.
/// </summary>
public sealed class PredictJobHandler(ModelStore models, ImageStore images, Func<string, PretrainedFeatures> pretrained) : IJobHandler
{
    public const string JobKind = JobKinds.PredictAll;

    public string Kind => JobKind;

    public sealed class Parameters
    {
        /// <summary>Only these products (e.g. new and changed after an ingest); null: all.</summary>
        public long[]? ProductIds { get; set; }
        public int Top { get; set; } = 10;
        public int ChunkSize { get; set; } = 2000;
        public int PauseMilliseconds { get; set; } = 50;
    }

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var parameters = context.Parameters<Parameters>();
        var db = context.Db;
        var catalogue = await db.Catalogues.SingleAsync(c => c.Id == context.Job.CatalogueId, ct);
        var version = await ModelStore.ResolveAsync(db, catalogue, null, ct);
        using var classifier = TrainedClassifier.Load(models.PathOf(version), context.Device);
        var corpus = await CorpusLoader.FromDatabaseAsync(db, catalogue, r => images.PathOf(catalogue.Name, r), ct);
        context.ReportProgress(0.01, "features");
        using var source = pretrained(catalogue.Name);
        var features = await classifier.FeaturesAsync(corpus.Products, source, ct);

        var wanted = parameters.ProductIds?.ToHashSet();
        var rows = Enumerable.Range(0, corpus.Products.Count).Where(i => wanted is null || wanted.Contains(corpus.Products[i].Id)).ToArray();
        var writer = new PredictionWriter(db, catalogue, classifier, version, parameters.Top);
        var clock = Stopwatch.StartNew();
        var done = 0;
        foreach (var chunk in rows.Chunk(Math.Max(1, parameters.ChunkSize)))
        {
            await writer.WriteAsync(corpus, features, chunk, ct);
            done += chunk.Length;
            context.ReportProgress((double)done / rows.Length, $"{done:N0} of {rows.Length:N0} products");
            await Task.Delay(parameters.PauseMilliseconds, ct);
        }
        context.Emit(new PredictionsEvent(version.Number, done, done / Math.Max(clock.Elapsed.TotalSeconds, 1e-6)));
    }
}
