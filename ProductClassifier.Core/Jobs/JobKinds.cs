using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Jobs;

/// <summary>The kinds of job workers run, and the follow-ups other parts of the system queue.</summary>
public static class JobKinds
{
    public const string Train = "train";
    public const string PredictAll = "predict-all";
    public const string FineTuneRound = "fine-tune-round";

    /// <summary>Pretrained image and sentence features of the catalogue's products (all, or the listed ones), image embeddings to Postgres.</summary>
    public const string Featurize = "featurize";

    /// <summary>Picks the batch of a new labelling round with the active model.</summary>
    public const string OpenRound = "open-round";

    /// <summary>Brings the catalogue's similarity index up to date with its image embeddings in Postgres.</summary>
    public const string IndexSimilarity = "index-similarity";

    /// <summary>Trains the catalogue's learned image embedding (a new version) and writes every product's learned embedding.</summary>
    public const string TrainEmbedding = "train-embedding";

    /// <summary>
    /// After an ingest: queues a predict job for the new and changed products when the catalogue has an active model
    /// (returns the job, or null when there is nothing to do).
    /// </summary>
    public static async Task<Job?> QueuePredictionsAsync(ClassifierDb db, Catalogue catalogue, IReadOnlyCollection<long> productIds,
        CancellationToken ct = default)
    {
        if (productIds.Count == 0 || !await db.ModelVersions.AnyAsync(v => v.CatalogueId == catalogue.Id && v.IsActive, ct)) return null;
        return await new JobQueue(db).EnqueueAsync(catalogue.Id, PredictAll,
            JsonSerializer.Serialize(new { productIds }, new JsonSerializerOptions(JsonSerializerDefaults.Web)), ct);
    }

    /// <summary>
    /// After an ingest or a dataset import: queues a featurize job for the new and changed products (their features are
    /// cached by content, so a product whose image and text did not change costs nothing), followed, when the catalogue
    /// has an active model, by a predict job for them. Returns the featurize job, or null when there is nothing to do.
    /// </summary>
    public static async Task<Job?> QueueAfterIngestAsync(ClassifierDb db, Catalogue catalogue, IReadOnlyCollection<long> productIds,
        CancellationToken ct = default)
    {
        if (productIds.Count == 0) return null;
        var ids = JobChain.Parameters(new { productIds });
        List<JobStep> steps = [new(Featurize, ids)];
        if (await db.ModelVersions.AnyAsync(v => v.CatalogueId == catalogue.Id && v.IsActive, ct)) steps.Add(new(PredictAll, ids.DeepClone().AsObject()));
        return await JobChain.QueueAsync(db, catalogue.Id, steps, ct);
    }

    /// <summary>
    /// After new or changed image embeddings: queues an index-similarity job unless one is already waiting (it will
    /// pick these up too). Returns the job queued, or null.
    /// </summary>
    public static async Task<Job?> QueueSimilarityIndexAsync(ClassifierDb db, Catalogue catalogue, CancellationToken ct = default)
    {
        if (await db.Jobs.AnyAsync(j => j.CatalogueId == catalogue.Id && j.Kind == IndexSimilarity && j.Status == JobStatus.Queued, ct))
            return null;
        return await new JobQueue(db).EnqueueAsync(catalogue.Id, IndexSimilarity, ct: ct);
    }
}
