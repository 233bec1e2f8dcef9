using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Training.Learning;

/// <summary>
/// Learns a catalogue's image embedding: trains a <see cref="LearnedEmbedding"/> head over the pretrained ResNet18
/// rows in Postgres on labellers' decisions and rule labels (never reference labels; never products of the test split),
/// stores it as the next version under the model store, and writes every product's learned embedding to Postgres
/// (<see cref="LearnedEmbedding.Model"/> rows), where a similarity index using the learned embedding catches up.
/// </summary>
public static class EmbeddingLearning
{
    public static async Task<EmbeddingLearningResult> RunAsync(ClassifierDb db, Catalogue catalogue, string modelsRoot, int epochs = 30,
        int seed = 1, Action<int, double>? epochDone = null, CancellationToken ct = default)
    {
        var rows = await (from e in db.ProductEmbeddings.AsNoTracking()
                          join p in db.Products on e.ProductId equals p.Id
                          where p.CatalogueId == catalogue.Id && p.GoneAt == null && e.Model == ImageFeaturizer.Model && e.Vector != null
                          orderby e.ProductId
                          select new { e.ProductId, e.Vector, Key = p.Source + ":" + p.ExternalId }).ToListAsync(ct);
        if (rows.Count == 0)
            throw new Core.UserFacingException($"Catalogue '{catalogue.Name}' has no pretrained image embeddings in Postgres: run ./pc featurize first.");
        var categories = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == catalogue.Id)
            .Select(c => new { c.Id, c.Depth, c.ParentId }).ToListAsync(ct);
        var depths = categories.ToDictionary(c => c.Id, c => c.Depth);
        var parents = categories.ToDictionary(c => c.Id, c => c.ParentId);
        var labels = await ProductCategories.ForLearningAsync(db, rows.Select(r => r.ProductId).ToList(), ct);

        var training = rows.Where(r => !StableSplit.IsTest(r.Key)).ToList();
        var paths = training.Select(r => WithAncestors(labels.GetValueOrDefault(r.ProductId) ?? [], parents)).ToList();
        var labelled = paths.Count(p => p.Length > 0);
        var (head, firstLoss, finalLoss) = EmbeddingHeadTrainer.Train(training.Select(r => r.Vector!).ToList(), paths, depths, epochs,
            seed: seed, epochDone: epochDone, ct: ct);

        var number = (LearnedEmbedding.Versions(modelsRoot, catalogue.Name).Select(v => v.Number).DefaultIfEmpty(0).Max()) + 1;
        var folder = Path.Combine(LearnedEmbedding.VersionsFolder(modelsRoot, catalogue.Name), $"v{number}");
        head.Save(folder, new LearnedEmbeddingInfo(number, DateTime.UtcNow, "labellers' decisions, else rule labels; development split only",
            labelled, epochs, firstLoss, finalLoss, $"tree-weighted contrastive (shared depth / deeper path)², temperature {EmbeddingHeadTrainer.Temperature}"));

        var learned = rows.Select(r => (r.ProductId, head.Apply(r.Vector))).ToList();
        var written = await EmbeddingStore.SaveAsync(db, catalogue.Id, LearnedEmbedding.Model, learned, ct: ct);
        return new EmbeddingLearningResult(number, folder, labelled, learned.Count, firstLoss, finalLoss, written);
    }

    /// <summary>The categories and all their ancestors.</summary>
    internal static int[] WithAncestors(int[] categories, IReadOnlyDictionary<int, int?> parents)
    {
        var all = new HashSet<int>();
        foreach (var category in categories)
            for (int? c = category; c is { } id && parents.ContainsKey(id) && all.Add(id); c = parents[id]) { }
        return all.Order().ToArray();
    }
}

/// <param name="Trained">Labelled products of the development split it learned from.</param>
/// <param name="Embedded">Products given a learned embedding (every product with a pretrained one).</param>
public sealed record EmbeddingLearningResult(int Version, string Folder, int Trained, int Embedded, double FirstLoss, double FinalLoss,
    EmbeddingWrite Written);
