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
        var stored = new List<(long Id, string Labeller, int[] Categories, DateTime DecidedAt)>();
        var which = resolution ? "is_resolution" : "NOT is_resolution AND batch_id = @batch AND labeller = @labeller";
        await using (var command = await session.CommandAsync($"""
            SELECT id, labeller, positive_category_ids, decided_at FROM label_decisions
            WHERE product_id = @product AND {which} ORDER BY decided_at DESC, id DESC
            """, ct, ("product", productId), ("batch", batchId ?? 0), ("labeller", labeller)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                stored.Add((reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<int[]>(2), reader.GetDateTime(3)));

        if (stored.Count > 0 && stored[0].Labeller == labeller && stored[0].Categories.Order().SequenceEqual(categoryIds))
            return new SavedDecision(productId, stored[0].Categories, stored[0].DecidedAt);
        (string, object?)[] values = [("id", stored.Count > 0 ? stored[0].Id : 0), ("product", productId), ("labeller", labeller),
            ("categories", categoryIds), ("now", now), ("batch", batchId), ("resolution", resolution),
            ("others", stored.Skip(1).Select(s => s.Id).ToArray())];
        await session.ExecuteAsync(stored.Count == 0
            ? """
              INSERT INTO label_decisions (product_id, labeller, positive_category_ids, decided_at, batch_id, is_resolution)
              VALUES (@product, @labeller, @categories, @now, @batch, @resolution)
              """
            : """
              UPDATE label_decisions SET labeller = @labeller, positive_category_ids = @categories, decided_at = @now,
                  batch_id = @batch WHERE id = @id;
              DELETE FROM label_decisions WHERE id = ANY(@others)
              """, ct, values);
        return new SavedDecision(productId, categoryIds, now);
    }
}
