using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Which embedding a catalogue's visual similarity uses, chosen at run time (<see cref="SimilaritySettings"/>): a choice
/// queues an index-similarity job, which builds the chosen embedding's index, publishes it and then marks it served;
/// searches read the served embedding on every request, so the web app swaps to the new index without a restart.
/// A catalogue nobody chose for follows <see cref="SimilarityOptions.Embedding"/>.
/// </summary>
public static class EmbeddingChoice
{
    /// <summary>The embedding index-similarity jobs build for the catalogue: the admins' choice, else <paramref name="configured"/>.</summary>
    public static async Task<SimilarityEmbedding> ChosenAsync(ClassifierDb db, int catalogueId, SimilarityEmbedding configured,
        CancellationToken ct = default) =>
        await db.SimilaritySettings.AsNoTracking().Where(s => s.CatalogueId == catalogueId)
            .Select(s => (SimilarityEmbedding?)s.Embedding).SingleOrDefaultAsync(ct) ?? configured;

    /// <summary>The embedding searches of the catalogue use: the last choice whose index was published, else <paramref name="configured"/>.</summary>
    public static async Task<SimilarityEmbedding> ServedAsync(ClassifierDb db, int catalogueId, SimilarityEmbedding configured,
        CancellationToken ct = default) =>
        await db.SimilaritySettings.AsNoTracking().Where(s => s.CatalogueId == catalogueId)
            .Select(s => s.ServedEmbedding).SingleOrDefaultAsync(ct) ?? configured;

    /// <summary>Both, and who chose when, for a page: the choice is pending while <c>Chosen != Served</c>.</summary>
    public static async Task<EmbeddingChoiceState> StateAsync(ClassifierDb db, int catalogueId, SimilarityEmbedding configured,
        CancellationToken ct = default)
    {
        var stored = await db.SimilaritySettings.AsNoTracking().SingleOrDefaultAsync(s => s.CatalogueId == catalogueId, ct);
        return new EmbeddingChoiceState(stored?.Embedding ?? configured, stored?.ServedEmbedding ?? configured, stored?.ChosenBy,
            stored?.ChosenAt, await HasLearnedAsync(db, catalogueId, ct));
    }

    /// <summary>
    /// Chooses <paramref name="embedding"/> for the catalogue and queues the index-similarity job that builds its index
    /// and then serves it (or finds one already waiting, which will). Returns that job.
    /// </summary>
    /// <exception cref="UserFacingException">The learned embedding, for a catalogue that has none trained.</exception>
    public static async Task<Job> ChooseAsync(ClassifierDb db, Catalogue catalogue, SimilarityEmbedding embedding, string chosenBy,
        CancellationToken ct = default)
    {
        if (embedding == SimilarityEmbedding.Learned && !await HasLearnedAsync(db, catalogue.Id, ct))
            throw new UserFacingException($"Catalogue '{catalogue.Name}' has no learned embedding yet: train one (./pc similarity learn, or a train-embedding job) before choosing it.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.SimilaritySettings.SingleOrDefaultAsync(s => s.CatalogueId == catalogue.Id, ct);
        if (stored is null) db.SimilaritySettings.Add(stored = new SimilaritySettings { CatalogueId = catalogue.Id, ChosenBy = chosenBy });
        (stored.Embedding, stored.ChosenBy, stored.ChosenAt) = (embedding, chosenBy, DateTime.UtcNow);
        await db.SaveChangesAsync(ct);
        var job = await JobKinds.QueueSimilarityIndexAsync(db, catalogue, ct)
            ?? await db.Jobs.Where(j => j.CatalogueId == catalogue.Id && j.Kind == JobKinds.IndexSimilarity && j.Status == JobStatus.Queued)
                .OrderBy(j => j.Id).FirstAsync(ct);
        await transaction.CommitAsync(ct);
        return job;
    }

    /// <summary>
    /// After <paramref name="built"/>'s index was published: serves it, when it is still the catalogue's choice (a newer
    /// choice waits for its own job). False when nothing changed.
    /// </summary>
    public static async Task<bool> MarkServedAsync(ClassifierDb db, int catalogueId, SimilarityEmbedding built, CancellationToken ct = default) =>
        await db.SimilaritySettings.Where(s => s.CatalogueId == catalogueId && s.Embedding == built && s.ServedEmbedding != built)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ServedEmbedding, built).SetProperty(x => x.ServedAt, DateTime.UtcNow), ct) > 0;

    /// <summary>Whether the catalogue has learned embeddings in Postgres (a head was trained and its vectors written).</summary>
    public static Task<bool> HasLearnedAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default) =>
        (from e in db.ProductEmbeddings
         join p in db.Products on e.ProductId equals p.Id
         where p.CatalogueId == catalogueId && e.Model == LearnedEmbedding.Model && e.Vector != null
         select e.ProductId).AnyAsync(ct);
}
