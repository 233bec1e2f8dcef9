using Microsoft.EntityFrameworkCore;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// Writes decisions: one row per labeller, product and batch (re-deciding updates it), and one resolution per product.
/// Saving what is already stored changes nothing, so a retried call is harmless.
/// </summary>
internal static class DecisionStore
{
    public static async Task<SavedDecision> SaveAsync(QueueSession session, long? batchId, long productId, string labeller,
        int[] categoryIds, bool resolution, DateTime now, CancellationToken ct)
    {
        var db = session.Db;
        var stored = await db.LabelDecisions
            .Where(d => d.ProductId == productId && d.IsResolution == resolution
                && (resolution || (d.BatchId == batchId && d.Labeller == labeller)))
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).ToListAsync(ct);
        var decision = stored.FirstOrDefault();
        if (decision is not null && decision.Labeller == labeller && decision.PositiveCategoryIds.Order().SequenceEqual(categoryIds))
            return new SavedDecision(productId, decision.PositiveCategoryIds, decision.DecidedAt);

        if (decision is null) db.LabelDecisions.Add(decision = new LabelDecision { ProductId = productId, Labeller = labeller });
        decision.Labeller = labeller;
        decision.BatchId = batchId;
        decision.PositiveCategoryIds = categoryIds;
        decision.DecidedAt = now;
        decision.IsResolution = resolution;
        db.LabelDecisions.RemoveRange(stored.Skip(1));
        await db.SaveChangesAsync(ct);
        return new SavedDecision(productId, categoryIds, now);
    }
}
