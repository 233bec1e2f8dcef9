using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Brings a catalogue's index up to date with its embeddings in Postgres: applies the rows written since the
/// index's watermark (new and changed vectors, tombstones), with each product's categories, then publishes.
/// </summary>
public sealed class SimilaritySync(ClassifierDb db, ISimilarityIndexWriter index, string model, int batchSize = 4096)
{
    /// <summary>Applies what changed since the index was last published; does nothing when it is up to date.</summary>
    public async Task<SimilaritySyncResult> CatchUpAsync(int catalogueId, IProgress<SimilaritySyncProgress>? progress = null,
        CancellationToken ct = default)
    {
        var watermark = await index.WatermarkAsync(ct);
        var cleared = watermark > 0 && await BuiltForAnotherCatalogueAsync(catalogueId, watermark, ct);
        if (cleared)
        {
            await index.ClearAsync(ct);
            watermark = 0;
        }
        var total = await Pending(catalogueId, watermark).CountAsync(ct);
        var (added, removed, done) = (0, 0, 0);
        progress?.Report(new SimilaritySyncProgress(0, total));
        while (done < total)
        {
            var after = watermark;
            var page = await Pending(catalogueId, after).OrderBy(e => e.Revision).Take(batchSize)
                .Select(e => new EmbeddingChange(e.ProductId, e.Vector, e.Revision)).ToListAsync(ct);
            if (page.Count == 0) break;
            var present = page.Where(c => c.Vector is not null).ToList();
            var categories = await ProductCategories.ForIndexAsync(db, present.Select(c => c.ProductId).ToArray(), ct);
            await index.UpsertAsync(present.Select(c => new SimilarityEntry(c.ProductId, c.Vector!,
                categories[c.ProductId].Known, categories[c.ProductId].Predicted)).ToList(), ct);
            var gone = page.Where(c => c.Vector is null).Select(c => c.ProductId).ToList();
            if (gone.Count > 0) await index.RemoveAsync(gone, ct);
            (added, removed, done, watermark) = (added + present.Count, removed + gone.Count, done + page.Count, page[^1].Revision);
            progress?.Report(new SimilaritySyncProgress(done, total));
        }
        if (done > 0 || cleared) await index.PublishAsync(watermark, ct);
        return new SimilaritySyncResult(added, removed, await index.CountAsync(ct), watermark);
    }

    /// <summary>
    /// Whether the index's watermark cannot have come from this catalogue's embeddings: every row is newer than it (the
    /// catalogue was replaced, by a re-import or a delete and create of the same name, after the index was built) or
    /// none reaches it. Such an index holds products that no longer exist and is rebuilt from nothing; when every row
    /// is newer, all would be applied again anyway, so nothing of this catalogue's is lost by clearing.
    /// </summary>
    private async Task<bool> BuiltForAnotherCatalogueAsync(int catalogueId, long watermark, CancellationToken ct)
    {
        var revisions = Pending(catalogueId, 0).Select(e => e.Revision);
        var oldest = await revisions.MinAsync(r => (long?)r, ct);
        var newest = await revisions.MaxAsync(r => (long?)r, ct);
        return oldest is null || oldest > watermark || newest < watermark;
    }

    /// <summary>Empties the index and adds every embedding of the catalogue again.</summary>
    public async Task<SimilaritySyncResult> RebuildAsync(int catalogueId, IProgress<SimilaritySyncProgress>? progress = null,
        CancellationToken ct = default)
    {
        await index.ClearAsync(ct);
        var result = await CatchUpAsync(catalogueId, progress, ct);
        if (result.Added + result.Removed == 0) await index.PublishAsync(0, ct);
        return result;
    }

    private IQueryable<ProductEmbedding> Pending(int catalogueId, long after) =>
        from e in db.ProductEmbeddings.AsNoTracking()
        join p in db.Products on e.ProductId equals p.Id
        where p.CatalogueId == catalogueId && e.Model == model && e.Revision > after
        select e;
}
